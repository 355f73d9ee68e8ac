//! What language analysis finds in the clean text: sentences, actors, places and dates.
//!
//! Every mention carries `start` and `end`: offsets into the reading's `text` counted in Unicode
//! scalar values (chars), end exclusive, as the output contract fixes them.

use serde::{Deserialize, Serialize};

/// A stretch of the clean text, in chars, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Location,
    /// An armed or political group.
    Group,
}

/// An actor or other named entity mentioned in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-3, `IGO` for international organisations, `None` when unknown.
    pub country: Option<String>,
    /// CAMEO actor code (`RUS`, `RUSGOV`, `IGOUNO`), `None` when unknown.
    pub code: Option<String>,
}

/// A place mention resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The gazetteer's name for the place.
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
}

/// A closed range of days, `YYYY-MM-DD` both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: String,
    pub end: String,
}

/// A date expression and what it resolves to. `date` is the day when the expression names one;
/// `range` the span of days when it names a stretch ("late February"). Both are `None` when the
/// expression cannot be resolved: never a guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<DateRange>,
}
