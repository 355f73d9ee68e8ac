//! `sitrep export`: stored documents written out as CSV, JSON Lines, Parquet, a GDELT 2.0 Event
//! table or an ACLED-style CSV. The writers are `sitrep-export`'s; this module opens the store
//! (or a readings file), the output files, and reports.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use sitrep_export::{ExportError, Exporter, Source, StoredDocument, Table};
use sitrep_model::{Reading, RecordRef};

use crate::filter_args::FilterArgs;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One table (events, claims or documents) as CSV with a header.
    Csv,
    /// One stored document per line: the reading and the store's metadata.
    Jsonl,
    /// One table as Parquet, typed columns (needs --out and a build with the `parquet` feature).
    Parquet,
    /// The GDELT 2.0 Event table (61 columns, tab-separated, no header), plus a sidecar TSV.
    Gdelt,
    /// ACLED-style CSV: violent and political events with fatalities (lowest best estimate).
    Acled,
}

/// Tables of the csv and parquet formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    Events,
    Claims,
    Documents,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The store: a SQLite file (`sitrep.db`, `sqlite:PATH`) or a `postgres://` URL.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// Export the readings of a JSON Lines file (`sitrep extract` output) instead of a store:
    /// each reading is a document of its own story, numbered by line. Filters do not apply.
    #[arg(long, value_name = "FILE", conflicts_with = "db")]
    pub readings: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// The table, for csv and parquet (default: events).
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<TableArg>,

    /// Output file (default: standard output; required for parquet).
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// For gdelt: where the sidecar TSV goes (default: OUT.sidecar.tsv when --out is given,
    /// none when writing to standard output).
    #[arg(long, value_name = "PATH")]
    pub sidecar: Option<PathBuf>,

    /// Do not print the closing summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    let f = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::new(f))
}

/// Standard output or a file.
fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(create(p)?),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// The readings of a JSON Lines file as stored documents, read afresh at every pass.
struct ReadingsFile {
    path: PathBuf,
}

impl Source for ReadingsFile {
    fn scan(
        &mut self,
        each: &mut dyn FnMut(StoredDocument) -> sitrep_export::Result<()>,
    ) -> sitrep_export::Result<()> {
        let input = self.path.display().to_string();
        let failed = |reason: String| ExportError::Read {
            input: input.clone(),
            reason,
        };
        let reader = BufReader::new(File::open(&self.path).map_err(|e| failed(e.to_string()))?);
        for (i, line) in reader.lines().enumerate() {
            let n = i as u64 + 1;
            let line = line.map_err(|e| failed(format!("line {n}: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let reading: Reading = serde_json::from_str(&line)
                .map_err(|e| failed(format!("line {n}: not a reading: {e}")))?;
            each(StoredDocument {
                doc: n as i64,
                content_hash: String::new(),
                origin: RecordRef::record(input.clone(), n, None),
                captured: None,
                ingested_at: String::new(),
                reader_version: String::new(),
                duplicate_of: None,
                similarity: None,
                story: None,
                reading,
            })?;
        }
        Ok(())
    }
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let table = match (args.format, args.table) {
        (ExportFormat::Csv | ExportFormat::Parquet, t) => match t.unwrap_or(TableArg::Events) {
            TableArg::Events => Table::Events,
            TableArg::Claims => Table::Claims,
            TableArg::Documents => Table::Documents,
        },
        (_, Some(_)) => bail!("--table applies to the csv and parquet formats only"),
        (_, None) => Table::Events,
    };
    if args.sidecar.is_some() && args.format != ExportFormat::Gdelt {
        bail!("--sidecar applies to the gdelt format only");
    }
    let filter = args.filter.to_filter()?;
    if let Some(path) = &args.readings {
        // Fail before any output is created, and never write over the input.
        File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let input = path.canonicalize().ok();
        for out in [&args.out, &args.sidecar].into_iter().flatten() {
            if out.canonicalize().ok() == input {
                bail!("{} is the input; write the export elsewhere", out.display());
            }
        }
    }

    let out_path = args.out.as_deref();
    let mut exporter: Box<dyn Exporter> = match args.format {
        ExportFormat::Csv => Box::new(
            sitrep_export::csv_tables::CsvExporter::new(table, output(out_path)?)
                .narrowed(filter.clone()),
        ),
        ExportFormat::Jsonl => {
            Box::new(sitrep_export::jsonl::JsonlExporter::new(output(out_path)?))
        }
        ExportFormat::Acled => Box::new(
            sitrep_export::acled::AcledExporter::new(output(out_path)?).narrowed(filter.clone()),
        ),
        ExportFormat::Gdelt => {
            let sidecar = match (&args.sidecar, out_path) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(out)) => {
                    let mut s = out.as_os_str().to_owned();
                    s.push(".sidecar.tsv");
                    Some(PathBuf::from(s))
                }
                (None, None) => None,
            };
            let sidecar = sidecar.as_deref().map(create).transpose()?;
            Box::new(
                sitrep_export::gdelt::GdeltExporter::new(output(out_path)?, sidecar)
                    .narrowed(filter.clone()),
            )
        }
        ExportFormat::Parquet => parquet_exporter(table, out_path, &filter)?,
    };

    let started = std::time::Instant::now();
    let (outcome, from) = match &args.readings {
        Some(path) => {
            if filter != sitrep_store::Filter::default() {
                bail!("filters need a store (--db); --readings exports every reading");
            }
            let mut source = ReadingsFile { path: path.clone() };
            (
                sitrep_export::run(exporter.as_mut(), &mut source),
                path.display().to_string(),
            )
        }
        None => {
            let store = open_store(&args.db)?;
            let mut source = sitrep_export::StoreSource {
                store: store.as_ref(),
                filter: &filter,
            };
            (
                sitrep_export::run(exporter.as_mut(), &mut source),
                args.db.clone(),
            )
        }
    };
    drop(exporter);
    let documents = match outcome {
        Ok(n) => n,
        // The reader of standard output went away (`| head`): stop quietly.
        Err(e) if e.is_broken_pipe() => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(anyhow::Error::new(e).context(format!("exporting {from}"))),
    };
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "sitrep export: {documents} documents as {} in {secs:.2} s{}",
            args.format
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default(),
            out_path
                .map(|p| format!(" to {}", p.display()))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the store named by `--db`. An export never creates a database: a SQLite path that
/// does not exist is an error.
fn open_store(db: &str) -> Result<Box<dyn sitrep_store::Store>> {
    if !db.contains("://") {
        let path = db.strip_prefix("sqlite:").unwrap_or(db);
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        if !Path::new(path).exists() {
            bail!("no database at {path} (make one with `sitrep ingest --db {path} INPUT...`)");
        }
    }
    sitrep_store::open(db).with_context(|| format!("cannot open the store {db}"))
}

#[cfg(feature = "parquet")]
fn parquet_exporter(
    table: Table,
    out: Option<&Path>,
    filter: &sitrep_store::Filter,
) -> Result<Box<dyn Exporter>> {
    let Some(path) = out else {
        bail!("--format parquet needs --out PATH (Parquet is not written to standard output)");
    };
    Ok(Box::new(
        sitrep_export::parquet_tables::ParquetExporter::new(table, create(path)?)
            .with_context(|| format!("cannot start {}", path.display()))?
            .narrowed(filter.clone()),
    ))
}

#[cfg(not(feature = "parquet"))]
fn parquet_exporter(
    _table: Table,
    _out: Option<&Path>,
    _filter: &sitrep_store::Filter,
) -> Result<Box<dyn Exporter>> {
    bail!(
        "this sitrep was built without Parquet support; rebuild it with \
         `cargo build --release --features parquet`"
    )
}
