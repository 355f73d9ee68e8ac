//! Claimants and speakers: who states what a sentence reports.
//!
//! The principal type is [`Source`]: an actor named through the actor layer ("According to
//! Kabul", "UNAMA documented", "the Nigerian army said", "said the ministry"), or a carrier ("The
//! statement added", "he added") that stands for the last actor who spoke. The same rules find
//! the claimant of casualty figures and the speaker of quotes.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::casualties::{claimants::{attribution, Source}, lexicon::Lexicon, View};
//! let text = "Five people were killed, the Nigerian army said.";
//! let layers = Analyzer::default().layers(text, None, Some("en"));
//! let view = View::new(text, &layers, 0);
//! let Some(Source::Actor(a)) = attribution(&view, &layers, Lexicon::get(), &|_| false) else {
//!     panic!("no claimant")
//! };
//! assert_eq!(a.country.as_deref(), Some("NGA"));
//! ```

use sitrep_model::{ActorRef, EntityKind};

use super::lexicon::Lexicon;
pub use super::mentions::actor_ref;
use super::mentions::{actor_ending, actor_starting, window};
use super::View;
use crate::analyze::Layers;

/// Who a sentence's statement comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A named actor, or a common noun such as "police".
    Actor(ActorRef),
    /// "The statement", "he", "it": the last actor that made a statement.
    Carrier,
}

/// Words that may stand before a claimant noun and belong to it: "local officials", "the
/// Libyan health ministry", "military sources" (the `claimant_modifier` list).
pub(crate) fn is_modifier(w: &str) -> bool {
    Lexicon::get().claimant_modifier.get(&[w]).is_some()
}

/// A claimant noun ending at token `edge` ("police", "health ministry"), with the words before
/// it that qualify it ("the Libyan health ministry", "Pakistan's military"). An actor whose
/// mention ends with the noun ("the Nigerian army") is that actor.
fn noun_claimant(view: &View, layers: &Layers, lex: &Lexicon, edge: usize) -> Option<Source> {
    let words = view.words();
    let toks = view.toks;
    let (n, _) = lex.claimant_noun.longest_ending(words.get(..edge)?)?;
    let last = toks.get(edge.checked_sub(1)?)?;
    let mut first = edge - n;
    let mut side: Option<&sitrep_model::Entity> = None;
    for _ in 0..3 {
        let Some(prev) = first.checked_sub(1).and_then(|p| toks.get(p)) else {
            break;
        };
        let w = words.get(first - 1).copied().unwrap_or("");
        let ent = layers
            .entities
            .iter()
            .find(|e| e.kind != EntityKind::Location && e.start <= prev.start && prev.end <= e.end);
        if let Some(e) = ent {
            if e.end >= last.end {
                // The actor layer knows the whole phrase.
                let i = layers.entities.iter().position(|x| std::ptr::eq(x, e))?;
                return actor_ref(layers, i).map(Source::Actor);
            }
            side = Some(e);
        } else if !is_modifier(w) {
            break;
        }
        first -= 1;
    }
    let start = toks.get(first)?.start;
    Some(Source::Actor(ActorRef {
        text: view.text.get(start..last.end)?.to_string(),
        country: side.and_then(|e| e.country.clone()),
        code: None,
    }))
}

/// The attribution of the sentence in `view`: "according to X" first, then the subject of a
/// verb of saying (before or after it). Tokens for which `skip` holds (the inside of quotes)
/// are not searched for verbs.
pub fn attribution(
    view: &View,
    layers: &Layers,
    lex: &Lexicon,
    skip: &dyn Fn(usize) -> bool,
) -> Option<Source> {
    let words = view.words();
    for k in 0..words.len() {
        if skip(k) || words.get(k) != Some(&"according") || words.get(k + 1) != Some(&"to") {
            continue;
        }
        if let Some(s) = according_to(view, layers, lex, k + 2) {
            return Some(s);
        }
    }
    for k in 0..words.len() {
        let Some(w) = words.get(k) else { continue };
        if skip(k) || lex.speech_verb.get(&[w]).is_none() {
            continue;
        }
        // A verb of saying inside a relative clause ("M23, which Kinshasa says is backed by
        // Rwanda, has killed thousands") does not attribute the sentence.
        let relative = (k.saturating_sub(10)..k)
            .rev()
            .take_while(|&r| !matches!(words.get(r).copied(), Some("," | ";" | ":")))
            .any(|r| matches!(words.get(r).copied(), Some("which" | "whom" | "whose")));
        if relative {
            continue;
        }
        if let Some(s) = subject(view, layers, lex, k) {
            return Some(s);
        }
    }
    None
}

fn according_to(view: &View, layers: &Layers, lex: &Lexicon, k: usize) -> Option<Source> {
    let toks = view.toks;
    // "according to a statement from the army", "according to the latest tally by OCHA": the
    // claimant is who issued the document.
    let words = view.words();
    let document = (k..k + 4).any(|i| {
        words
            .get(i)
            .is_some_and(|w| lex.document.get(&[w]).is_some())
    });
    let k = if document {
        (k..k + 6)
            .find(|&i| matches!(words.get(i).copied(), Some("from" | "by" | "of")))
            .map_or(k, |i| i + 1)
    } else {
        k
    };
    let from = toks.get(k)?.start;
    let to = toks.get(k + 2).or(toks.get(k + 1)).or(toks.get(k))?.end;
    if let Some(s) = actor_starting(layers, from, to) {
        return Some(s);
    }
    // An unnamed claimant: the words up to the next punctuation ("according to local medics").
    let words = view.words();
    let k = if words.get(k) == Some(&"the") {
        k + 1
    } else {
        k
    };
    let from = toks.get(k)?.start;
    let n = (k..words.len().min(k + 6))
        .take_while(|&i| {
            words
                .get(i)
                .is_some_and(|w| w.chars().any(char::is_alphanumeric))
        })
        .count();
    let last = toks.get(k + n.checked_sub(1)?)?;
    let phrase = view.text.get(from..last.end)?;
    let rest = words.get(k..k + n)?;
    let known = (0..rest.len()).any(|i| {
        rest.get(i..)
            .and_then(|r| lex.claimant_noun.longest_at(r))
            .is_some()
    });
    // A phrase that runs to the end of its clause is a claimant even when its words are new:
    // "according to the Emergency Lawyers group".
    let clause_end = words
        .get(k + n)
        .is_none_or(|w| !w.chars().any(char::is_alphanumeric));
    (known || clause_end).then(|| {
        Source::Actor(ActorRef {
            text: phrase.to_string(),
            country: country_within(layers, from, last.end),
            code: None,
        })
    })
}

/// The country of an actor named inside the byte range (a claimant phrase such as "the Syrian
/// civil defence").
fn country_within(layers: &Layers, from: usize, to: usize) -> Option<String> {
    let (_, near) = window(layers, from, to);
    near.iter()
        .filter(|e| e.start >= from && e.end <= to && e.kind != EntityKind::Location)
        .find_map(|e| e.country.clone())
        .filter(|c| c != "IGO")
}

/// A subject noun phrase that opens with a determiner and ends at the verb, at the start of a
/// clause: ", the regional administration said", "The civil defence agency said".
fn phrase_subject(view: &View, layers: &Layers, edge: usize) -> Option<Source> {
    let words = view.words();
    let toks = view.toks;
    let det = (edge.saturating_sub(6)..edge)
        .rev()
        .find(|&d| matches!(words.get(d).copied(), Some("the" | "a" | "an")))?;
    let inner = words.get(det + 1..edge)?;
    let wordy = inner
        .iter()
        .all(|w| w.chars().all(char::is_alphanumeric) || *w == "'s" || *w == "’s");
    let opens = det == 0
        || words
            .get(det - 1)
            .is_some_and(|w| !w.chars().any(char::is_alphanumeric));
    if inner.is_empty() || !wordy || !opens {
        return None;
    }
    let first = toks.get(det + 1)?;
    let last = toks.get(edge - 1)?;
    Some(Source::Actor(ActorRef {
        text: view.text.get(first.start..last.end)?.to_string(),
        country: country_within(layers, first.start, last.end),
        code: None,
    }))
}

/// The subject of the verb of saying at token `k`: an actor just before it ("Kabulov said",
/// "the Nigerian army's spokesman said"), a carrier ("the statement added"), a common noun
/// ("police said"), or an actor just after it ("said the ministry").
pub fn subject(view: &View, layers: &Layers, lex: &Lexicon, k: usize) -> Option<Source> {
    let toks = view.toks;
    let words = view.words();
    toks.get(k)?;
    let head = words.get(..k)?;
    // Adverbs between subject and verb: "he also said", "the ministry later said".
    let skip = head
        .iter()
        .rev()
        .take_while(|w| matches!(**w, "also" | "later" | "had" | "has" | "have" | "then"))
        .count();
    let head = head.get(..head.len() - skip)?;
    let edge = k - skip;
    if lex.carrier.longest_ending(head).is_some() {
        // A resolved pronoun beats the carrier rule.
        let near = toks.get(edge.checked_sub(1)?)?;
        return actor_ending(layers, near.start, near.end).or(Some(Source::Carrier));
    }
    if let Some(s) = noun_claimant(view, layers, lex, edge) {
        return Some(s);
    }
    // The subject sits in the (up to three) word tokens right before the verb.
    let clean = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| w.chars().any(char::is_alphanumeric) || *w == "'s" || *w == "’s")
    };
    let span = (1..=3.min(edge)).take_while(|d| clean(edge - d)).count();
    // The actor ends right before the verb ("Kabulov said"), or before lowercase words that
    // name its part or speaker ("the M23 rebels said", "the Nigerian army's spokesman said");
    // "a doctor at the Saudi Hospital told" is no statement of Saudi Arabia.
    for p in (edge - span..edge).rev() {
        let Some(t) = toks.get(p) else { continue };
        let gap_ok = (p + 1..edge).all(|g| {
            toks.get(g).map(|x| x.text(view.text)).is_some_and(|x| {
                x.starts_with(|c: char| c.is_lowercase()) || x == "'s" || x == "’s"
            })
        });
        if !gap_ok {
            break;
        }
        if let Some(s) = actor_ending(layers, t.end, t.end) {
            return Some(s);
        }
    }
    // Apposition: "Zamir Kabulov, Putin's special envoy for Afghanistan, said".
    if edge > 0 && words.get(edge - 1) == Some(&",") {
        let comma = (edge.saturating_sub(14)..edge - 1)
            .rev()
            .find(|&c| words.get(c) == Some(&","));
        if let Some(c) = comma {
            let from = toks.get(c.saturating_sub(3))?.start;
            let to = toks.get(c)?.start;
            if let Some(s) = actor_ending(layers, from, to) {
                return Some(s);
            }
        }
    }
    // "The attack claimed 32 lives" is no statement: a new phrase is a claimant only before a
    // plain verb of saying, or where the clause ends or reports ("said that", "said in").
    let next = words.get(k + 1).copied().unwrap_or(".");
    let reports = matches!(
        words.get(k).copied(),
        Some("said" | "says" | "told" | "reported")
    ) || !next.chars().any(char::is_alphanumeric)
        || matches!(next, "that" | "in" | "on");
    if reports {
        if let Some(s) = phrase_subject(view, layers, edge) {
            return Some(s);
        }
    }
    // Inverted order, after a quote or a clause: `," said the ministry`, ", said Col. Musa".
    let before = k.checked_sub(1).and_then(|b| words.get(b))?;
    if before.chars().any(char::is_alphanumeric) {
        return None;
    }
    let after = toks.get(k + 1)?;
    // "said Hamas official Basem Naim": the person the phrase ends on speaks for the group.
    let phrase_end = (k + 1..k + 8)
        .take_while(|&i| {
            words
                .get(i)
                .is_some_and(|w| w.chars().any(char::is_alphanumeric))
        })
        .last()
        .and_then(|i| toks.get(i))
        .map_or(after.end, |t| t.end);
    let (base, near) = window(layers, after.start, phrase_end);
    let person = near.iter().rposition(|e| {
        e.kind == EntityKind::Person && e.start >= after.start && e.end <= phrase_end
    });
    if let Some(i) = person {
        return actor_ref(layers, base + i).map(Source::Actor);
    }
    let until = toks.get(k + 3).or(toks.get(k + 2)).unwrap_or(after);
    if let Some(s) = actor_starting(layers, after.start, until.end) {
        return Some(s);
    }
    let tail = words.get(k + 1..)?;
    let tail = tail.strip_prefix(&["the"][..]).unwrap_or(tail);
    lex.claimant_noun.longest_at(tail).and_then(|(n, _)| {
        let off = words.len() - tail.len();
        let first = toks.get(off)?;
        let last = toks.get(off + n - 1)?;
        Some(Source::Actor(ActorRef {
            text: view.text.get(first.start..last.end)?.to_string(),
            country: None,
            code: None,
        }))
    })
}
