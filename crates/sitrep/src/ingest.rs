//! `sitrep ingest`: inputs in, readings stored in a database.
//!
//! One reader thread streams documents out of the inputs; worker threads hash each raw body,
//! skip it if the store already holds it (unless `--reprocess`), and read it; this thread is the
//! writer, storing readings in batches of `--batch`, one transaction each. The channels between
//! them are bounded (`order::ordered_map` keeps a fixed window in flight), so memory stays
//! bounded by the largest document however large the input. A crash loses at most the batch
//! being written; running the same ingest again completes it, storing nothing twice.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use sitrep_model::{Body, RawDocument, RecordRef};
use sitrep_pipeline::clean::Cleaner;
use sitrep_pipeline::extract::Extractor;
use sitrep_pipeline::ingest::IngestConfig;
use sitrep_store::{NewDocument, PutMode, PutOutcome, Store};

use crate::extract::{build_extractor, documents, read_guarded};
use crate::inputs::{self, Source};
use crate::order::{ordered_map, Flow};
use crate::progress::{Progress, ProgressMode, Snapshot};

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// The database: a path to an SQLite file (created if missing) or `sqlite:PATH`.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// Read documents again even if they are stored, and replace their readings.
    #[arg(long)]
    pub reprocess: bool,

    /// Analysis threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// Documents per transaction.
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,

    /// Progress on standard error: a bar on a terminal (auto), always a bar, JSON lines, or none.
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,

    /// No progress and no summary (errors are still reported).
    #[arg(long, short)]
    pub quiet: bool,

    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub published: Option<String>,

    /// A folder of user vocabulary files added to the built-in ones (repeatable).
    #[arg(long, value_name = "DIR")]
    pub dict: Vec<PathBuf>,

    /// The largest document or record accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// Do not keep the raw documents (only their readings and a reference to the input).
    #[arg(long)]
    pub no_raw: bool,
}

/// What a worker made of one document.
enum Done {
    /// A reading to store.
    Read(Box<NewDocument>, u64),
    /// Already stored: not read again.
    Known(RecordRef),
    /// The input or record could not be read.
    Failed(String),
}

/// The tally of a run, reported at the end.
#[derive(Debug, Default)]
struct Tally {
    read: u64,
    stored: u64,
    unchanged: u64,
    duplicates: u64,
    replaced: u64,
    failed: u64,
    failures: Vec<String>,
    /// Events by quad class, of the readings stored or replaced (near-duplicates left out).
    quads: [u64; 4],
    claimants: std::collections::BTreeMap<String, u64>,
}

/// Failures listed in the JSON summary; the rest are counted.
const MAX_LISTED_FAILURES: usize = 1000;

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let store = sitrep_store::open(&args.db).with_context(|| format!("--db {}", args.db))?;
    // An empty batch checks that the store takes writes before any document is read.
    store.put(Vec::new(), PutMode::Skip)?;
    let extractor = build_extractor(&args.dict, args.published.clone(), false)?;
    let cleaner = Cleaner::new(crate::dict::Dictionaries::load(&args.dict)?.lexicon);
    let ingest_cfg = IngestConfig {
        max_document_bytes: args.max_document_bytes,
    };
    let sources = inputs::expand(&args.inputs);
    let sizes = InputSizes::of(&sources);
    let items = sources
        .into_iter()
        .flat_map(move |source| documents(source, &ingest_cfg));
    let mode = if args.reprocess {
        PutMode::Reprocess
    } else {
        PutMode::Skip
    };
    let mut progress = Progress::start(
        if args.quiet {
            ProgressMode::None
        } else {
            args.progress
        },
        sizes.total,
    );

    let mut tally = Tally::default();
    let mut batch: Vec<NewDocument> = Vec::with_capacity(args.batch as usize);
    let mut db_error: Option<sitrep_store::StoreError> = None;
    let mut bytes = 0u64;
    let work = |item: std::result::Result<RawDocument, String>| match item {
        Ok(raw) => prepare(
            store.as_ref(),
            (&cleaner, &extractor),
            raw,
            mode,
            !args.no_raw,
        ),
        Err(message) => Done::Failed(message),
    };
    ordered_map(items, threads, work, |done| {
        tally.read += 1;
        match done {
            Done::Read(doc, _) if db_error.is_some() => drop(doc),
            Done::Read(doc, size) => {
                bytes = sizes.position(&doc.origin, size).max(bytes);
                batch.push(*doc);
                if batch.len() >= args.batch as usize {
                    if let Err(e) = flush(store.as_ref(), &mut batch, mode, &mut tally) {
                        db_error = Some(e);
                        return Flow::Stop;
                    }
                }
            }
            Done::Known(origin) => {
                bytes = sizes.position(&origin, 0).max(bytes);
                tally.unchanged += 1;
            }
            Done::Failed(message) => {
                tally.failed += 1;
                progress.failure(&message);
                if tally.failures.len() < MAX_LISTED_FAILURES {
                    tally.failures.push(message);
                }
            }
        }
        progress.update(Snapshot {
            documents: tally.read,
            stored: tally.stored + tally.replaced + batch.len() as u64,
            unchanged: tally.unchanged,
            failed: tally.failed,
            bytes,
        });
        Flow::Continue
    });
    if db_error.is_none() {
        if let Err(e) = flush(store.as_ref(), &mut batch, mode, &mut tally) {
            db_error = Some(e);
        }
    }
    progress.finish();
    if let Some(e) = db_error {
        // The failed batch was rolled back; what was committed before it stays.
        let committed = tally.stored + tally.replaced;
        return Err(anyhow::Error::new(e).context(format!(
            "ingest stopped after {committed} documents were stored; run it again to go on"
        )));
    }
    if !args.quiet {
        summarize(&tally, &args.db, progress.elapsed(), args.progress);
    }
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A worker's share: hash, look up, read.
fn prepare(
    store: &dyn Store,
    (cleaner, extractor): (&Cleaner, &Extractor),
    raw: RawDocument,
    mode: PutMode,
    keep_raw: bool,
) -> Done {
    let body = raw.body.as_str().as_bytes();
    let size = body.len() as u64;
    let content_hash = hex(&Sha256::digest(body));
    if mode == PutMode::Skip {
        // The URL is part of a document's identity. A page its container gave no URL may name
        // its own (og:url, canonical link), which becomes the reading's: cleaning, much cheaper
        // than reading, finds it.
        let url = match (&raw.url, &raw.body) {
            (None, Body::Html(_)) => cleaner.clean(raw.clone()).url,
            _ => raw.url.clone(),
        };
        match store.contains(&content_hash, url.as_deref()) {
            Ok(Some(_)) => return Done::Known(raw.origin),
            Ok(None) => {}
            // The writer meets the same database and reports the error; here the document is
            // simply read.
            Err(_) => {}
        }
    }
    let origin = raw.origin.clone();
    let captured = raw.captured.clone();
    let raw_bytes = keep_raw.then(|| body.to_vec());
    match read_guarded(extractor, raw) {
        Ok(reading) => Done::Read(
            Box::new(NewDocument {
                reading,
                origin,
                content_hash,
                raw: raw_bytes,
                captured,
                reader_version: env!("CARGO_PKG_VERSION").to_string(),
            }),
            size,
        ),
        Err(message) => Done::Failed(message),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Stores the batch and counts the outcomes.
fn flush(
    store: &dyn Store,
    batch: &mut Vec<NewDocument>,
    mode: PutMode,
    tally: &mut Tally,
) -> sitrep_store::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let docs = std::mem::take(batch);
    let counted: Vec<_> = docs
        .iter()
        .map(|d| {
            let quads = d.reading.events.iter().map(|e| e.quad).collect::<Vec<_>>();
            let claimants = d
                .reading
                .casualties
                .iter()
                .map(|c| {
                    c.according_to
                        .as_ref()
                        .map_or_else(|| "(reporter)".to_string(), |a| a.text.clone())
                })
                .collect::<Vec<_>>();
            (quads, claimants)
        })
        .collect();
    let outcomes = store.put(docs, mode)?;
    for (outcome, (quads, claimants)) in outcomes.iter().zip(counted) {
        let counts = match outcome {
            PutOutcome::Stored { duplicate_of, .. } => {
                tally.stored += 1;
                if duplicate_of.is_some() {
                    tally.duplicates += 1;
                }
                duplicate_of.is_none()
            }
            PutOutcome::Unchanged { .. } => {
                tally.unchanged += 1;
                false
            }
            PutOutcome::Replaced { .. } => {
                tally.replaced += 1;
                true
            }
        };
        if counts {
            for q in quads {
                if let Some(slot) = usize::from(q)
                    .checked_sub(1)
                    .and_then(|i| tally.quads.get_mut(i))
                {
                    *slot += 1;
                }
            }
            for c in claimants {
                *tally.claimants.entry(c).or_default() += 1;
            }
        }
    }
    Ok(())
}

const QUADS: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

fn summarize(t: &Tally, db: &str, secs: f64, mode: ProgressMode) {
    let mut claimants: Vec<(&String, &u64)> = t.claimants.iter().collect();
    claimants.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    if mode == ProgressMode::Json {
        let summary = serde_json::json!({
            "summary": {
                "database": db,
                "documents": t.read,
                "stored": t.stored,
                "unchanged": t.unchanged,
                "near_duplicates": t.duplicates,
                "replaced": t.replaced,
                "failed": t.failed,
                "failures": t.failures,
                "events_by_quad": QUADS.iter().zip(t.quads).map(|(q, n)| (q.to_string(), serde_json::Value::from(n)))
                    .collect::<serde_json::Map<_, _>>(),
                "claims_by_claimant": claimants.iter().map(|(c, n)| serde_json::json!([c, n]))
                    .collect::<Vec<_>>(),
                "seconds": (secs * 100.0).round() / 100.0,
            }
        });
        eprintln!("{summary}");
        return;
    }
    let rate = if secs > 0.0 {
        t.read as f64 / secs
    } else {
        0.0
    };
    eprintln!(
        "sitrep: {} document{} read in {secs:.1}s ({rate:.0}/s) into {db}: {} stored ({} near-duplicate{}), {} unchanged, {} replaced, {} failed",
        t.read,
        if t.read == 1 { "" } else { "s" },
        t.stored,
        t.duplicates,
        if t.duplicates == 1 { "" } else { "s" },
        t.unchanged,
        t.replaced,
        t.failed,
    );
    let quads: Vec<String> = QUADS
        .iter()
        .zip(t.quads)
        .map(|(q, n)| format!("{q} {n}"))
        .collect();
    eprintln!("sitrep: events by quad class: {}", quads.join(", "));
    if !claimants.is_empty() {
        let shown: Vec<String> = claimants
            .iter()
            .take(10)
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let more = claimants.len().saturating_sub(10);
        eprintln!(
            "sitrep: claims by claimant: {}{}",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
}

/// The sizes of the inputs, to place a document's offset in the whole run.
struct InputSizes {
    /// Input name → (bytes before it, its size).
    inputs: std::collections::HashMap<String, (u64, u64)>,
    total: Option<u64>,
}

impl InputSizes {
    fn of(sources: &[std::result::Result<Source, inputs::Unreadable>]) -> InputSizes {
        let mut inputs = std::collections::HashMap::new();
        let mut total = Some(0u64);
        for source in sources.iter().flatten() {
            match source {
                Source::File(p) => {
                    let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                    let before = total.unwrap_or(0);
                    inputs.insert(source.name(), (before, size));
                    total = total.map(|t| t + size);
                }
                Source::Stdin => total = None,
            }
        }
        InputSizes { inputs, total }
    }

    /// Bytes of the run read up to this document: the inputs before its own, and its offset in
    /// its own (the whole input for a single-document one).
    fn position(&self, origin: &RecordRef, size: u64) -> u64 {
        match self.inputs.get(&origin.input) {
            Some((before, len)) => {
                let within = match origin.offset {
                    Some(o) => o.saturating_add(size).min(*len),
                    None => *len,
                };
                before + within
            }
            None => 0,
        }
    }
}
