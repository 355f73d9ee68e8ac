//! `sitrep import`: load the Parquet output of the Spark job (`scale/spark_job.py`) into a store.
//!
//! The readings are the job's, stored as they are (nothing is read again): each row's
//! `reading_json` with its `content_hash`, origin and capture date becomes a
//! [`NewDocument`]. Identity is the store's (content hash and URL), so importing the same output
//! twice stores nothing the second time.
//!
//! Files are taken in path order, which for the job's `published_date=YYYY-MM-DD` folders is
//! date order (undated last), and the rows of a file by publication date and key: the earliest
//! copy of a story reaches the store first, so the store's own near-duplicate links point from
//! later copies to it, as the job's `duplicate_of` does. The summary counts how often they agree.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use arrow_array::{Array, Int64Array, LargeStringArray, RecordBatch, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use sitrep_model::{Reading, RecordRef};
use sitrep_store::{NewDocument, PutMode, PutOutcome};

use crate::cli::ImportArgs;

/// One row of the job's output, as the store needs it.
struct Row {
    key: String,
    published: Option<String>,
    doc: NewDocument,
    /// The job's verdict: the key of the original this row nearly duplicates.
    duplicate_of: Option<String>,
}

#[derive(Debug, Default, serde::Serialize)]
struct Tally {
    files: u64,
    rows: u64,
    stored: u64,
    unchanged: u64,
    replaced: u64,
    /// Stored rows the store linked as near-duplicates.
    duplicates: u64,
    /// Rows where the store and the job agree on being a near-duplicate or not.
    duplicate_agreement: u64,
    failed: u64,
}

pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let files = parquet_files(&args.inputs)?;
    if files.is_empty() {
        bail!("no Parquet files under {:?}", args.inputs);
    }
    let store = sitrep_store::open(&args.db)?;
    let mode = if args.reprocess {
        PutMode::Reprocess
    } else {
        PutMode::Skip
    };
    let mut tally = Tally::default();
    for file in &files {
        tally.files += 1;
        let mut rows = match read_file(file, &mut tally) {
            Ok(rows) => rows,
            Err(e) => {
                tally.failed += 1;
                eprintln!("sitrep: {}: {e:#}", file.display());
                continue;
            }
        };
        rows.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.key).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.key,
            ))
        });
        for chunk in rows.chunks(args.batch.max(1)) {
            let job_dup: Vec<bool> = chunk.iter().map(|r| r.duplicate_of.is_some()).collect();
            let batch = chunk.iter().map(|r| r.doc.clone()).collect();
            let outcomes = store
                .put(batch, mode)
                .with_context(|| format!("storing rows of {}", file.display()))?;
            for (outcome, job_says_dup) in outcomes.iter().zip(job_dup) {
                match outcome {
                    PutOutcome::Stored { duplicate_of, .. } => {
                        tally.stored += 1;
                        tally.duplicates += u64::from(duplicate_of.is_some());
                        tally.duplicate_agreement +=
                            u64::from(duplicate_of.is_some() == job_says_dup);
                    }
                    PutOutcome::Unchanged { .. } => tally.unchanged += 1,
                    PutOutcome::Replaced { .. } => tally.replaced += 1,
                }
            }
        }
    }
    {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &tally)?;
        writeln!(out).context("cannot write to standard output")?;
    }
    if !args.quiet {
        eprintln!(
            "sitrep: {} rows from {} files into {}: {} stored ({} near-duplicates), {} unchanged, {} replaced, {} failed",
            tally.rows,
            tally.files,
            store.backend(),
            tally.stored,
            tally.duplicates,
            tally.unchanged,
            tally.replaced,
            tally.failed
        );
    }
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The Parquet files under the inputs, in path order; hidden and `_`-prefixed entries (Spark's
/// `_SUCCESS`, `.crc` files) are skipped.
fn parquet_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta =
            fs::metadata(input).with_context(|| format!("cannot read {}", input.display()))?;
        if meta.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.') && !n.starts_with('_'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "parquet") {
            out.push(p);
        }
    }
    Ok(())
}

/// Every row of one file. A row that does not decode is reported and left out.
fn read_file(path: &Path, tally: &mut Tally) -> Result<Vec<Row>> {
    let file = File::open(path).context("cannot open")?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .context("not a Parquet file")?
        .with_batch_size(1024)
        .build()
        .context("cannot read")?;
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.context("cannot read a row group")?;
        let cols = Columns::of(&batch)?;
        for i in 0..batch.num_rows() {
            tally.rows += 1;
            match cols.row(i) {
                Ok(row) => rows.push(row),
                Err(e) => {
                    tally.failed += 1;
                    eprintln!("sitrep: {}: row {}: {e:#}", path.display(), tally.rows);
                }
            }
        }
    }
    Ok(rows)
}

/// A string column, whichever width the writer chose.
enum Strings<'a> {
    Small(&'a StringArray),
    Large(&'a LargeStringArray),
}

impl Strings<'_> {
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strings::Small(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strings::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

struct Columns<'a> {
    key: Strings<'a>,
    content_hash: Strings<'a>,
    reading_json: Strings<'a>,
    origin_input: Option<Strings<'a>>,
    origin_record: Option<&'a Int64Array>,
    origin_offset: Option<&'a Int64Array>,
    captured: Option<Strings<'a>>,
    reader_version: Option<Strings<'a>>,
    duplicate_of: Option<Strings<'a>>,
}

fn strings<'a>(batch: &'a RecordBatch, name: &str) -> Result<Option<Strings<'a>>> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Ok(Some(Strings::Small(a)));
    }
    if let Some(a) = any.downcast_ref::<LargeStringArray>() {
        return Ok(Some(Strings::Large(a)));
    }
    bail!("column {name} is {}, not a string", col.data_type())
}

fn required<'a>(batch: &'a RecordBatch, name: &str) -> Result<Strings<'a>> {
    strings(batch, name)?.with_context(|| format!("no column {name}: not the job's output?"))
}

fn longs<'a>(batch: &'a RecordBatch, name: &str) -> Option<&'a Int64Array> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
}

impl<'a> Columns<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Columns<'a>> {
        Ok(Columns {
            key: required(batch, "key")?,
            content_hash: required(batch, "content_hash")?,
            reading_json: required(batch, "reading_json")?,
            origin_input: strings(batch, "origin_input")?,
            origin_record: longs(batch, "origin_record"),
            origin_offset: longs(batch, "origin_offset"),
            captured: strings(batch, "captured")?,
            reader_version: strings(batch, "reader_version")?,
            duplicate_of: strings(batch, "duplicate_of")?,
        })
    }

    fn row(&self, i: usize) -> Result<Row> {
        let long = |a: Option<&Int64Array>| {
            a.and_then(|a| (!a.is_null(i)).then(|| a.value(i)))
                .and_then(|v| u64::try_from(v).ok())
        };
        let text = |s: &Option<Strings<'_>>| s.as_ref().and_then(|s| s.get(i)).map(str::to_string);
        let key = self.key.get(i).context("no key")?.to_string();
        let json = self.reading_json.get(i).context("no reading_json")?;
        let reading: Reading = serde_json::from_str(json).context("reading_json does not parse")?;
        let content_hash = self
            .content_hash
            .get(i)
            .context("no content_hash")?
            .to_string();
        let origin = RecordRef {
            input: text(&self.origin_input).unwrap_or_else(|| key.clone()),
            record: long(self.origin_record),
            offset: long(self.origin_offset),
        };
        Ok(Row {
            published: reading.published.clone(),
            duplicate_of: text(&self.duplicate_of),
            doc: NewDocument {
                origin,
                content_hash,
                raw: None,
                captured: text(&self.captured),
                reader_version: text(&self.reader_version)
                    .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string()),
                reading,
            },
            key,
        })
    }
}
