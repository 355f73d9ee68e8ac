//! Light coreference: pronouns and nominal mentions back to earlier entities.
//!
//! The principal function is [`resolve`], which returns one [`Mention`] per "he"/"she"
//! ("his", "her", ...), per nominal mention of a person or an organisation ("the envoy",
//! "the ministry") and per pair mention ("the two countries", "both sides"). Each mention
//! carries the indices, into the entity list it was given, of what it refers to: one for a
//! person or organisation, two for a pair, none when the text does not make it unambiguous.
//!
//! The rules look back at most two sentences before the mention's own:
//! - a person pronoun takes the one person named there (two surnames of the same person count
//!   once); two different people → unresolved;
//! - "the envoy", "the minister": the person whose title (within a few words of the name)
//!   is that noun; else, as for pronouns, the one person named;
//! - "the ministry", "the group": the last organisation or group whose name contains the noun,
//!   else the only organisation or group named;
//! - "the two countries", "both sides": the two countries (or governments) of the last
//!   "between X and Y" / "X and Y", else the only two countries named.
//!
//! Offsets are byte offsets into `text`, like the entities that [`super::ActorDictionary::find`]
//! returns inside the analysis stage.
//!
//! ```
//! use sitrep_pipeline::analyze::{actors::{coref, ActorDictionary}, sentences};
//! let text = "Zamir Kabulov spoke to Izvestia. \"We want peace,\" he added.";
//! let doc = sentences::split(text, None);
//! let dict = ActorDictionary::default();
//! let ents = dict.find(text, &doc, None);
//! let refs = coref::resolve(&dict, text, &doc, &ents);
//! let he = refs.iter().find(|m| &text[m.start..m.end] == "he").unwrap();
//! assert_eq!(ents[he.antecedents[0]].text, "Zamir Kabulov");
//! ```

use sitrep_model::{Entity, EntityKind};

use super::super::sentences::Sentences;
use super::scan::{scan, Tok};
use super::ActorDictionary;

/// A pronoun or nominal mention and what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offsets of the mention ("he", "the envoy", "both sides").
    pub start: usize,
    pub end: usize,
    /// Indices into the entities given to [`resolve`]: one for a person or organisation, two
    /// for a pair, none when unresolved.
    pub antecedents: Vec<usize>,
}

/// Resolves the pronouns and nominal mentions of `text` against `entities` (byte offsets,
/// sorted by start, as `find` returns them).
pub fn resolve(
    dict: &ActorDictionary,
    text: &str,
    doc: &Sentences,
    entities: &[Entity],
) -> Vec<Mention> {
    let t = dict.tables();
    let toks = scan(text, &doc.sentences);
    // Sentence number of each token: a new one at each sentence-initial word.
    let mut sent = Vec::with_capacity(toks.len());
    let mut n = 0usize;
    for (i, k) in toks.iter().enumerate() {
        if k.initial && i > 0 && !matches!(toks.get(i - 1).map(|p| p.text), Some("\"" | "\u{201c}"))
        {
            n += 1;
        }
        sent.push(n);
    }
    // Byte offset where each sentence number starts, found once: looking it up per token made
    // the pass quadratic in the length of the text.
    let mut starts: Vec<usize> = Vec::new();
    for (k, &s) in toks.iter().zip(&sent) {
        if starts.len() <= s {
            starts.resize(s + 1, k.start);
        }
    }
    let sent_start = |s: usize| -> usize { starts.get(s).copied().unwrap_or(0) };
    // Sentence number of a byte offset.
    let sentence_of = |b: usize| -> usize {
        let k = toks.partition_point(|x| x.start <= b);
        k.checked_sub(1)
            .and_then(|k| sent.get(k))
            .copied()
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(tok) = toks.get(i) else { break };
        let w = tok.lower();
        let s_no = sent.get(i).copied().unwrap_or(0);
        let window_start = sent_start(s_no.saturating_sub(2));
        // The candidates are gathered only for a token that is a cue, not for every word.
        let before = || -> Vec<(usize, &Entity)> {
            entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.end <= tok.start && e.start >= window_start)
                .collect()
        };
        if t.cue("pronoun_person", &w) {
            out.push(Mention {
                start: tok.start,
                end: tok.end,
                antecedents: one_person(&before(), None, text, &sentence_of)
                    .into_iter()
                    .collect(),
            });
            i += 1;
            continue;
        }
        if w == "the" || w == "both" {
            if let Some((end_k, phrase)) = longest_cue(t, &toks, i, "pair") {
                let _ = phrase;
                let end = toks.get(end_k).map_or(tok.end, |k| k.end);
                out.push(Mention {
                    start: tok.start,
                    end,
                    antecedents: pair(&before(), text, &sentence_of),
                });
                i = end_k + 1;
                continue;
            }
        }
        if w == "the" {
            // "the Russian envoy": one capitalised adjective may stand before the noun.
            let skip_adj = toks
                .get(i + 1)
                .is_some_and(|x| x.capitalized() && !t.cue("nominal_person", &x.lower()));
            let from = if skip_adj { i + 2 } else { i + 1 };
            if let Some((end_k, noun)) = longest_cue(t, &toks, from, "nominal_person") {
                let end = toks.get(end_k).map_or(tok.end, |k| k.end);
                out.push(Mention {
                    start: tok.start,
                    end,
                    antecedents: one_person(&before(), Some(&noun), text, &sentence_of)
                        .into_iter()
                        .collect(),
                });
                i = end_k + 1;
                continue;
            }
            if let Some((end_k, noun)) = longest_cue(t, &toks, i + 1, "nominal_org") {
                let end = toks.get(end_k).map_or(tok.end, |k| k.end);
                out.push(Mention {
                    start: tok.start,
                    end,
                    antecedents: one_org(&before(), &noun).into_iter().collect(),
                });
                i = end_k + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The longest phrase of cue list `list` that starts at token `k`: its last token and text.
fn longest_cue(
    t: &super::dictionary::Tables,
    toks: &[Tok<'_>],
    k: usize,
    list: &str,
) -> Option<(usize, String)> {
    let mut best = None;
    let mut phrase = String::new();
    for j in k..(k + 4).min(toks.len()) {
        let w = toks.get(j)?.lower();
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(&w);
        if t.cue(list, &phrase) {
            best = Some((j, phrase.clone()));
        }
    }
    best
}

/// Who a person is, across mentions: the last word of the name.
fn person_key(e: &Entity) -> String {
    e.text
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
}

fn one_person(
    before: &[(usize, &Entity)],
    title: Option<&str>,
    text: &str,
    sentence_of: &dyn Fn(usize) -> usize,
) -> Option<usize> {
    // Possessors ("Putin's envoy") are not what a later pronoun refers to.
    let people: Vec<&(usize, &Entity)> = before
        .iter()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .filter(|(_, e)| {
            let rest = text.get(e.end..).unwrap_or("");
            !(rest.starts_with("'s") || rest.starts_with("\u{2019}s"))
        })
        .collect();
    if let Some(title) = title {
        // The person whose title is the noun: in the name's own clause, before or after it.
        let titled: Vec<&&(usize, &Entity)> = people
            .iter()
            .filter(|(_, e)| {
                let lo = title_start(text, e.start);
                let before = text.get(lo..e.start).unwrap_or("").to_lowercase();
                let after = apposition(text, e.end).to_lowercase();
                before.contains(title) || after.contains(title)
            })
            .collect();
        let mut keys: Vec<String> = titled.iter().map(|(_, e)| person_key(e)).collect();
        keys.sort();
        keys.dedup();
        if keys.len() == 1 {
            return titled.last().map(|(i, _)| *i);
        }
        if keys.len() > 1 {
            return None;
        }
    }
    // The latest sentence that names people decides: one person there, or nothing.
    let last = people.last().map(|(_, e)| sentence_of(e.start))?;
    let here: Vec<&&(usize, &Entity)> = people
        .iter()
        .filter(|(_, e)| sentence_of(e.start) == last)
        .collect();
    let mut keys: Vec<String> = here.iter().map(|(_, e)| person_key(e)).collect();
    keys.sort();
    keys.dedup();
    if keys.len() == 1 {
        here.last().map(|(i, _)| *i)
    } else {
        None
    }
}

/// Where a title before the name at byte `i` may start: at most 40 bytes back, after the last
/// punctuation mark.
fn title_start(text: &str, i: usize) -> usize {
    let lo = floor(text, i.saturating_sub(40));
    let before = text.get(lo..i).unwrap_or("");
    match before.rfind(['.', ',', ';', '\n', '(']) {
        Some(p) => lo + p + 1,
        None => lo,
    }
}

/// The apposition right after a name ending at byte `i`: ", the Russian envoy," (empty when
/// no comma follows).
fn apposition(text: &str, i: usize) -> &str {
    let Some(rest) = text.get(i..).and_then(|r| r.strip_prefix(',')) else {
        return "";
    };
    let end = rest
        .find([',', '.', ';', '\n'])
        .unwrap_or(rest.len())
        .min(80);
    rest.get(..floor(rest, end)).unwrap_or("")
}

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn one_org(before: &[(usize, &Entity)], noun: &str) -> Option<usize> {
    let orgs: Vec<&(usize, &Entity)> = before
        .iter()
        .filter(|(_, e)| matches!(e.kind, EntityKind::Organization | EntityKind::Group))
        .collect();
    if let Some((i, _)) = orgs
        .iter()
        .rev()
        .find(|(_, e)| e.text.to_lowercase().contains(noun))
    {
        return Some(*i);
    }
    let mut names: Vec<String> = orgs.iter().map(|(_, e)| e.text.to_lowercase()).collect();
    names.sort();
    names.dedup();
    if names.len() == 1 {
        orgs.last().map(|(i, _)| *i)
    } else {
        None
    }
}

/// A country or a government: the state it stands for.
fn state_of(e: &Entity) -> Option<&str> {
    match e.kind {
        EntityKind::Country => e.country.as_deref(),
        EntityKind::Organization
            if e.code
                .as_deref()
                .is_some_and(|c| c.ends_with("GOV") && c.len() == 6) =>
        {
            e.country.as_deref()
        }
        _ => None,
    }
}

fn pair(
    before: &[(usize, &Entity)],
    text: &str,
    sentence_of: &dyn Fn(usize) -> usize,
) -> Vec<usize> {
    let states: Vec<(usize, &Entity, &str)> = before
        .iter()
        .filter_map(|(i, e)| state_of(e).map(|s| (*i, *e, s)))
        .collect();
    // Sentence by sentence, from the latest back: a "between X and Y" (or a lone "X and Y") of
    // two states settles it; more than two states named since makes it ambiguous.
    let mut distinct: Vec<&str> = Vec::new();
    let mut sentences: Vec<usize> = states.iter().map(|x| sentence_of(x.1.start)).collect();
    sentences.dedup();
    for &sn in sentences.iter().rev() {
        let here: Vec<&(usize, &Entity, &str)> = states
            .iter()
            .filter(|x| sentence_of(x.1.start) == sn)
            .collect();
        let mut names: Vec<&str> = here.iter().map(|x| x.2).collect();
        names.sort_unstable();
        names.dedup();
        for w in here.windows(2).rev() {
            if let [(i, a, sa), (j, b, sb)] = w {
                let gap = text.get(a.end..b.start).unwrap_or("").trim();
                if sa == sb || !matches!(gap, "and" | "-" | "\u{2013}" | "&") {
                    continue;
                }
                let lead = text.get(..a.start).unwrap_or("").trim_end().to_lowercase();
                if lead.ends_with("between") || (names.len() == 2 && !lead.ends_with(',')) {
                    return vec![*i, *j];
                }
            }
        }
        for n in names {
            if !distinct.contains(&n) {
                distinct.push(n);
            }
        }
        if distinct.len() > 2 {
            return Vec::new();
        }
    }
    if distinct.len() == 2 {
        let mut out: Vec<usize> = distinct
            .iter()
            .filter_map(|d| states.iter().rev().find(|x| x.2 == *d).map(|x| x.0))
            .collect();
        out.sort_unstable();
        return out;
    }
    Vec::new()
}
