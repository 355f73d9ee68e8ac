//! What the words around a place name say about it.
//!
//! The principal type is [`Cues`], read by [`cues`] for each candidate: a locative preposition
//! before it, a division or settlement word around it, a street-level word in its sentence,
//! whether it opens a sentence, follows "anti-", is written in capitals or runs into a longer
//! capitalised name.
//!
//! ```
//! use sitrep_pipeline::analyze::places::{context, scan, words, GazetteerData, PlaceWords};
//! use sitrep_pipeline::analyze::sentences;
//!
//! let (data, lists) = (GazetteerData::embedded(), PlaceWords::embedded());
//! let text = "A bomb hit a market in Kandahar.";
//! let ws = words(text);
//! let street = context::street_words(text, &ws, &lists);
//! let found = scan(&data, text, &ws);
//! let cues = context::cues(text, &ws, &street, &found[0], &sentences::split(text, None), &lists);
//! assert!(cues.locative && cues.street && !cues.division);
//! ```

use super::scan::{self, Candidate, Word};
use super::words::PlaceWords;
use crate::analyze::sentences::Sentences;

/// How far (bytes) to look for the ends of the sentence around a name.
const SENTENCE_REACH: usize = 400;

/// What the words around a name say about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// A locative preposition right before ("in", "near").
    pub locative: bool,
    /// A division word after ("X province") or before "of" ("the province of X").
    pub division: bool,
    /// A settlement word after ("X city") or before "of" ("the town of X").
    pub settlement: bool,
    /// A street-level word in the same sentence ("hospital", "market").
    pub street: bool,
    /// The name opens a sentence.
    pub sentence_start: bool,
    /// The name follows a lowercase word and a hyphen ("anti-Pakistan").
    pub hyphenated: bool,
    /// The name is written in capitals only ("KABUL", "SANA").
    pub all_caps: bool,
    /// A capitalised word follows that is no place, no cue and no stop word: the name is part
    /// of a longer one ("Vladimir Putin", "Kabul Bank", "Pakistan Army").
    pub continued: bool,
}

/// Reads the cues around a candidate.
pub fn cues(
    text: &str,
    ws: &[Word],
    street: &[usize],
    c: &Candidate<'_>,
    doc: &Sentences,
    words: &PlaceWords,
) -> Cues {
    let mut cues = Cues::default();
    // The words before, joined to the name by a plain space.
    let before = |i: usize, n: usize| -> Option<(String, &str)> {
        let k = i.checked_sub(n)?;
        let w = ws.get(k)?;
        let next = ws.get(k + 1)?;
        let gap = text.get(w.end..next.start)?;
        Some((scan::lower(text, w), gap))
    };
    if let Some((w, gap)) = before(c.first, 1) {
        let plain = gap.chars().all(|ch| ch == ' ');
        if gap == "-" && !ws.get(c.first - 1).is_some_and(|w| w.upper) {
            cues.hyphenated = true;
        }
        if plain && words.is_locative(&w) {
            cues.locative = true;
        }
        if plain && w == "of" {
            if let Some((w2, gap2)) = before(c.first, 2) {
                if gap2.chars().all(|ch| ch == ' ') {
                    cues.division = words.is_division(&w2);
                    cues.settlement = words.is_settlement(&w2);
                }
            }
        }
    }
    if let (Some(next), Some(last)) = (ws.get(c.last + 1), ws.get(c.last)) {
        if text.get(last.end..next.start) == Some(" ") {
            let w = scan::lower(text, next);
            cues.division |= words.is_division(&w);
            cues.settlement |= words.is_settlement(&w);
            cues.continued = next.upper
                && !words.is_after(&w)
                && !words.is_division(&w)
                && !words.is_settlement(&w);
        }
    }
    cues.sentence_start = sentence_start(text, c.start, doc);
    cues.all_caps = text
        .get(c.start..c.end)
        .is_some_and(|t| !t.chars().any(char::is_lowercase));
    let (lo, hi) = sentence_around(text, c.start, c.end);
    let first = street.partition_point(|&at| at < lo);
    cues.street = street.get(first).is_some_and(|&at| at < hi);
    cues
}

/// The start offsets of the street-level words of the text, in order.
pub fn street_words(text: &str, ws: &[Word], words: &PlaceWords) -> Vec<usize> {
    let mut buf = String::new();
    let mut out = Vec::new();
    for w in ws {
        let Some(word) = text.get(w.start..w.end) else {
            continue;
        };
        if word.len() > 16 {
            continue;
        }
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        if words.is_street(&buf) {
            out.push(w.start);
        }
    }
    out
}

/// Whether the name at `start` opens a sentence (or a paragraph, or the text).
fn sentence_start(text: &str, start: usize, doc: &Sentences) -> bool {
    let before = text.get(..start).unwrap_or_default();
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\'' | '(' | '[')
    });
    if trimmed.is_empty()
        || before
            .get(trimmed.len()..)
            .is_some_and(|gap| gap.contains('\n'))
    {
        return true;
    }
    if trimmed.ends_with(['.', '!', '?']) {
        return true;
    }
    // The last sentence that starts at or before the name, if only punctuation lies between.
    let n = doc.sentences.partition_point(|s| s.start <= start);
    n.checked_sub(1)
        .and_then(|i| doc.sentences.get(i))
        .and_then(|s| text.get(s.start..start))
        .is_some_and(|gap| gap.chars().all(|c| !c.is_alphanumeric()))
}

/// The byte range of the sentence around `start..end`, found by its punctuation, at most
/// [`SENTENCE_REACH`] bytes each way.
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let mut lo = start;
    for (i, c) in text.get(..start).unwrap_or_default().char_indices().rev() {
        if is_end(c) || start - i > SENTENCE_REACH {
            break;
        }
        lo = i;
    }
    let mut hi = end;
    for (i, c) in text.get(end..).unwrap_or_default().char_indices() {
        if is_end(c) || i > SENTENCE_REACH {
            break;
        }
        hi = end + i + c.len_utf8();
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::sentences::split;

    #[test]
    fn sentence_starts() {
        let text = "Nice day. \"Nice\" again\n\nNice. In Nice";
        let doc = split(text, None);
        let at = |n: usize| text.match_indices("Nice").nth(n).map_or(0, |(i, _)| i);
        assert!(sentence_start(text, at(0), &doc));
        assert!(sentence_start(text, at(1), &doc));
        assert!(sentence_start(text, at(2), &doc));
        assert!(!sentence_start(text, at(3), &doc));
    }

    #[test]
    fn sentence_bounds_stay_on_char_boundaries() {
        let text = "Ça va. Un marché à Kaboul é. Fin";
        let start = text.find("Kaboul").unwrap_or(0);
        let (lo, hi) = sentence_around(text, start, start + "Kaboul".len());
        assert_eq!(text.get(lo..hi), Some(" Un marché à Kaboul é"));
    }
}
