//! Capitals: the government or the place? Decided from the words around the mention.
//!
//! The principal function is [`capital_use`], which returns a [`CapitalUse`]. A capital stands
//! for its government when it speaks or acts ("Islamabad accuses", "Moscow is concerned",
//! "which Kabul denies"), is cited ("according to Kabul"), owns something ("Moscow's
//! intervention") or is one side of a relation ("between Islamabad and Kabul"). It is a place
//! after locative words ("in Kabul late Monday", "a hospital near Kabul", "flew to Moscow").
//! The cue words are data (`data/actors/en/cues.txt`).
//!
//! ```
//! use sitrep_pipeline::analyze::actors::context::{capital_use, CapitalUse};
//! use sitrep_pipeline::analyze::actors::{scan::scan, ActorDictionary};
//! let dict = ActorDictionary::default();
//! let text = "A strike in Kabul late Monday, which Kabul denies.";
//! let toks = scan(text, &[]);
//! let first = text.find("Kabul").unwrap();
//! let second = text.rfind("Kabul").unwrap();
//! assert_eq!(capital_use(&dict, &toks, first, first + 5), CapitalUse::Place);
//! assert_eq!(capital_use(&dict, &toks, second, second + 5), CapitalUse::Government);
//! ```

use super::dictionary::Tables;
use super::scan::Tok;
use super::ActorDictionary;

/// How a capital is used in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapitalUse {
    /// It stands for its country's government: an actor.
    Government,
    /// It is the city: a place.
    Place,
}

/// How the capital at `start..end` (byte offsets, a match of the dictionary) is used.
pub fn capital_use(
    dict: &ActorDictionary,
    toks: &[Tok<'_>],
    start: usize,
    end: usize,
) -> CapitalUse {
    decide(dict.tables(), toks, start, end)
}

pub(crate) fn decide(t: &Tables, toks: &[Tok<'_>], start: usize, end: usize) -> CapitalUse {
    let first = toks.partition_point(|k| k.start < start);
    let after = toks.partition_point(|k| k.start < end);
    let word = |i: usize| toks.get(i).map(|k| k.lower()).unwrap_or_default();
    let prev1 = first.checked_sub(1).map(word).unwrap_or_default();
    let prev2 = first.checked_sub(2).map(word).unwrap_or_default();

    // "according to Kabul"
    if prev1 == "to" && prev2 == "according" {
        return CapitalUse::Government;
    }
    // "Moscow-backed" is the government, "Kabul-based" the place.
    // The scanner keeps "Moscow-backed" as one token: the hit ends inside it.
    if let Some(k) = after.checked_sub(1).and_then(|i| toks.get(i)) {
        let rest = if k.start < end && k.end > end {
            k.text.get(end - k.start..).unwrap_or("")
        } else {
            ""
        };
        if let Some(w) = rest.strip_prefix('-') {
            let w = w.to_lowercase();
            return if t.cue("gov_compound", &w) {
                CapitalUse::Government
            } else {
                CapitalUse::Place
            };
        }
    }
    // "Moscow's intervention" (but "Kabul's outskirts", "Kabul's Omid hospital")
    if toks.get(after).is_some_and(|k| k.lower() == "'s") {
        if toks.get(after + 1).is_some_and(|k| k.capitalized()) {
            return CapitalUse::Place;
        }
        let owned = word(after + 1);
        let owned2 = format!("{owned} {}", word(after + 2));
        if t.cue("place_possessed", &owned) || t.cue("place_possessed", &owned2) {
            return CapitalUse::Place;
        }
        return CapitalUse::Government;
    }
    // "flew to Moscow" is a place; "a request to Moscow" is the government.
    if prev1 == "to" {
        let lo = first.saturating_sub(4);
        let moving = (lo..first.saturating_sub(1)).any(|i| t.cue("motion", &word(i)));
        return if moving {
            CapitalUse::Place
        } else {
            CapitalUse::Government
        };
    }
    if t.cue("locative", &prev1) {
        return CapitalUse::Place;
    }
    // A verb after the capital (skipping "has", "also", quotes...): it acts or speaks.
    let mut i = after;
    let mut skipped = 0;
    while skipped <= 3 {
        let w = word(i);
        if w.is_empty() {
            break;
        }
        // A listed verb, or any past tense ("Tirana split", "Tehran rejected").
        if t.cue("gov_verbs", &w)
            || (w.len() > 4 && w.ends_with("ed") && w.chars().all(char::is_lowercase))
        {
            return CapitalUse::Government;
        }
        if t.cue("skip", &w) {
            i += 1;
            skipped += 1;
            continue;
        }
        // "Islamabad and Kabul denied": look past a coordinated name.
        if (w == "and" || w == ",") && toks.get(i + 1).is_some_and(|k| k.capitalized()) {
            i += 2;
            skipped += 1;
            continue;
        }
        break;
    }
    // "between Islamabad and Kabul", "urged Kabul", and the second of a pair after one of these.
    if t.cue("gov_before", &prev1) || t.cue("gov_before", &format!("{prev2} {prev1}")) {
        return CapitalUse::Government;
    }
    if prev1 == "and" || prev1 == "," {
        // Coordinated with an earlier capital: take that one's use ("between Islamabad and Kabul").
        if let Some(j) = first.checked_sub(2) {
            if let Some(k) = toks.get(j) {
                if k.capitalized() && j > 0 {
                    let p = word(j - 1);
                    if t.cue("gov_before", &p) {
                        return CapitalUse::Government;
                    }
                    if t.cue("locative", &p) {
                        return CapitalUse::Place;
                    }
                }
            }
        }
    }
    CapitalUse::Place
}
