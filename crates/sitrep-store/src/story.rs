//! Story clusters: the same incident told by several outlets.
//!
//! A document joins the story of the most similar earlier document when they share enough of
//! their text (MinHash), actors, places and dates; otherwise it starts a story. Near-duplicates
//! (a MinHash similarity of at least [`DUPLICATE_SIMILARITY`]) are copies of one another.
//!
//! This module is pure: backends gather candidates (documents sharing a band key, or an actor
//! code and a place within a few days) and ask [`judge`] which, if any, to join.

use crate::minhash::{similarity, Signature};

/// The MinHash similarity from which a document is a near-duplicate of another.
pub const DUPLICATE_SIMILARITY: f64 = 0.6;

/// What is compared between documents: a summary of a reading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub signature: Option<Signature>,
    /// Actor codes of the entities and event actors (sorted, unique).
    pub actors: Vec<String>,
    /// Places: GeoNames ids, or names (sorted, unique).
    pub places: Vec<String>,
    /// Countries of the places (sorted, unique).
    pub countries: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Event dates and resolved date mentions (sorted, unique).
    pub dates: Vec<String>,
}

/// What to do with a new document, given its candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index (into the candidates) of the document it nearly duplicates, and the similarity.
    pub duplicate_of: Option<(usize, f64)>,
    /// Index of the candidate whose story it joins.
    pub join: Option<usize>,
}

/// Judges a new document against earlier candidates.
pub fn judge(new: &Features, candidates: &[Features]) -> Verdict {
    let mut duplicate_of: Option<(usize, f64)> = None;
    let mut join: Option<(usize, f64)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let text = match (&new.signature, &c.signature) {
            (Some(a), Some(b)) => similarity(a, b),
            _ => 0.0,
        };
        if text >= DUPLICATE_SIMILARITY && duplicate_of.is_none_or(|(_, s)| text > s) {
            duplicate_of = Some((i, text));
        }
        let score = story_score(new, c, text);
        if score >= 0.5 && join.is_none_or(|(_, s)| score > s) {
            join = Some((i, score));
        }
    }
    Verdict {
        duplicate_of,
        join: duplicate_of.map(|(i, _)| i).or(join.map(|(i, _)| i)),
    }
}

fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    shared as f64 / a.len().min(b.len()) as f64
}

/// How likely two documents tell the same incident, 0–1.
pub fn story_score(a: &Features, b: &Features, text: f64) -> f64 {
    let actors = overlap(&a.actors, &b.actors);
    let places = overlap(&a.places, &b.places).max(0.5 * overlap(&a.countries, &b.countries));
    let dates = overlap(&a.dates, &b.dates);
    0.35 * text.min(1.0) / DUPLICATE_SIMILARITY.max(0.01) * DUPLICATE_SIMILARITY
        + 0.25 * actors
        + 0.25 * places
        + 0.15 * dates
}
