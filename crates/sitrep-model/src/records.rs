//! The records a reading extracts from its text: events, casualty claims and quotes.
//!
//! Offsets (`start`, `end`, and the `sentence` spans) are chars into the reading's `text`, like
//! every other offset of the output contract.

use serde::{Deserialize, Serialize};

use crate::{DateRange, Place, Span};

/// An actor as an event, claim or quote names it: the words of the text and their codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub text: String,
    /// ISO 3166-1 alpha-3, `IGO` for international organisations.
    pub country: Option<String>,
    /// CAMEO actor code.
    pub code: Option<String>,
}

/// Who did what to whom, when and where: one CAMEO event with its PLOVER mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// CAMEO event code, 3 or 4 digits.
    pub cameo: String,
    /// The code's two-digit root.
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad: u8,
    pub goldstein: f64,
    /// The PLOVER event category.
    pub plover: Option<String>,
    /// `YYYY-MM-DD`: the sentence's resolved date, else the publication date.
    pub date: Option<String>,
    pub place: Option<Place>,
    /// The sentence of the first mention.
    pub sentence: Span,
    pub confidence: f64,
}

/// One casualty figure as somebody states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasualtyClaim {
    /// The words that state the figure ("at least 107 people", "dozens of civilians").
    pub text: String,
    /// The figure; `None` for vague amounts ("dozens"), whose wording is in `text`.
    pub count: Option<u64>,
    /// The upper end of a range ("10 to 12").
    pub count_max: Option<u64>,
    /// `exact`, `at_least`, `more_than`, `about`, `up_to`, `fewer_than`.
    pub qualifier: String,
    /// `killed`, `injured`, `missing`, `captured`, `arrested`, `displaced`.
    pub outcome: String,
    /// `people`, `civilians`, `soldiers`, `police`, `militants`, `children`, `women`, `other`.
    pub victims: String,
    /// The victims' side, ISO alpha-3; `None` for totals across sides or when unknown.
    pub country: Option<String>,
    /// Who makes the claim; `None` where the reporter states it without attribution.
    pub according_to: Option<ActorRef>,
    pub period: Option<DateRange>,
    pub place: Option<Place>,
    pub sentence: Span,
    /// For a part of a stated total ("13 soldiers" in "107 people, including 13 soldiers"): the
    /// index of that total in the reading's `casualties`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
}

/// The casualties of one outcome and victim group, reconciled across the claims of a document in
/// the manner of UCDP: a low, a best and a high estimate, and the claims they rest on. Claims
/// from different claimants are never merged: each stays a record of its own, cited here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasualtySummary {
    pub outcome: String,
    pub victims: String,
    pub country: Option<String>,
    /// The lowest figure any claimant gives.
    pub low: Option<u64>,
    /// The median of the claimants' figures (each claimant counted once, by its highest).
    pub best: Option<u64>,
    /// The highest figure any claimant gives.
    pub high: Option<u64>,
    /// Indices into the reading's `casualties` of every claim in this group.
    pub claims: Vec<usize>,
    /// How many distinct claimants (the reporter's own statements counting as one).
    pub claimants: usize,
}

/// A direct quote and its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: Option<ActorRef>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}
