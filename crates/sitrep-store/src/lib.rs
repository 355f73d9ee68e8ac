//! sitrep's store: readings kept in an embedded SQLite database (or a shared PostgreSQL server),
//! with near-duplicates and story clusters linked, and queries over them.
//!
//! The principal type is the [`Store`] trait, which every backend implements with the same
//! semantics; [`open`] picks a backend from a location (`sitrep.db`, `sqlite:path`,
//! `postgres://...`). Writers hand over batches of [`NewDocument`]s; readers ask with a
//! [`Query`] and get flat rows back.
//!
//! How a document finds its place:
//! - identity is (content hash, URL): the same pair is stored once ([`PutOutcome::Unchanged`]),
//!   or replaced atomically under [`PutMode::Reprocess`];
//! - a near-duplicate (a syndicated copy, a lightly edited rewrite) is found by MinHash/LSH
//!   ([`minhash`]) and linked to the earlier copy with `duplicate_of`: it is stored, shown, and
//!   left out of counts;
//! - every document joins a story cluster ([`story`]): the same incident told by several outlets,
//!   judged by shared actors, places, dates and text. Figures are reconciled per story, and events
//!   counted once per story.
//!
//! The backends hold no global state; a `Store` is `Send + Sync` and may be shared by threads.

pub mod error;
pub mod minhash;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod query;
pub mod rows;
pub mod sqlite;
pub mod story;

pub use error::{Result, StoreError};
pub use query::{Filter, Near, Page, Query};
pub use rows::*;

/// Opens the store at `location`: a path to an SQLite file (created if missing), `sqlite:PATH`,
/// or a `postgres://` URL when the PostgreSQL backend is compiled in (feature `postgres`).
/// An SQLite location may end with options: `?mode=ro` (read-only), `?max_pages=N`.
///
/// ```no_run
/// let store = sitrep_store::open("sitrep.db")?;
/// let documents = store.stats()?.documents;
/// # let _ = documents;
/// # Ok::<(), sitrep_store::StoreError>(())
/// ```
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(postgres::PgStore::connect(location)?));
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::Unsupported(
            "PostgreSQL support is not compiled in; rebuild with --features postgres".to_string(),
        ));
    }
    let path = location.strip_prefix("sqlite:").unwrap_or(location);
    let (path, options) = sqlite::SqliteOptions::parse(path)?;
    Ok(Box::new(sqlite::SqliteStore::open_with(path, options)?))
}

/// The current schema version of every backend: migrations bring older databases up to it.
pub const SCHEMA_VERSION: i64 = 1;

/// A place to keep readings. Every backend gives the same answers to the same calls.
pub trait Store: Send + Sync {
    /// `"sqlite"` or `"postgres"`.
    fn backend(&self) -> &'static str;

    /// Stores a batch in one transaction: all of it is committed, or none. Outcomes come back in
    /// batch order. A document already stored (same content hash and URL) is left alone, or
    /// replaced under [`PutMode::Reprocess`].
    fn put(&self, batch: Vec<NewDocument>, mode: PutMode) -> Result<Vec<PutOutcome>>;

    /// Is a document with this content hash and URL already stored? Lets a writer skip analysis.
    fn contains(&self, content_hash: &str, url: Option<&str>) -> Result<Option<DocId>>;

    /// One document, whole.
    fn document(&self, doc: DocId) -> Result<Option<StoredDocument>>;

    /// Documents matching the filter, newest first.
    fn documents(&self, q: &Query) -> Result<Vec<DocumentRow>>;

    /// Events matching the filter, by date then document.
    fn events(&self, q: &Query) -> Result<Vec<EventRow>>;

    /// Casualty claims matching the filter.
    fn claims(&self, q: &Query) -> Result<Vec<ClaimRow>>;

    /// Quotes matching the filter.
    fn quotes(&self, q: &Query) -> Result<Vec<QuoteRow>>;

    /// Story clusters matching the filter, largest and newest first.
    fn stories(&self, q: &Query) -> Result<Vec<StoryRow>>;

    /// One story with its documents, reconciled casualty figures and events counted once.
    fn story(&self, story: StoryId) -> Result<Option<StoryDetail>>;

    /// Actors by number of documents.
    fn actors(&self, q: &Query) -> Result<Vec<ActorCount>>;

    /// Places by number of documents.
    fn places(&self, q: &Query) -> Result<Vec<PlaceCount>>;

    /// Points for a map: the places of matching events and claims, aggregated by coordinates.
    fn map(&self, q: &Query) -> Result<Vec<MapPoint>>;

    /// Events per day by quad class, over the filter (the page is ignored).
    fn timeline(&self, q: &Query) -> Result<Vec<TimelinePoint>>;

    /// Totals.
    fn stats(&self) -> Result<Stats>;

    /// Every matching document, whole, in storage order, for export (the page is ignored).
    /// Streams: memory does not grow with the number of documents.
    fn scan(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredDocument) -> Result<()>,
    ) -> Result<()>;
}
