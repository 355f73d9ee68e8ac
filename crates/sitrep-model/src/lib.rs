//! Plain data types shared by every sitrep crate.
//!
//! The principal type is [`Reading`]: what `sitrep extract` writes for one document, as fixed by
//! the output contract (schema 1). The stages in `sitrep-pipeline` pass named states to each
//! other: a [`RawDocument`] comes out of the readers, and a [`Reading`] comes out at the end.
//! This crate holds data only: no IO, no parsing, and serde as its one dependency.
//!
//! ```
//! use sitrep_model::{Reading, Removed, RemovedKind};
//! let mut r = Reading::new("article");
//! r.removed.push(Removed::new(RemovedKind::UiControl, None, "X"));
//! assert_eq!(r.removed[0].kind.as_str(), "ui_control");
//! ```

use serde::{Deserialize, Serialize};

mod analysis;
mod document;
mod records;

pub use analysis::{DateMention, DateRange, Entity, EntityKind, Place, Span};
pub use document::{Body, RawDocument, RecordRef};
pub use records::{ActorRef, CasualtyClaim, CasualtySummary, Event, Quote};

/// The version of the reading's JSON layout. Bumped whenever a field is renamed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// The reading of one document: clean text, metadata and everything taken out of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub schema: u32,
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 code of the article body.
    pub language: Option<String>,
    /// Clean body; paragraphs separated by a blank line; the headline is not included.
    pub text: String,
    /// Everything taken out of the input, in input order.
    pub removed: Vec<Removed>,
    /// Sentences of `text`, in char offsets.
    pub sentences: Vec<Span>,
    /// Actors and other named entities.
    pub entities: Vec<Entity>,
    /// Places, geocoded.
    pub places: Vec<Place>,
    /// Date expressions, resolved against the publication date.
    pub dates: Vec<DateMention>,
    /// CAMEO events with their PLOVER mapping, one per (source, target, code).
    pub events: Vec<Event>,
    /// Casualty figures, one record per claim, with their claimants.
    pub casualties: Vec<CasualtyClaim>,
    /// The claims reconciled per outcome and victim group: low, best, high.
    pub casualty_summary: Vec<CasualtySummary>,
    /// Direct quotes with their speakers.
    pub quotes: Vec<Quote>,
}

impl Reading {
    /// An empty reading for the document `id`.
    pub fn new(id: impl Into<String>) -> Reading {
        Reading {
            schema: SCHEMA_VERSION,
            id: id.into(),
            url: None,
            title: None,
            published: None,
            language: None,
            text: String::new(),
            removed: Vec::new(),
            sentences: Vec::new(),
            entities: Vec::new(),
            places: Vec::new(),
            dates: Vec::new(),
            events: Vec::new(),
            casualties: Vec::new(),
            casualty_summary: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// The kept paragraphs of the clean text.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}

/// One piece of the input that is not part of the article, kept so that nothing is dropped
/// silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub kind: RemovedKind,
    /// ISO 639-1 language of the removed text, where it can be told.
    pub language: Option<String>,
    pub text: String,
}

impl Removed {
    pub fn new(kind: RemovedKind, language: Option<String>, text: impl Into<String>) -> Removed {
        Removed {
            kind,
            language,
            text: text.into(),
        }
    }
}

/// Why a piece of the input was removed. The names are the contract's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovedKind {
    CookieNotice,
    UiControl,
    Navigation,
    Advertisement,
    Newsletter,
    Social,
    RelatedLinks,
    Byline,
    Caption,
    Copyright,
    Duplicate,
    Other,
}

impl RemovedKind {
    /// Every kind, in the contract's order.
    pub const ALL: [RemovedKind; 12] = [
        RemovedKind::CookieNotice,
        RemovedKind::UiControl,
        RemovedKind::Navigation,
        RemovedKind::Advertisement,
        RemovedKind::Newsletter,
        RemovedKind::Social,
        RemovedKind::RelatedLinks,
        RemovedKind::Byline,
        RemovedKind::Caption,
        RemovedKind::Copyright,
        RemovedKind::Duplicate,
        RemovedKind::Other,
    ];

    /// The contract's name for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovedKind::CookieNotice => "cookie_notice",
            RemovedKind::UiControl => "ui_control",
            RemovedKind::Navigation => "navigation",
            RemovedKind::Advertisement => "advertisement",
            RemovedKind::Newsletter => "newsletter",
            RemovedKind::Social => "social",
            RemovedKind::RelatedLinks => "related_links",
            RemovedKind::Byline => "byline",
            RemovedKind::Caption => "caption",
            RemovedKind::Copyright => "copyright",
            RemovedKind::Duplicate => "duplicate",
            RemovedKind::Other => "other",
        }
    }

    /// The kind with the contract's name `name`.
    pub fn from_name(name: &str) -> Option<RemovedKind> {
        RemovedKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A problem met while reading one document that did not stop the reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in RemovedKind::ALL {
            assert_eq!(RemovedKind::from_name(k.as_str()), Some(k));
            let json = serde_json_name(k);
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(RemovedKind::from_name("cookie"), None);
    }

    fn serde_json_name(k: RemovedKind) -> String {
        serde_json::to_string(&k).unwrap()
    }

    #[test]
    fn reading_serialises_in_contract_order() {
        let mut r = Reading::new("a");
        r.text = "One.\n\nTwo.".into();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.starts_with("{\"schema\":1,\"id\":\"a\",\"url\":null,\"title\":null"));
        assert_eq!(r.paragraphs().count(), 2);
    }
}
