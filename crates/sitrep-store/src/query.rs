//! What a query asks for: filters shared by `sitrep query`, the HTTP API and every backend.

use serde::{Deserialize, Serialize};

/// Filters over stored records. Every field narrows the result; `Filter::default()` matches all.
/// Dates are `YYYY-MM-DD` and inclusive. Codes match by prefix (`--actor AFG` matches `AFGGOV`),
/// which is how CAMEO actor and event codes nest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Actor code or country code (prefix of either side's code, or either side's country).
    pub actor: Option<String>,
    /// Source actor code prefix only.
    pub source: Option<String>,
    /// Target actor code prefix only.
    pub target: Option<String>,
    /// CAMEO event code prefix ("19", "190", "1831").
    pub cameo: Option<String>,
    /// CAMEO root code (two digits).
    pub root: Option<String>,
    /// Quad class 1–4 (verbal cooperation, material cooperation, verbal conflict, material conflict).
    pub quad: Option<u8>,
    /// PLOVER event type (`ASSAULT`, `ACCUSE`, ...), case-insensitive.
    pub plover: Option<String>,
    /// Earliest event (or publication) date, inclusive.
    pub since: Option<String>,
    /// Latest event (or publication) date, inclusive.
    pub until: Option<String>,
    /// ISO 3166-1 alpha-3 country of the place (as in readings: `AFG`).
    pub country: Option<String>,
    /// Within `km` of (lat, lon).
    pub near: Option<Near>,
    /// Claimant: matches the claimant's code prefix or, case-insensitively, its text.
    pub claimant: Option<String>,
    /// Full-text search over titles and article text (SQLite FTS5 syntax, or plain words).
    pub text: Option<String>,
    /// Only records of this document.
    pub document: Option<i64>,
    /// Only records of this story cluster.
    pub story: Option<i64>,
    /// Count near-duplicate copies too (by default records of a document that is a near-duplicate
    /// of an earlier one are left out, so that a syndicated story counts once).
    pub include_duplicates: bool,
}

/// A circle on the globe.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

/// A page of results: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: u32,
    pub offset: u64,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 100,
            offset: 0,
        }
    }
}

/// A filter and a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub filter: Filter,
    pub page: Page,
}
