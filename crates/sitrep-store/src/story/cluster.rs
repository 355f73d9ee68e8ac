//! Story clustering over a batch, for offline use (a Spark job's second pass).
//!
//! [`cluster`] replays incremental ingest: documents are taken in the given order, each judged
//! against the earlier documents a backend would offer ([`super::is_candidate`]: a shared LSH
//! band key, or a shared actor code or place within [`super::CANDIDATE_DAYS`] days), so that its
//! assignments equal those a store builds when the same documents are put in the same order.
//! Candidates are found through inverted indexes (band key; actor or place by publication day),
//! not by comparing every pair.

use std::collections::{BTreeSet, HashMap};

use super::{day_number, judge_refs, Features, CANDIDATE_DAYS};

/// Where a document of a batch belongs.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The earlier document (index into the batch) it nearly duplicates.
    pub duplicate_of: Option<usize>,
    /// The estimated similarity to that document.
    pub similarity: Option<f64>,
    /// Its story: stories are numbered from 0 in the order they start.
    pub story: usize,
}

/// Clusters a batch in the given order: near-duplicates and stories.
pub fn cluster(docs: &[Features]) -> Vec<Assignment> {
    let mut out: Vec<Assignment> = Vec::with_capacity(docs.len());
    let mut stories = 0usize;
    let mut by_band: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut by_key_day: HashMap<(&str, i64), Vec<usize>> = HashMap::new();

    for (i, doc) in docs.iter().enumerate() {
        let bands = doc
            .signature
            .as_ref()
            .map(|s| s.band_keys())
            .unwrap_or_default();
        let day = doc.published.as_deref().and_then(day_number);
        let keys = || doc.actors.iter().chain(&doc.places).map(String::as_str);

        let mut found: BTreeSet<usize> = BTreeSet::new();
        for k in &bands {
            if let Some(v) = by_band.get(k) {
                found.extend(v);
            }
        }
        if let Some(day) = day {
            for key in keys() {
                for d in day - CANDIDATE_DAYS..=day + CANDIDATE_DAYS {
                    if let Some(v) = by_key_day.get(&(key, d)) {
                        found.extend(v);
                    }
                }
            }
        }

        let order: Vec<usize> = found.into_iter().collect();
        let verdict = judge_refs(doc, order.iter().filter_map(|&j| docs.get(j)));
        let joined = verdict
            .join
            .and_then(|c| order.get(c))
            .and_then(|&j| out.get(j))
            .map(|a| a.story);
        let story = joined.unwrap_or_else(|| {
            stories += 1;
            stories - 1
        });
        let (duplicate_of, similarity) = match verdict.duplicate_of {
            Some((c, s)) => (order.get(c).copied(), Some(s)),
            None => (None, None),
        };
        out.push(Assignment {
            duplicate_of,
            similarity: duplicate_of.and(similarity),
            story,
        });

        for k in bands {
            by_band.entry(k).or_default().push(i);
        }
        if let Some(day) = day {
            for key in keys() {
                let v = by_key_day.entry((key, day)).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
    }
    out
}
