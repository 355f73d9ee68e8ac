//! When and where a figure happened: the principal function is [`period_of`], the sentence's
//! widest date range or its day nearest the figure, with [`place_of`] beside it. Dates and places
//! after an exclusion ("excluding Monday's strike") are what the figure leaves out, and a
//! dateline's day yields to the sentence's own.

use sitrep_model::{DateRange, Place};

use super::lexicon::Lexicon;
use super::{claimants, Counted, View};
use crate::analyze::Layers;

/// The byte where an exclusion ("excluding", "except for") starts: dates and places after it
/// belong to what the figure leaves out.
pub(super) fn exclusion_start(view: &View, words: &[&str], lex: &Lexicon) -> usize {
    (0..words.len())
        .find(|&k| {
            words
                .get(k..)
                .and_then(|r| lex.exclusion.longest_at(r))
                .is_some()
        })
        .and_then(|k| view.toks.get(k))
        .map_or(usize::MAX, |t| t.start)
}

/// The period of a figure: the sentence's widest range, else its day nearest to the figure (a
/// dateline's day loses to "on Monday" next to the figure).
pub(super) fn period_of(
    view: &View,
    layers: &Layers,
    exclusion: usize,
    c: &Counted,
) -> Option<DateRange> {
    let at = view
        .toks
        .get(c.figure.number)
        .map_or(view.start, |t| t.start);
    let mut here: Vec<&sitrep_model::DateMention> = layers
        .dates
        .iter()
        .filter(|d| d.start >= view.start && d.end <= view.end && d.start < exclusion)
        .collect();
    // A dateline ("KHARTOUM, March 12 (Reuters) - ") dates the report, not the figure, when the
    // sentence has a date of its own.
    let dash = view
        .toks
        .iter()
        .take(12)
        .find(|t| matches!(t.text(view.text), "-" | "–" | "—" | "--"))
        .map(|t| t.start);
    if let Some(dash) = dash {
        if here.iter().any(|d| d.start > dash) {
            here.retain(|d| d.start > dash);
        }
    }
    if let Some(r) = here
        .iter()
        .filter(|d| d.range.is_some())
        .max_by_key(|d| d.end - d.start)
        .and_then(|d| d.range.clone())
    {
        return Some(r);
    }
    here.iter()
        .filter(|d| d.date.is_some())
        .min_by_key(|d| d.start.abs_diff(at))
        .and_then(|d| d.date.clone())
        .map(|x| DateRange {
            start: x.clone(),
            end: x,
        })
}

/// The figure's place: the first place after it in the sentence, else the last one before it
/// that follows a locative word ("In Khartoum, shelling killed 12"; not "backed by Rwanda").
pub(super) fn place_of(
    view: &View,
    layers: &Layers,
    c: &Counted,
    exclusion: usize,
) -> Option<Place> {
    let lex = Lexicon::get();
    let at = view
        .toks
        .get(c.figure.number)
        .map_or(view.start, |t| t.start);
    let here = |p: &&Place| p.start >= view.start && p.end <= view.end && p.start < exclusion;
    let locative = |p: &&Place| {
        let i = layers.doc.token_at(p.start).and_then(|i| i.checked_sub(1));
        let prev = i
            .and_then(|i| layers.doc.tokens.get(i))
            .map(|t| t.text(view.text));
        prev.is_some_and(|w| lex.locative.get(&[&w.to_lowercase()]).is_some())
    };
    // A place that qualifies the claimant ("the Gaza health ministry", "Lebanon's health
    // ministry") stands for the victims' side when nothing else does.
    let qualifies = |p: &&Place| {
        let i = layers.doc.token_at(p.end.saturating_sub(1)).map(|i| i + 1);
        let next = i
            .and_then(|i| layers.doc.tokens.get(i))
            .map(|t| t.text(view.text));
        next.is_some_and(|w| {
            let w = w.to_lowercase();
            claimants::is_modifier(&w) || lex.claimant_noun.get(&[&w]).is_some()
        })
    };
    let places = &layers.places;
    places
        .iter()
        .filter(here)
        .find(|p| p.start >= at)
        .or_else(|| {
            places
                .iter()
                .filter(here)
                .filter(locative)
                .rev()
                .find(|p| p.start < at)
        })
        .or_else(|| places.iter().filter(here).find(qualifies))
        .cloned()
}
