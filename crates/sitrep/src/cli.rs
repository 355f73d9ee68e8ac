//! Command-line arguments, parsed and validated once.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// sitrep turns raw news into structured, source-attributed conflict and diplomacy data.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents and print one JSON reading per document (JSON Lines) on standard output.
    ///
    /// INPUT is a file, a folder (read recursively) or `-` for standard input. Plain text, HTML,
    /// JSON Lines, RSS/Atom and WARC are recognised by content, any of them gzipped. Exit status:
    /// 0 when every input was read, 1 when some failed (each named on standard error), 2 for a
    /// usage error.
    Extract(ExtractArgs),
    /// Show, sentence by sentence, how events were coded: the event words, the pattern that
    /// fired (file:line), the roles found and the events.
    Explain(ExplainArgs),
    /// Read documents and store their readings in a database (SQLite), linking near-duplicates
    /// and story clusters. Documents already stored are skipped, so an interrupted ingest is
    /// finished by running it again. Exit status: 0 when every document was stored, 1 when some
    /// failed (each named on standard error), 2 for a usage or database error.
    Ingest(crate::ingest::IngestArgs),
    /// List stored events, claims, documents, stories, quotes, actors or places under filters.
    Query(Box<crate::query::QueryArgs>),
    /// Show one story: its casualty figures claimant by claimant (low/best/high), its events
    /// counted once, and its documents.
    Story(crate::query::StoryArgs),
    /// Totals of a database.
    Stats(crate::stats::StatsArgs),
    /// Write stored documents out as csv (events, claims or documents), jsonl, parquet, a GDELT
    /// 2.0 Event table (with a sidecar TSV) or an ACLED-style CSV; the filters narrow what goes.
    Export(Box<crate::export::ExportArgs>),
    /// Serve the JSON API (described at /openapi.json) and the dashboard over a database, on
    /// 127.0.0.1:8080 by default. Ctrl-C or SIGTERM stops it after requests in flight.
    Serve(crate::serve::ServeArgs),
    /// A JSON Lines filter for scale-out (Spark's `RDD.pipe`): each input line names a file
    /// (`{"path": ...}`) or is an inline document (`{"id", "url", "title", "published", "html" |
    /// "text"}`); each document gives one line with its reading, content hash, MinHash signature
    /// and band keys, and each failure an `{"error", "input"}` line. Never stops on bad input.
    Process(ProcessArgs),
    /// Load the Parquet output of the Spark job (`scale/spark_job.py`) into a store, keeping its
    /// readings as they are. Idempotent: a document already stored (same content hash and URL)
    /// is left alone. Prints a JSON summary on standard output.
    #[cfg(feature = "parquet")]
    Import(ImportArgs),
}

#[cfg(feature = "parquet")]
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The job's output folder (its `documents/` folder, or any folder of Parquet part files,
    /// read recursively) or single files.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// The store: a SQLite file (`sitrep.db`) or `postgres://user@host:port/db` (with the
    /// `postgres` feature).
    #[arg(long, value_name = "LOCATION")]
    pub db: String,

    /// Documents per transaction.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub batch: usize,

    /// Replace the readings of documents already stored instead of leaving them alone.
    #[arg(long)]
    pub reprocess: bool,

    /// Do not print the closing summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ProcessArgs {
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<String>,

    /// Worker threads. Output order is input order whatever the number; Spark runs one task per
    /// core, hence the default of one.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: u16,

    /// The largest document or record accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// A folder of user vocabulary files added to the built-in ones (repeatable).
    #[arg(long, value_name = "DIR")]
    pub dict: Vec<PathBuf>,

    /// Do not print the closing summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<String>,

    /// The largest document or record accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// A folder of user vocabulary files added to the built-in ones (repeatable).
    #[arg(long, value_name = "DIR")]
    pub dict: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<String>,

    /// Worker threads (default: all cores). Output order is input order whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// Output format: one JSON object per line, or one pretty-printed JSON array.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,

    /// The largest document or record accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// Clean only: text, metadata and removals, without language analysis, events, claims or
    /// quotes (those fields stay empty arrays). Faster, for building text corpora.
    #[arg(long)]
    pub clean_only: bool,

    /// A folder of user vocabulary files added to the built-in ones (repeatable); see
    /// `lexicon/README.md` in the data for the formats.
    #[arg(long, value_name = "DIR")]
    pub dict: Vec<PathBuf>,

    /// Do not print the closing summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per document, one per line.
    Jsonl,
    /// A JSON array of pretty-printed objects.
    Json,
}

pub(crate) fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    match sitrep_pipeline::datetime::normalize_date(s) {
        Some(d) if shaped => Ok(d),
        _ => Err(format!("expected a date as YYYY-MM-DD, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_iso() {
        assert_eq!(parse_date("2026-03-17").as_deref(), Ok("2026-03-17"));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("17.03.2026").is_err());
        assert!(parse_date("2026-3-17").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
