//! sitrep's exporters: stored documents written out as CSV, JSON Lines, a GDELT 2.0 Event table,
//! an ACLED-style CSV and (behind the `parquet` feature) Parquet.
//!
//! # Design
//!
//! Exporters are push-style, to fit [`sitrep_store::Store::scan`], which streams whole
//! [`StoredDocument`]s: an [`Exporter`] is handed each document in turn and writes what it can
//! at once, so memory stays bounded by one document plus a per-story tally, never by the export.
//!
//! Two formats need to know a whole story before they write one of its events: the GDELT table
//! counts the reports of an event across its story (`NumMentions`, `NumSources`,
//! `NumArticles`), and the ACLED table's `fatalities` is taken over the story's claims. They ask
//! for a **first pass** ([`Exporter::needs_prepass`]): [`run`] then scans twice, the first time
//! only to tally small per-story facts (event keys and counts, claimants' figures), the second to
//! write. The tally grows with the number of distinct events and claimants, not with text.
//!
//! | format | module | one row per |
//! | --- | --- | --- |
//! | `csv` | [`csv_tables`] | event, claim or document ([`Table`]) |
//! | `jsonl` | [`jsonl`] | stored document (the reading and the store's metadata) |
//! | `gdelt` | [`gdelt`] | event, once per story, in GDELT 2.0's 61 columns; plus a sidecar TSV |
//! | `acled` | [`acled`] | violent or political event, once per story, ACLED's columns then ours |
//! | `parquet` | `parquet_tables` (feature `parquet`) | event, claim or document, typed columns |
//!
//! Records are narrowed to the filter inside each document ([`narrow`]): the store picks the
//! documents, the exporters the events and claims that match.
//!
//! Data tables (ISO alpha-3 → FIPS 10-4 and country names, CAMEO → ACLED types) are text files
//! under `data/`, embedded at build time ([`tables`]).

pub mod acled;
pub mod csv_tables;
pub mod gdelt;
pub mod jsonl;
pub mod narrow;
#[cfg(feature = "parquet")]
pub mod parquet_tables;
pub mod rows;
pub mod tables;
pub mod tally;
mod text;

use std::io;

pub use sitrep_store::StoredDocument;

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the output failed (disk full, closed pipe).
    #[error("cannot write the export")]
    Io(#[from] io::Error),
    /// The CSV writer failed.
    #[error("cannot write CSV")]
    Csv(#[from] csv::Error),
    /// A document could not be serialised to JSON.
    #[error("cannot serialise document {doc}: {reason}")]
    Json { doc: i64, reason: String },
    /// An input of documents could not be read (a readings file, line by line).
    #[error("cannot read {input}: {reason}")]
    Read { input: String, reason: String },
    /// The store failed while scanning.
    #[error(transparent)]
    Store(#[from] sitrep_store::StoreError),
    /// The Parquet writer failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
    /// A value does not fit the format (for example a document with too many events for the
    /// GDELT event id scheme).
    #[error("{0}")]
    Unrepresentable(String),
}

impl ExportError {
    /// Whether the output was closed by the reader (`sitrep export ... | head`): not a failure
    /// for a command-line tool.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            ExportError::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            ExportError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
                _ => false,
            },
            _ => false,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// The tables of the tabular formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    /// One row per event.
    #[default]
    Events,
    /// One row per casualty claim.
    Claims,
    /// One row per document.
    Documents,
}

/// A writer of stored documents.
///
/// Call order: [`Exporter::prepass`] for every document when [`Exporter::needs_prepass`] says so,
/// then [`Exporter::begin`], [`Exporter::document`] for every document (in the same order as in
/// the first pass), and [`Exporter::finish`] once. [`run`] does that.
pub trait Exporter {
    /// Whether the exporter must see every document once before writing (see the crate docs).
    fn needs_prepass(&self) -> bool {
        false
    }
    /// The first pass over one document (only when [`Exporter::needs_prepass`]).
    fn prepass(&mut self, _doc: &StoredDocument) -> Result<()> {
        Ok(())
    }
    /// Writes what comes before the rows (a header).
    fn begin(&mut self) -> Result<()>;
    /// Writes the rows of one document.
    fn document(&mut self, doc: &StoredDocument) -> Result<()>;
    /// Flushes and closes the output.
    fn finish(&mut self) -> Result<()>;
}

/// A source of stored documents that can be read more than once: a [`sitrep_store::Store`]'s
/// `scan` with a filter, or, in tests, a slice.
pub trait Source {
    /// Calls `each` for every document, in a stable order.
    fn scan(&mut self, each: &mut dyn FnMut(StoredDocument) -> Result<()>) -> Result<()>;
}

impl Source for &[StoredDocument] {
    fn scan(&mut self, each: &mut dyn FnMut(StoredDocument) -> Result<()>) -> Result<()> {
        for d in self.iter() {
            each(d.clone())?;
        }
        Ok(())
    }
}

/// A [`Source`] over a store and a filter.
pub struct StoreSource<'a> {
    pub store: &'a dyn sitrep_store::Store,
    pub filter: &'a sitrep_store::Filter,
}

impl Source for StoreSource<'_> {
    fn scan(&mut self, each: &mut dyn FnMut(StoredDocument) -> Result<()>) -> Result<()> {
        // The store's callback speaks the store's error type: an export error is kept aside, the
        // scan is stopped with a placeholder, and the real error is returned afterwards.
        let mut failed: Option<ExportError> = None;
        let outcome = self.store.scan(self.filter, &mut |doc| {
            each(doc).map_err(|e| {
                failed = Some(e);
                sitrep_store::StoreError::Backend {
                    op: "export".into(),
                    reason: "stopped by the exporter".into(),
                }
            })
        });
        match (failed, outcome) {
            (Some(e), _) => Err(e),
            (None, r) => r.map_err(ExportError::from),
        }
    }
}

/// Runs an exporter over a source: the first pass when it asks for one, then the writing pass.
/// Returns how many documents were written.
pub fn run(exporter: &mut dyn Exporter, source: &mut dyn Source) -> Result<u64> {
    if exporter.needs_prepass() {
        source.scan(&mut |doc| exporter.prepass(&doc))?;
    }
    exporter.begin()?;
    let mut n = 0u64;
    source.scan(&mut |doc| {
        n += 1;
        exporter.document(&doc)
    })?;
    exporter.finish()?;
    Ok(n)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Stored documents for tests, wrapped around small readings.
    use super::*;
    use sitrep_model::{ActorRef, CasualtyClaim, Event, Place, Reading, RecordRef, Span};

    pub fn actor(text: &str, country: &str, code: &str) -> ActorRef {
        ActorRef {
            text: text.into(),
            country: Some(country.into()),
            code: Some(code.into()),
        }
    }

    pub fn kabul() -> Place {
        Place {
            text: "Kabul".into(),
            start: 0,
            end: 5,
            name: "Kabul".into(),
            country: Some("AFG".into()),
            lat: 34.528,
            lon: 69.172,
            geonames_id: Some(1138958),
        }
    }

    pub fn event(cameo: &str) -> Event {
        Event {
            source: Some(actor("Pakistan", "PAK", "PAKMIL")),
            target: Some(actor("Afghan civilians", "AFG", "AFGCVL")),
            cameo: cameo.into(),
            root: cameo[..2].into(),
            quad: 4,
            goldstein: -10.0,
            plover: Some("ASSAULT".into()),
            date: Some("2026-03-16".into()),
            place: Some(kabul()),
            sentence: Span { start: 0, end: 28 },
            confidence: 0.8,
        }
    }

    pub fn claim(who: Option<ActorRef>, count: u64) -> CasualtyClaim {
        CasualtyClaim {
            text: format!("{count} civilians"),
            count: Some(count),
            count_max: None,
            qualifier: "exact".into(),
            outcome: "killed".into(),
            victims: "civilians".into(),
            country: Some("AFG".into()),
            according_to: who,
            period: None,
            place: Some(kabul()),
            sentence: Span { start: 0, end: 28 },
            part_of: None,
        }
    }

    pub fn stored(doc: i64, story: i64, reading: Reading) -> StoredDocument {
        StoredDocument {
            doc,
            content_hash: format!("hash{doc}"),
            origin: RecordRef::whole(format!("input{doc}.txt")),
            captured: None,
            ingested_at: "2026-03-17T10:20:30Z".into(),
            reader_version: "0.1.0".into(),
            duplicate_of: None,
            similarity: None,
            story: Some(story),
            reading,
        }
    }

    pub fn reading(id: &str, url: &str) -> Reading {
        let mut r = Reading::new(id);
        r.url = Some(url.into());
        r.title = Some(format!("Title of {id}"));
        r.published = Some("2026-03-17".into());
        r.text = "Pakistani jets struck Kabul.\n\nMore \"quoted\", text.".into();
        r.sentences = vec![Span { start: 0, end: 28 }];
        r
    }
}
