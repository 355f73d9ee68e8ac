//! `sitrep query` lists stored records under filters; `sitrep story ID` shows one story with its
//! casualty figures reconciled across claimants and outlets.
//!
//! Rows are the store's row types: JSON and JSON Lines print them as they are, tables and CSV
//! flatten them into the columns below.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use sitrep_model::ActorRef;
use sitrep_store::{Page, Query, StoryDetail, StoryId};

use crate::filter_args::FilterArgs;
use crate::tabular::{opt, OutputFormat, Table};

/// What `sitrep query` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Events,
    Claims,
    Documents,
    Stories,
    Quotes,
    Actors,
    Places,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The database: a path to an SQLite file or `sqlite:PATH`.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// What to list.
    #[arg(long, value_enum, default_value_t = What::Events)]
    pub what: What,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// At most this many rows.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u32,

    /// Skip this many rows first.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u64,

    /// Output format (default: table on a terminal, JSON Lines otherwise).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, clap::Args)]
pub struct StoryArgs {
    /// The story's id (see `sitrep query --what stories`).
    #[arg(value_name = "ID")]
    pub story: StoryId,

    /// The database: a path to an SQLite file or `sqlite:PATH`.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// Output format: a readable report (table) or JSON.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

pub fn run(args: QueryArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let q = Query {
        filter: args.filter.to_filter()?,
        page: Page {
            limit: args.limit,
            offset: args.offset,
        },
    };
    let format = OutputFormat::or_default(args.format);
    let s = store.as_ref();
    let result = match args.what {
        What::Events => emit(format, &s.events(&q)?, event_table),
        What::Claims => emit(format, &s.claims(&q)?, claim_table),
        What::Documents => emit(format, &s.documents(&q)?, document_table),
        What::Stories => emit(format, &s.stories(&q)?, story_table),
        What::Quotes => emit(format, &s.quotes(&q)?, quote_table),
        What::Actors => emit(format, &s.actors(&q)?, actor_table),
        What::Places => emit(format, &s.places(&q)?, place_table),
    };
    finish(result)
}

pub fn run_story(args: StoryArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let Some(detail) = store.story(args.story)? else {
        anyhow::bail!("no story {} in {}", args.story, args.db);
    };
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let result = match args.format {
        Some(OutputFormat::Json) | Some(OutputFormat::Jsonl) => {
            serde_json::to_writer_pretty(&mut out, &detail)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        _ => write_story(&mut out, &detail),
    }
    .and_then(|()| out.flush());
    finish(result)
}

pub(crate) fn open(db: &str) -> Result<Box<dyn sitrep_store::Store>> {
    sitrep_store::open(db).with_context(|| format!("--db {db}"))
}

/// A closed pipe (`sitrep query | head`) is the reader's choice, not a failure.
pub(crate) fn finish(result: io::Result<()>) -> Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write to standard output")),
    }
}

fn emit<T: Serialize>(
    format: OutputFormat,
    rows: &[T],
    table: fn(&[T]) -> Table,
) -> io::Result<()> {
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        OutputFormat::Csv => table(rows).write_csv(&mut out)?,
        OutputFormat::Table => table(rows).write_text(&mut out)?,
    }
    out.flush()
}

fn who(a: &Option<ActorRef>) -> String {
    a.as_ref()
        .map(|a| match &a.code {
            Some(c) => format!("{} ({c})", a.text),
            None => a.text.clone(),
        })
        .unwrap_or_default()
}

fn event_table(rows: &[sitrep_store::EventRow]) -> Table {
    let mut t = Table::new(&[
        ("doc", 8),
        ("date", 10),
        ("source", 28),
        ("cameo", 5),
        ("target", 28),
        ("quad", 4),
        ("goldstein", 9),
        ("plover", 12),
        ("place", 20),
        ("story", 8),
        ("sentence", 70),
    ]);
    for r in rows {
        let e = &r.event;
        t.push(vec![
            r.doc.to_string(),
            opt(&e.date),
            who(&e.source),
            e.cameo.clone(),
            who(&e.target),
            e.quad.to_string(),
            e.goldstein.to_string(),
            opt(&e.plover),
            e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            opt(&r.story),
            r.sentence_text.clone(),
        ]);
    }
    t
}

fn claim_table(rows: &[sitrep_store::ClaimRow]) -> Table {
    let mut t = Table::new(&[
        ("doc", 8),
        ("published", 10),
        ("claimant", 30),
        ("outcome", 9),
        ("victims", 10),
        ("qualifier", 10),
        ("count", 8),
        ("count_max", 9),
        ("place", 20),
        ("story", 8),
        ("text", 50),
    ]);
    for r in rows {
        let c = &r.claim;
        t.push(vec![
            r.doc.to_string(),
            opt(&r.published),
            if c.according_to.is_some() {
                who(&c.according_to)
            } else {
                "(reporter)".to_string()
            },
            c.outcome.clone(),
            c.victims.clone(),
            c.qualifier.clone(),
            opt(&c.count),
            opt(&c.count_max),
            c.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            opt(&r.story),
            c.text.clone(),
        ]);
    }
    t
}

fn document_table(rows: &[sitrep_store::DocumentRow]) -> Table {
    let mut t = Table::new(&[
        ("doc", 8),
        ("published", 10),
        ("lang", 4),
        ("events", 6),
        ("claims", 6),
        ("story", 8),
        ("duplicate_of", 12),
        ("title", 50),
        ("url", 40),
        ("snippet", 60),
    ]);
    for r in rows {
        t.push(vec![
            r.doc.to_string(),
            opt(&r.published),
            opt(&r.language),
            r.events.to_string(),
            r.claims.to_string(),
            opt(&r.story),
            opt(&r.duplicate_of),
            opt(&r.title),
            opt(&r.url),
            r.snippet.clone(),
        ]);
    }
    t
}

fn story_table(rows: &[sitrep_store::StoryRow]) -> Table {
    let mut t = Table::new(&[
        ("story", 8),
        ("first", 10),
        ("last", 10),
        ("documents", 9),
        ("duplicates", 10),
        ("outlets", 7),
        ("events", 6),
        ("claims", 6),
        ("countries", 16),
        ("title", 60),
    ]);
    for r in rows {
        t.push(vec![
            r.story.to_string(),
            opt(&r.first_published),
            opt(&r.last_published),
            r.documents.to_string(),
            r.duplicates.to_string(),
            r.outlets.to_string(),
            r.events.to_string(),
            r.claims.to_string(),
            r.countries.join(" "),
            opt(&r.title),
        ]);
    }
    t
}

fn quote_table(rows: &[sitrep_store::QuoteRow]) -> Table {
    let mut t = Table::new(&[
        ("doc", 8),
        ("published", 10),
        ("speaker", 30),
        ("quote", 90),
    ]);
    for r in rows {
        t.push(vec![
            r.doc.to_string(),
            opt(&r.published),
            who(&r.quote.speaker),
            r.quote.text.clone(),
        ]);
    }
    t
}

fn actor_table(rows: &[sitrep_store::ActorCount]) -> Table {
    let mut t = Table::new(&[
        ("code", 12),
        ("country", 7),
        ("documents", 9),
        ("events", 6),
        ("text", 40),
    ]);
    for r in rows {
        t.push(vec![
            opt(&r.code),
            opt(&r.country),
            r.documents.to_string(),
            r.events.to_string(),
            r.text.clone(),
        ]);
    }
    t
}

fn place_table(rows: &[sitrep_store::PlaceCount]) -> Table {
    let mut t = Table::new(&[
        ("name", 30),
        ("country", 7),
        ("lat", 9),
        ("lon", 9),
        ("geonames_id", 11),
        ("documents", 9),
        ("events", 6),
        ("claims", 6),
    ]);
    for r in rows {
        t.push(vec![
            r.name.clone(),
            opt(&r.country),
            format!("{:.3}", r.lat),
            format!("{:.3}", r.lon),
            opt(&r.geonames_id),
            r.documents.to_string(),
            r.events.to_string(),
            r.claims.to_string(),
        ]);
    }
    t
}

/// A story as a report: its figures, claimant by claimant, then its events and documents.
fn write_story(out: &mut impl Write, d: &StoryDetail) -> io::Result<()> {
    let s = &d.story;
    writeln!(
        out,
        "Story {}: {}",
        s.story,
        s.title.as_deref().unwrap_or("(untitled)")
    )?;
    writeln!(
        out,
        "{} ({} near-duplicate {}), {}, {} to {}; countries: {}",
        plural(s.documents, "document"),
        s.duplicates,
        if s.duplicates == 1 { "copy" } else { "copies" },
        plural(s.outlets, "outlet"),
        s.first_published.as_deref().unwrap_or("?"),
        s.last_published.as_deref().unwrap_or("?"),
        if s.countries.is_empty() {
            "-".to_string()
        } else {
            s.countries.join(", ")
        }
    )?;

    writeln!(
        out,
        "\nCasualties (low / best / high over claimants, each counted once):"
    )?;
    if d.casualties.is_empty() {
        writeln!(out, "  none claimed")?;
    }
    for c in &d.casualties {
        let m = &c.summary;
        writeln!(
            out,
            "\n  {} {}{}: low {}, best {}, high {} ({} claimant{})",
            m.outcome,
            m.victims,
            m.country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
            opt(&m.low),
            opt(&m.best),
            opt(&m.high),
            m.claimants,
            if m.claimants == 1 { "" } else { "s" }
        )?;
        let mut t = Table::new(&[
            ("claimant", 36),
            ("figure", 12),
            ("qualifier", 10),
            ("documents", 30),
            ("words", 40),
        ]);
        for p in &c.claims {
            let figure = match (p.count, p.count_max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => a.to_string(),
                _ => "?".to_string(),
            };
            let docs: Vec<String> = p.sources.iter().map(|s| s.doc.to_string()).collect();
            t.push(vec![
                if p.claimant.is_some() {
                    who(&p.claimant)
                } else {
                    "(reporter)".to_string()
                },
                figure,
                p.qualifier.clone(),
                docs.join(", "),
                p.text.clone(),
            ]);
        }
        let mut buf = Vec::new();
        t.write_text(&mut buf)?;
        for line in String::from_utf8_lossy(&buf).lines() {
            writeln!(out, "    {line}")?;
        }
    }

    writeln!(
        out,
        "\nEvents (each counted once, with the documents reporting it):"
    )?;
    let mut t = Table::new(&[
        ("date", 10),
        ("source", 28),
        ("cameo", 5),
        ("target", 28),
        ("quad", 4),
        ("place", 20),
        ("reports", 7),
        ("first doc", 9),
    ]);
    for e in &d.events {
        let v = &e.event;
        t.push(vec![
            opt(&v.date),
            who(&v.source),
            v.cameo.clone(),
            who(&v.target),
            v.quad.to_string(),
            v.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            e.reports.to_string(),
            e.doc.to_string(),
        ]);
    }
    indent(out, &t)?;

    writeln!(out, "\nDocuments:")?;
    indent(out, &document_table(&d.documents))
}

/// `1 document`, `2 documents`.
fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn indent(out: &mut impl Write, t: &Table) -> io::Result<()> {
    let mut buf = Vec::new();
    t.write_text(&mut buf)?;
    for line in String::from_utf8_lossy(&buf).lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
