//! Reconciliation: the claims of a document summed up per outcome and victim group, in the manner
//! of UCDP's low, best and high estimates.
//!
//! The principal function is [`summarize`]. Claims are grouped by (outcome, victims, country).
//! Within a group each claimant counts once, by the highest figure it states (later figures of a
//! running toll are higher); the reporter's unattributed statements count as one claimant.
//! `low` is the lowest and `high` the highest of those figures, `best` their median (the lower
//! of the two middle ones). Ranges ("10 to 12") give their ends; "at least", "more than" and
//! "up to" give the figure itself. Vague amounts ("dozens") are cited but give no number. The
//! claims themselves stay separate records: a summary only points at them.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::casualties::{find, reconcile::summarize};
//! let text = "Police said 12 people were killed. The Red Cross said 15 people were killed.";
//! let layers = Analyzer::default().layers(text, Some("2026-03-17"), Some("en"));
//! let claims = find(text, &layers, Some("2026-03-17"));
//! let s = summarize(&claims);
//! assert_eq!((s[0].low, s[0].best, s[0].high), (Some(12), Some(12), Some(15)));
//! assert_eq!(s[0].claims, vec![0, 1]);
//! ```

use std::collections::BTreeMap;

use sitrep_model::{CasualtyClaim, CasualtySummary};

/// One summary per (outcome, victims, country), in the order the groups first appear.
pub fn summarize(claims: &[CasualtyClaim]) -> Vec<CasualtySummary> {
    let mut order: Vec<(String, String, Option<String>)> = Vec::new();
    let mut groups: BTreeMap<(String, String, Option<String>), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let key = (c.outcome.clone(), c.victims.clone(), c.country.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(i);
    }
    order
        .into_iter()
        .filter_map(|key| {
            let members = groups.remove(&key)?;
            Some(summary(key, members, claims))
        })
        .collect()
}

fn summary(
    (outcome, victims, country): (String, String, Option<String>),
    members: Vec<usize>,
    claims: &[CasualtyClaim],
) -> CasualtySummary {
    // Each claimant's lowest and highest figure.
    let mut by_claimant: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut claimants: Vec<String> = Vec::new();
    for &i in &members {
        let Some(c) = claims.get(i) else { continue };
        let who = claimant_key(c);
        if !claimants.contains(&who) {
            claimants.push(who.clone());
        }
        let Some((lo, hi)) = bounds(c) else { continue };
        let e = by_claimant.entry(who).or_insert((lo, hi));
        e.0 = e.0.min(lo);
        e.1 = e.1.max(hi);
    }
    let low = by_claimant.values().map(|&(lo, _)| lo).min();
    let high = by_claimant.values().map(|&(_, hi)| hi).max();
    let mut points: Vec<u64> = by_claimant.values().map(|&(_, hi)| hi).collect();
    points.sort_unstable();
    let best = points.get(points.len().saturating_sub(1) / 2).copied();
    CasualtySummary {
        outcome,
        victims,
        country,
        low,
        best,
        high,
        claims: members,
        claimants: claimants.len(),
    }
}

/// The figures a claim allows, as (low, high).
fn bounds(c: &CasualtyClaim) -> Option<(u64, u64)> {
    let n = c.count?;
    let hi = c.count_max.unwrap_or(n).max(n);
    Some((n, hi))
}

/// Who makes a claim: its claimant's code, else its words; the reporter when nobody is named.
fn claimant_key(c: &CasualtyClaim) -> String {
    c.according_to
        .as_ref()
        .map(|a| a.code.clone().unwrap_or_else(|| a.text.to_lowercase()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{ActorRef, Span};

    fn claim(
        count: Option<u64>,
        max: Option<u64>,
        who: Option<&str>,
        victims: &str,
    ) -> CasualtyClaim {
        CasualtyClaim {
            text: String::new(),
            count,
            count_max: max,
            qualifier: "exact".into(),
            outcome: "killed".into(),
            victims: victims.into(),
            country: Some("AFG".into()),
            according_to: who.map(|w| ActorRef {
                text: w.into(),
                country: None,
                code: Some(w.into()),
            }),
            period: None,
            place: None,
            sentence: Span { start: 0, end: 0 },
            part_of: None,
        }
    }

    #[test]
    fn claimants_stay_apart_and_give_low_best_high() {
        let claims = vec![
            claim(Some(76), None, Some("AFGGOV"), "civilians"),
            claim(Some(76), None, Some("IGOUNO"), "civilians"),
            claim(Some(90), Some(100), Some("TAL"), "civilians"),
            claim(Some(13), None, Some("AFGGOV"), "soldiers"),
            claim(None, None, None, "civilians"),
        ];
        let s = summarize(&claims);
        assert_eq!(s.len(), 2);
        let civ = &s[0];
        assert_eq!(
            (civ.low, civ.best, civ.high),
            (Some(76), Some(76), Some(100))
        );
        assert_eq!(civ.claims, vec![0, 1, 2, 4]);
        assert_eq!(civ.claimants, 4);
        assert_eq!(s[1].victims, "soldiers");
        assert_eq!(
            (s[1].low, s[1].best, s[1].high),
            (Some(13), Some(13), Some(13))
        );
    }

    #[test]
    fn a_running_toll_counts_its_claimant_once() {
        let claims = vec![
            claim(Some(10), None, Some("NGAGOV"), "people"),
            claim(Some(14), None, Some("NGAGOV"), "people"),
            claim(Some(20), None, Some("IGOUNO"), "people"),
        ];
        let s = summarize(&claims);
        assert_eq!(
            (s[0].low, s[0].best, s[0].high),
            (Some(10), Some(14), Some(20))
        );
        assert_eq!(s[0].claimants, 2);
    }

    #[test]
    fn vague_amounts_are_cited_without_numbers() {
        let s = summarize(&[claim(None, None, Some("MSF"), "people")]);
        assert_eq!((s[0].low, s[0].best, s[0].high), (None, None, None));
        assert_eq!(s[0].claims, vec![0]);
    }
}
