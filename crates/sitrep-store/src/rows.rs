//! What the store gives back: flat rows for tables, and whole documents for reading and export.

use serde::{Deserialize, Serialize};
use sitrep_model::{ActorRef, CasualtyClaim, CasualtySummary, Event, Quote, Reading, RecordRef};

/// A document's row id in the store.
pub type DocId = i64;
/// A story cluster's id in the store.
pub type StoryId = i64;

/// A document to store: the reading and where it came from.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub reading: Reading,
    /// Where the raw document was read (input, record, byte offset): the reference to the raw input.
    pub origin: RecordRef,
    /// Hex SHA-256 of the raw document body (before cleaning). With the URL, the identity of a
    /// document: the same (hash, URL) is stored once.
    pub content_hash: String,
    /// The raw body itself, kept when the caller wants it (compressed by the backend).
    pub raw: Option<Vec<u8>>,
    /// When it was captured (WARC-Date), if known.
    pub captured: Option<String>,
    /// The sitrep version that made the reading (`CARGO_PKG_VERSION`), kept to know what to
    /// reprocess.
    pub reader_version: String,
}

/// What to do with a document that is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PutMode {
    /// Leave the stored reading alone (idempotent ingest).
    #[default]
    Skip,
    /// Replace the stored reading and everything derived from it, atomically.
    Reprocess,
}

/// What happened to one document of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PutOutcome {
    /// Newly stored. `duplicate_of` names the earlier document it nearly duplicates, if any;
    /// `story` is the story cluster it joined or started.
    Stored {
        doc: DocId,
        duplicate_of: Option<DocId>,
        story: StoryId,
    },
    /// The same document (hash and URL) was already stored; nothing changed.
    Unchanged { doc: DocId },
    /// Already stored, and its reading was replaced (`PutMode::Reprocess`).
    Replaced { doc: DocId },
}

/// A stored document, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub doc: DocId,
    pub content_hash: String,
    pub origin: RecordRef,
    pub captured: Option<String>,
    pub ingested_at: String,
    pub reader_version: String,
    /// The earlier document this one nearly duplicates, and their estimated similarity.
    pub duplicate_of: Option<DocId>,
    pub similarity: Option<f64>,
    pub story: Option<StoryId>,
    pub reading: Reading,
}

/// One line of a document list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub doc: DocId,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub duplicate_of: Option<DocId>,
    pub story: Option<StoryId>,
    pub events: u32,
    pub claims: u32,
    /// A short extract: the FTS5 snippet for a text search, else the start of the text.
    pub snippet: String,
}

/// One event with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub doc: DocId,
    /// Position of the event in its reading's `events`.
    pub index: u32,
    pub story: Option<StoryId>,
    pub duplicate_of: Option<DocId>,
    /// The publication date of the document.
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The sentence that states the event.
    pub sentence_text: String,
    pub event: Event,
}

/// One casualty claim with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub doc: DocId,
    pub index: u32,
    pub story: Option<StoryId>,
    pub duplicate_of: Option<DocId>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub claim: CasualtyClaim,
}

/// One quote with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub doc: DocId,
    pub index: u32,
    pub published: Option<String>,
    pub quote: Quote,
}

/// One story cluster in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRow {
    pub story: StoryId,
    /// The title of its earliest document.
    pub title: Option<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Documents in the story, near-duplicate copies included.
    pub documents: u32,
    /// Of which near-duplicate copies.
    pub duplicates: u32,
    /// Distinct outlets (URL hosts).
    pub outlets: u32,
    /// Events counted once per story.
    pub events: u32,
    pub claims: u32,
    /// Most frequent country codes of its places.
    pub countries: Vec<String>,
}

/// A story with its reconciled figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDetail {
    pub story: StoryRow,
    pub documents: Vec<DocumentRow>,
    /// Per (outcome, victims, country): low/best/high over the claimants of the whole story.
    pub casualties: Vec<StoryCasualties>,
    /// The story's events, each counted once (the first report of each), with how many
    /// documents reported it.
    pub events: Vec<StoryEvent>,
}

/// The claims of a story about one outcome and victim group, reconciled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCasualties {
    /// low/best/high as in a reading's `casualty_summary`, over the story's claimants;
    /// `claims` index into `claims` below.
    pub summary: CasualtySummary,
    /// Every claim behind the figures, with its provenance.
    pub claims: Vec<ClaimProvenance>,
}

/// One claimant's figure and every document that carried it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimProvenance {
    pub claimant: Option<ActorRef>,
    pub count: Option<u64>,
    pub count_max: Option<u64>,
    pub qualifier: String,
    pub text: String,
    /// (document, claim index) pairs that state this figure for this claimant.
    pub sources: Vec<ClaimSource>,
}

/// Where a claim was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimSource {
    pub doc: DocId,
    pub index: u32,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// An event of a story, counted once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    pub event: Event,
    /// The document of its first report.
    pub doc: DocId,
    pub reports: u32,
}

/// How often an actor appears.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorCount {
    pub code: Option<String>,
    pub country: Option<String>,
    /// The most frequent surface text.
    pub text: String,
    pub documents: u32,
    pub events: u32,
}

/// How often a place appears, with its coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
    pub documents: u32,
    pub events: u32,
    pub claims: u32,
}

/// Events of one day, by quad class (index 0 = quad 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePoint {
    pub date: String,
    pub quad: [u32; 4],
}

/// Totals over the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub backend: String,
    pub schema_version: i64,
    pub documents: u64,
    pub duplicates: u64,
    pub stories: u64,
    /// Stories with more than one document.
    pub multi_document_stories: u64,
    pub events: u64,
    /// Events by quad class 1–4, counted once per story.
    pub events_by_quad: [u64; 4],
    pub claims: u64,
    /// Claims by claimant (its words, case folded; "(reporter)" when unattributed), most first.
    pub claims_by_claimant: Vec<(String, u64)>,
    pub quotes: u64,
    pub entities: u64,
    pub places: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Size of the database in bytes, when the backend can tell.
    pub size_bytes: Option<u64>,
}

/// A place of a record, flattened for maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
    pub name: String,
    pub country: Option<String>,
    pub events: u32,
    pub claims: u32,
    /// Sum of the killed counts of the claims placed here (best figures).
    pub killed: u64,
}
