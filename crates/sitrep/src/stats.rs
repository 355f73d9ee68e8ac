//! `sitrep stats`: what a database holds, in totals.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use sitrep_store::Stats;

use crate::query::{finish, open};

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The database: a path to an SQLite file or `sqlite:PATH`.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// A readable report, or one JSON object.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let stats = store.stats()?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let result = match args.format {
        StatsFormat::Json => serde_json::to_writer_pretty(&mut out, &stats)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        StatsFormat::Table => write_report(&mut out, &args.db, &stats),
    }
    .and_then(|()| out.flush());
    finish(result)
}

const QUADS: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

fn write_report(out: &mut impl Write, db: &str, s: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "{db} ({} schema {}{})",
        s.backend,
        s.schema_version,
        s.size_bytes
            .map(|b| format!(", {:.1} MiB", b as f64 / (1024.0 * 1024.0)))
            .unwrap_or_default()
    )?;
    let span = match (&s.first_published, &s.last_published) {
        (Some(a), Some(b)) => format!(", published {a} to {b}"),
        _ => String::new(),
    };
    writeln!(
        out,
        "documents    {:>9}  ({} near-duplicate copies{span})",
        s.documents, s.duplicates
    )?;
    writeln!(
        out,
        "stories      {:>9}  ({} with more than one document)",
        s.stories, s.multi_document_stories
    )?;
    writeln!(out, "events       {:>9}", s.events)?;
    for (name, n) in QUADS.iter().zip(s.events_by_quad) {
        writeln!(out, "  {name:<22} {n:>7}  (once per story)")?;
    }
    writeln!(out, "claims       {:>9}", s.claims)?;
    for (who, n) in s.claims_by_claimant.iter().take(15) {
        writeln!(out, "  {:<22} {n:>7}", crate::tabular::shorten(who, 22))?;
    }
    if s.claims_by_claimant.len() > 15 {
        writeln!(
            out,
            "  ... and {} more claimants",
            s.claims_by_claimant.len() - 15
        )?;
    }
    writeln!(out, "quotes       {:>9}", s.quotes)?;
    writeln!(out, "entities     {:>9}", s.entities)?;
    writeln!(out, "places       {:>9}", s.places)
}
