//! The casualty claims of a story, reconciled across its documents.
//!
//! A story's documents repeat one another's figures: five outlets quoting the health ministry's
//! 14 dead are one claim with five sources, not five claims. [`reconcile`] merges them by
//! (claimant, outcome, victims, side, figure) and then sums the merged claims up per outcome and
//! victim group exactly as a reading's `casualty_summary` does
//! (`sitrep_pipeline::extract::casualties::reconcile::summarize`): each claimant counts once, by
//! the highest figure it states (a running toll of 12, then 15, counts as 15 in best and high,
//! and both claims stay in the provenance); `low` is the lowest figure of any claimant, `best`
//! the median of the claimants' figures, `high` the highest.
//!
//! The victims' side is not always stated: one outlet writes of "Congolese civilians", another
//! of "civilians". Within a story (one incident) a claim without a side takes the side of the
//! other claims about the same outcome and victims when they all agree on one; otherwise it
//! stays a group of its own.
//!
//! Claimants are told apart by [`claimant_key`]: the CAMEO code when the reader found one, else
//! the words, normalized ("the Health Ministry", "Sudan's health ministry" and "the health
//! ministry in Port Sudan" are one claimant). Names that share no words ("the UN humanitarian
//! office" and "OCHA") stay apart unless the reader gave them one code. Different
//! claimants stay separate claims whatever their figures.

use sitrep_model::{ActorRef, CasualtyClaim, CasualtySummary};
use sitrep_pipeline::extract::casualties::reconcile::summarize;

use super::normalize;
use crate::{ClaimProvenance, ClaimSource, StoryCasualties};

/// Who makes a claim: the claimant's code, else its normalized words; empty for the reporter
/// (an unattributed statement).
pub fn claimant_key(who: Option<&ActorRef>) -> String {
    match who {
        None => String::new(),
        Some(a) => match a.code.as_deref().filter(|c| !c.is_empty()) {
            Some(code) => code.to_string(),
            None => claimant_words(&a.text),
        },
    }
}

/// The words that name a claimant, without what outlets add or leave out around the same name:
/// a leading article, a leading possessive ("Sudan's health ministry") and a trailing place
/// ("the health ministry in Port Sudan") are dropped, so that all three read "health ministry".
fn claimant_words(text: &str) -> String {
    let n = normalize(text);
    let mut words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 3 && words[1] == "s" {
        words.drain(..2);
    }
    if let Some(i) = words.iter().position(|w| *w == "in") {
        if i >= 2 {
            words.truncate(i);
        }
    }
    words.join(" ")
}

/// The identity of a figure: claimant, outcome, victims, side and count (or, for a vague
/// amount, its words).
fn figure_key(
    c: &CasualtyClaim,
) -> (
    String,
    &str,
    &str,
    Option<&str>,
    Option<u64>,
    Option<u64>,
    String,
) {
    (
        claimant_key(c.according_to.as_ref()),
        c.outcome.as_str(),
        c.victims.as_str(),
        c.country.as_deref(),
        c.count,
        c.count_max,
        if c.count.is_none() {
            normalize(&c.text)
        } else {
            String::new()
        },
    )
}

/// The one side that the claims about the same outcome and victims as `c` name, if they name
/// exactly one.
fn side_of(claims: &[(ClaimSource, CasualtyClaim)], c: &CasualtyClaim) -> Option<String> {
    let mut sides = claims
        .iter()
        .map(|(_, o)| o)
        .filter(|o| o.outcome == c.outcome && o.victims == c.victims)
        .filter_map(|o| o.country.as_deref());
    let first = sides.next()?;
    sides.all(|s| s == first).then(|| first.to_string())
}

/// Reconciles the claims of a story's documents (near-duplicate copies left out by the caller):
/// the same figure from the same claimant, carried by several documents, is one claim with
/// several sources; low/best/high are then taken over claimants as in a reading's
/// `casualty_summary`. Groups come in the order they first appear, claims in each group too.
pub fn reconcile(claims: &[(ClaimSource, CasualtyClaim)]) -> Vec<StoryCasualties> {
    let filled: Vec<CasualtyClaim> = claims
        .iter()
        .map(|(_, c)| CasualtyClaim {
            country: c.country.clone().or_else(|| side_of(claims, c)),
            ..c.clone()
        })
        .collect();
    let mut merged: Vec<&CasualtyClaim> = Vec::new();
    let mut provenance: Vec<ClaimProvenance> = Vec::new();
    for ((src, _), c) in claims.iter().zip(&filled) {
        let key = figure_key(c);
        match merged.iter().position(|m| figure_key(m) == key) {
            Some(i) => {
                if let Some(p) = provenance.get_mut(i) {
                    if !p.sources.contains(src) {
                        p.sources.push(src.clone());
                    }
                }
            }
            None => {
                merged.push(c);
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
    // Summarize with the claimant replaced by its key, so that the summary tells claimants
    // apart exactly as the merge did.
    let canonical: Vec<CasualtyClaim> = merged
        .iter()
        .map(|c| {
            let key = claimant_key(c.according_to.as_ref());
            CasualtyClaim {
                according_to: (!key.is_empty()).then_some(ActorRef {
                    text: key,
                    country: None,
                    code: None,
                }),
                ..(*c).clone()
            }
        })
        .collect();
    summarize(&canonical)
        .into_iter()
        .map(|summary| {
            let claims: Vec<ClaimProvenance> = summary
                .claims
                .iter()
                .filter_map(|&i| provenance.get(i).cloned())
                .collect();
            StoryCasualties {
                summary: CasualtySummary {
                    claims: (0..claims.len()).collect(),
                    ..summary
                },
                claims,
            }
        })
        .collect()
}
