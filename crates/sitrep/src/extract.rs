//! `sitrep extract`: inputs in, one JSON reading per document out, in input order.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use anyhow::Result;
use sitrep_model::{RawDocument, Reading};
use sitrep_pipeline::analyze::Analyzer;
use sitrep_pipeline::clean::Cleaner;
use sitrep_pipeline::extract::{ExtractOptions, Extractor};
use sitrep_pipeline::ingest::{self, IngestConfig};

use crate::cli::{ExtractArgs, Format};
use crate::inputs::{self, Source};
use crate::order::{ordered_map, Flow};

/// One document to read, or an input that failed before any document could come out of it.
type Item = std::result::Result<RawDocument, String>;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let ingest_cfg = IngestConfig {
        max_document_bytes: args.max_document_bytes,
    };
    let extractor = build_extractor(&args.dict, args.published.clone(), args.clean_only)?;
    let sources = inputs::expand(&args.inputs);
    let items = sources
        .into_iter()
        .flat_map(move |source| documents(source, &ingest_cfg));

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut tally = Tally::default();
    let mut write_error: Option<io::Error> = None;
    if args.format == Format::Json {
        write_error = out.write_all(b"[").err();
    }
    ordered_map(
        items,
        threads,
        |item| item.and_then(|raw| read_guarded(&extractor, raw)),
        |result| match result {
            Ok(reading) => {
                let first = tally.read == 0;
                tally.read += 1;
                match write_reading(&mut out, &reading, args.format, first) {
                    Ok(()) => Flow::Continue,
                    Err(e) => {
                        write_error = Some(e);
                        Flow::Stop
                    }
                }
            }
            Err(message) => {
                tally.failed += 1;
                eprintln!("sitrep: {message}");
                Flow::Continue
            }
        },
    );
    if write_error.is_none() && args.format == Format::Json {
        write_error = out.write_all(b"\n]\n").err();
    }
    if write_error.is_none() {
        write_error = out.flush().err();
    }
    if let Some(e) = write_error {
        // A closed pipe (`sitrep extract ... | head`) is the reader's choice, not a failure.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(anyhow::Error::new(e).context("cannot write to standard output"));
    }
    if !args.quiet {
        eprintln!(
            "sitrep: {} document{} read, {} failed",
            tally.read,
            if tally.read == 1 { "" } else { "s" },
            tally.failed
        );
    }
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The extractor of a run: the built-in vocabularies extended by the `--dict` folders.
pub(crate) fn build_extractor(
    dict: &[std::path::PathBuf],
    published: Option<String>,
    clean_only: bool,
) -> Result<Extractor> {
    let dicts = crate::dict::Dictionaries::load(dict)?;
    Ok(Extractor::new(
        Cleaner::new(dicts.lexicon),
        Analyzer {
            actors: dicts.actors,
            ..Analyzer::default()
        },
        ExtractOptions {
            default_published: published,
            clean_only,
        },
    )
    .with_coder(dicts.events))
}

#[derive(Debug, Default)]
struct Tally {
    read: u64,
    failed: u64,
}

/// The documents of one source, opened lazily on the reader thread.
pub(crate) fn documents<'a>(
    source: std::result::Result<Source, inputs::Unreadable>,
    cfg: &IngestConfig,
) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
    let source = match source {
        Ok(s) => s,
        Err(u) => return Box::new(std::iter::once(Err(format!("{}: {}", u.name, u.reason)))),
    };
    let name = source.name();
    let docs = match &source {
        Source::Stdin => ingest::read(&name, io::stdin(), cfg),
        Source::File(path) => match File::open(path) {
            Ok(f) => ingest::read(&name, BufReader::with_capacity(1 << 18, f), cfg),
            Err(e) => return Box::new(std::iter::once(Err(format!("{name}: cannot open: {e}")))),
        },
    };
    Box::new(docs.map(|d| d.map_err(|e| e.to_string())))
}

/// Reads one document. The pipeline does not panic on any input; should a bug make it do so
/// anyway, that one document is reported and the batch goes on.
pub(crate) fn read_guarded(
    extractor: &Extractor,
    raw: RawDocument,
) -> std::result::Result<Reading, String> {
    let origin = raw.origin.clone();
    catch_unwind(AssertUnwindSafe(|| extractor.read(raw))).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("{origin}: internal error, document skipped: {what}")
    })
}

fn write_reading(out: &mut impl Write, r: &Reading, format: Format, first: bool) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")
        }
        Format::Json => {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, r)?;
            Ok(())
        }
    }
}
