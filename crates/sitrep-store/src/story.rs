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

impl Features {
    /// The features of a reading, with its text's signature.
    pub fn of(reading: &sitrep_model::Reading, signature: Signature) -> Features {
        fn sorted(mut v: Vec<String>) -> Vec<String> {
            v.sort();
            v.dedup();
            v
        }
        let mut actors: Vec<String> = reading
            .entities
            .iter()
            .filter_map(|e| e.code.clone())
            .collect();
        for ev in &reading.events {
            for a in [&ev.source, &ev.target].into_iter().flatten() {
                if let Some(c) = &a.code {
                    actors.push(c.clone());
                }
            }
        }
        let places = reading
            .places
            .iter()
            .map(|p| match p.geonames_id {
                Some(id) => id.to_string(),
                None => p.name.to_lowercase(),
            })
            .collect();
        let countries = reading
            .places
            .iter()
            .filter_map(|p| p.country.clone())
            .collect();
        let mut dates: Vec<String> = reading
            .events
            .iter()
            .filter_map(|e| e.date.clone())
            .collect();
        dates.extend(reading.dates.iter().filter_map(|d| d.date.clone()));
        Features {
            signature: (!signature.0.is_empty()).then_some(signature),
            actors: sorted(actors),
            places: sorted(places),
            countries: sorted(countries),
            published: reading.published.clone(),
            dates: sorted(dates),
        }
    }
}

/// The key under which the same event reported by several documents of a story counts once:
/// CAMEO code, both actors' codes (or countries), date and place country.
pub fn event_key(e: &sitrep_model::Event) -> String {
    fn actor(a: &Option<sitrep_model::ActorRef>) -> &str {
        a.as_ref()
            .and_then(|a| a.code.as_deref().or(a.country.as_deref()))
            .unwrap_or("-")
    }
    format!(
        "{}|{}|{}|{}|{}",
        e.cameo,
        actor(&e.source),
        actor(&e.target),
        e.date.as_deref().unwrap_or("-"),
        e.place
            .as_ref()
            .and_then(|p| p.country.as_deref())
            .unwrap_or("-")
    )
}

/// Reconciles the claims of a story's documents (near-duplicate copies left out by the caller):
/// the same figure from the same claimant, carried by several documents, is one claim with several
/// sources; low/best/high are then taken over claimants as in a reading's `casualty_summary`.
pub fn reconcile(
    claims: &[(crate::ClaimSource, sitrep_model::CasualtyClaim)],
) -> Vec<crate::StoryCasualties> {
    use crate::{ClaimProvenance, StoryCasualties};
    fn who(c: &sitrep_model::CasualtyClaim) -> String {
        c.according_to
            .as_ref()
            .map(|a| a.code.clone().unwrap_or_else(|| a.text.to_lowercase()))
            .unwrap_or_default()
    }
    // One claim per (claimant, outcome, victims, country, figure).
    let mut merged: Vec<sitrep_model::CasualtyClaim> = Vec::new();
    let mut provenance: Vec<ClaimProvenance> = Vec::new();
    for (src, c) in claims {
        let same = merged.iter().position(|m| {
            who(m) == who(c)
                && m.outcome == c.outcome
                && m.victims == c.victims
                && m.country == c.country
                && m.count == c.count
                && m.count_max == c.count_max
        });
        match same {
            Some(i) => provenance[i].sources.push(src.clone()),
            None => {
                merged.push(c.clone());
                provenance.push(ClaimProvenance {
                    claimant: c.according_to.clone(),
                    count: c.count,
                    count_max: c.count_max,
                    qualifier: c.qualifier.clone(),
                    text: c.text.clone(),
                    sources: vec![src.clone()],
                });
            }
        }
    }
    sitrep_pipeline::extract::casualties::reconcile::summarize(&merged)
        .into_iter()
        .map(|summary| StoryCasualties {
            claims: summary
                .claims
                .iter()
                .filter_map(|&i| provenance.get(i).cloned())
                .collect(),
            summary: sitrep_model::CasualtySummary {
                claims: (0..summary.claims.len()).collect(),
                ..summary
            },
        })
        .collect()
}
