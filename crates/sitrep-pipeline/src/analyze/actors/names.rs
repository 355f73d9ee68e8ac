//! Capitalised names that no dictionary knows, with a guessed kind.
//!
//! The principal function is [`unknown`]. A name is a run of capitalised words (with inner
//! particles: "Abu Bakr al-Baghdadi", "Organization of Islamic Cooperation"). Sentence-initial
//! ordinary words ("The", "According", "Since"), months and weekdays are no names. A lone
//! capitalised word at the start of a sentence is a name only when a verb of saying follows it
//! or it is the surname of a person named before ("Kabulov said"). The kind:
//! an honorific or title before it → person; a last word like Ministry, Agency, Party → organisation;
//! after in/at/near → location (a facility word such as Hospital then also makes a location);
//! two or three plain words → person; one plain word → location; otherwise organisation.
//!
//! ```
//! use sitrep_pipeline::analyze::{actors::ActorDictionary, sentences};
//! let text = "The incident at Omid Addiction Treatment Hospital was denied by Mr. John Brown.";
//! let found = ActorDictionary::default().find(text, &sentences::split(text, None), None);
//! let kinds: Vec<_> = found.iter().map(|e| (e.text.as_str(), e.kind)).collect();
//! use sitrep_model::EntityKind::*;
//! assert_eq!(kinds, [("Omid Addiction Treatment Hospital", Location), ("John Brown", Person)]);
//! ```

use sitrep_model::{Entity, EntityKind};

use super::dictionary::Tables;
use super::scan::Tok;

const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "de", "del", "da", "van", "von", "der", "el", "of", "for", "du", "la",
    "le", "abu", "bint",
];

fn is_name_word(t: &Tables, k: &Tok<'_>) -> bool {
    k.word
        && k.capitalized()
        && k.text.chars().filter(|c| c.is_alphabetic()).count() >= 1
        && k.text.chars().count() != 1
        && !t.cue("calendar", k.lower().trim_end_matches('.'))
}

/// The run of name words starting at token `k` (byte span), if token `k` starts one.
pub fn name_run(t: &Tables, toks: &[Tok<'_>], k: usize) -> Option<(usize, usize)> {
    let first = toks.get(k)?;
    if !is_name_word(t, first) || t.cue("honorific", &first.lower()) {
        return None;
    }
    let mut last = k;
    let mut i = k + 1;
    while i < k + 12 {
        let Some(tok) = toks.get(i) else { break };
        // Tokens must be separated by a single space (no line break, no punctuation).
        let Some(prev) = toks.get(i - 1) else { break };
        if tok.start != prev.end + 1 {
            break;
        }
        if is_name_word(t, tok) && !tok.initial {
            last = i;
            i += 1;
            continue;
        }
        let l = tok.lower();
        // "Movement for the Actualization of the Sovereign State of Biafra"
        let org_head =
            (k..=last).any(|j| toks.get(j).is_some_and(|x| t.cue("org_suffix", &x.lower())));
        if (l == "of" || l == "for")
            && org_head
            && toks
                .get(i + 1)
                .is_some_and(|n| n.lower() == "the" && n.start == tok.end + 1)
            && toks.get(i + 2).is_some_and(|n| {
                is_name_word(t, n) && toks.get(i + 1).is_some_and(|m| n.start == m.end + 1)
            })
        {
            i += 2;
            continue;
        }
        if PARTICLES.contains(&l.as_str())
            && toks
                .get(i + 1)
                .is_some_and(|n| is_name_word(t, n) && n.start == tok.end + 1)
        {
            i += 1;
            continue;
        }
        break;
    }
    // Never end on a particle ("United Bus Company of").
    while last > k
        && toks
            .get(last)
            .is_some_and(|x| PARTICLES.contains(&x.lower().as_str()))
    {
        last -= 1;
    }
    Some((first.start, toks.get(last)?.end))
}

/// [`name_run`] cut before the first token inside one of the `spans`, without trailing
/// particles: the unknown part of a name that runs into a known one.
pub fn clipped_run(
    t: &Tables,
    toks: &[Tok<'_>],
    k: usize,
    spans: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let (s, e) = name_run(t, toks, k)?;
    let mut last = toks.partition_point(|x| x.start < e).checked_sub(1)?;
    let inside = |x: &Tok<'_>| spans.iter().any(|&(a, b)| a < x.end && x.start < b);
    if let Some(cut) = (k..=last).find(|&i| toks.get(i).is_some_and(inside)) {
        last = cut.checked_sub(1)?;
    }
    while last > k
        && toks
            .get(last)
            .is_some_and(|x| PARTICLES.contains(&x.lower().as_str()))
    {
        last -= 1;
    }
    if last < k {
        return None;
    }
    Some((s, toks.get(last)?.end))
}

/// Entities for the capitalised names of `toks` outside the `known` spans.
pub fn unknown(
    t: &Tables,
    text: &str,
    toks: &[Tok<'_>],
    known: &[(usize, usize)],
    found: &[Entity],
) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    // Known spans sorted by start, with the running maximum of their ends, for a binary search.
    let mut spans: Vec<(usize, usize)> = known.to_vec();
    spans.sort_unstable();
    let mut reach = Vec::with_capacity(spans.len());
    let mut m = 0;
    for &(_, b) in &spans {
        m = m.max(b);
        reach.push(m);
    }
    let covered = |s: usize, e: usize| {
        // The spans that start before `e`; one of them reaches past `s`?
        let n = spans.partition_point(|&(a, _)| a < e);
        n > 0 && reach.get(n - 1).is_some_and(|&r| r > s)
    };
    let shouting = shouting_lines(text, toks);
    let mut k = 0;
    while k < toks.len() {
        let Some(tok) = toks.get(k) else { break };
        if covered(tok.start, tok.end) || shouting.get(k).copied().unwrap_or(false) {
            k += 1;
            continue;
        }
        let Some((mut s, mut e)) = name_run(t, toks, k) else {
            k += 1;
            continue;
        };
        let mut first = k;
        let mut last = toks.partition_point(|x| x.start < e).saturating_sub(1);
        // Cut the run where it meets a known span.
        if let Some(cut) =
            (first..=last).find(|&i| toks.get(i).is_some_and(|x| covered(x.start, x.end)))
        {
            last = cut.saturating_sub(1);
            if last < first {
                k = cut + 1;
                continue;
            }
            while last > first
                && toks
                    .get(last)
                    .is_some_and(|x| PARTICLES.contains(&x.lower().as_str()))
            {
                last -= 1;
            }
            e = toks.get(last).map_or(e, |x| x.end);
        }
        // Sentence-initial ordinary words are no part of a name.
        if tok.initial && t.cue("not_name", &tok.lower()) {
            first += 1;
            if first > last {
                k = last + 1;
                continue;
            }
            s = toks.get(first).map_or(s, |x| x.start);
            if !toks.get(first).is_some_and(|x| is_name_word(t, x)) {
                k = last + 1;
                continue;
            }
        }
        let next_word = toks.get(last + 1).map(|x| x.lower()).unwrap_or_default();
        let prev_word = first
            .checked_sub(1)
            .and_then(|i| toks.get(i))
            .map(|x| x.lower())
            .unwrap_or_default();
        let span = text.get(s..e).unwrap_or("");
        let single = first == last;
        let surname_of = if single {
            found.iter().find(|f| {
                f.kind == EntityKind::Person
                    && f.text.len() > span.len()
                    && f.text.ends_with(span)
                    && f.text
                        .get(..f.text.len() - span.len())
                        .is_some_and(|h| h.ends_with(' '))
            })
        } else {
            None
        };
        let initial = toks.get(first).is_some_and(|x| x.initial);
        let alone_word = single && t.cue("not_alone", &span.to_lowercase());
        // A first name before a known surname ("Volodymyr Zelenskiy"): joined later.
        let before_person = found.iter().any(|f| {
            f.kind == EntityKind::Person
                && f.code.is_some()
                && f.start == e + 1
                && text.get(e..f.start) == Some(" ")
        });
        if !before_person
            && (alone_word
                || (single && initial && surname_of.is_none() && !t.cue("speech", &next_word)))
        {
            k = last + 1;
            continue;
        }
        let (kind, country, code) = if before_person {
            (EntityKind::Person, None, None)
        } else if let Some(p) = surname_of {
            (EntityKind::Person, p.country.clone(), p.code.clone())
        } else {
            (
                guess(t, toks, first, last, &prev_word, &next_word),
                None,
                None,
            )
        };
        out.push(Entity {
            text: span.to_string(),
            start: s,
            end: e,
            kind,
            country,
            code,
        });
        k = last + 1;
    }
    out
}

/// For each token: whether it sits on a line written in capitals (a headline), where
/// capitals say nothing about names.
fn shouting_lines(text: &str, toks: &[Tok<'_>]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut line_start = 0;
    for i in 0..=toks.len() {
        let new_line = match (i.checked_sub(1).and_then(|p| toks.get(p)), toks.get(i)) {
            (Some(p), Some(c)) => text.get(p.end..c.start).is_some_and(|g| g.contains('\n')),
            _ => true,
        };
        if i == toks.len() || (new_line && i > line_start) {
            let words: Vec<&Tok<'_>> = toks
                .get(line_start..i)
                .unwrap_or(&[])
                .iter()
                .filter(|x| x.word && x.text.chars().any(char::is_alphabetic))
                .collect();
            let caps = words
                .iter()
                .filter(|x| !x.text.chars().any(char::is_lowercase))
                .count();
            if words.len() >= 3 && caps * 10 >= words.len() * 6 {
                for slot in out.get_mut(line_start..i).unwrap_or(&mut []) {
                    *slot = true;
                }
            }
            line_start = i;
        }
    }
    out
}

fn guess(
    t: &Tables,
    toks: &[Tok<'_>],
    first: usize,
    last: usize,
    prev: &str,
    next: &str,
) -> EntityKind {
    let word = |i: usize| toks.get(i).map(|x| x.lower()).unwrap_or_default();
    let last_word = word(last);
    let first_word = word(first);
    let before_prev = first.checked_sub(2).map(word).unwrap_or_default();
    let locative = t.cue("locative", prev) && prev != "to" && prev != "from";
    let after_locative = locative || (prev == "the" && t.cue("locative", &before_prev));
    if t.cue("honorific", prev) {
        return EntityKind::Person;
    }
    if t.cue("facility_suffix", &last_word) && after_locative {
        return EntityKind::Location;
    }
    if (first..=last).any(|i| t.cue("org_suffix", &word(i))) {
        return EntityKind::Organization;
    }
    // "the town of Gorazde", "West Bank", "in Greenfield"
    let place_of = prev == "of" && t.cue("facility_suffix", &before_prev);
    if after_locative
        || place_of
        || t.cue("facility_suffix", &last_word)
        || t.cue("geo_first", &first_word)
    {
        return EntityKind::Location;
    }
    if t.cue("speech", next) {
        return EntityKind::Person;
    }
    let all_caps = toks.get(first..=last).unwrap_or(&[]).iter().all(|x| {
        x.text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    let n = last + 1 - first;
    if !all_caps && (2..=3).contains(&n) && prev != "of" && prev != "the" {
        EntityKind::Person
    } else if n == 1 && !all_caps {
        // A lone unknown word mid-sentence is most often a place ("Darfur", "Krajina").
        EntityKind::Location
    } else {
        EntityKind::Organization
    }
}
