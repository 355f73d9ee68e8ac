//! Casualty claims: one [`CasualtyClaim`] per figure stated, with its claimant.
//!
//! The principal function is [`find`]. Each sentence is read as lowercase tokens: its figures
//! ([`numbers`]), the victims each counts and what happened to them ([`outcomes`]), the
//! sentence's claimant ([`claimants`]), its period (the sentence's date mention) and its place.
//! Every word the rules look for is in `data/claims/en.txt` ([`lexicon`]).
//!
//! Totals and their parts: "107 people, including 13 soldiers and five civilians" gives three
//! claims in text order, the total first and its parts right after it; each part's `part_of`
//! holds the index of its total.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::casualties::find;
//! let text = "Gunmen killed at least 12 villagers in Zamfara, police said.";
//! let layers = Analyzer::default().layers(text, Some("2026-03-17"), Some("en"));
//! let claims = find(text, &layers, Some("2026-03-17"));
//! assert_eq!(claims.len(), 1);
//! let c = &claims[0];
//! assert_eq!((c.count, c.qualifier.as_str(), c.outcome.as_str()), (Some(12), "at_least", "killed"));
//! assert_eq!((c.victims.as_str(), c.country.as_deref()), ("civilians", Some("NGA")));
//! assert_eq!(c.according_to.as_ref().map(|a| a.text.as_str()), Some("police"));
//! ```

pub mod claimants;
mod context;
pub mod lexicon;
pub mod mentions;
pub mod numbers;
pub mod outcomes;
pub mod reconcile;

use sitrep_model::{ActorRef, CasualtyClaim, EntityKind, Span};

use crate::analyze::sentences::Token;
use crate::analyze::Layers;
use claimants::Source;
use context::{exclusion_start, period_of, place_of};
use lexicon::Lexicon;
use numbers::Figure;
use outcomes::Victim;

/// One sentence as lowercase tokens, with their byte offsets.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub toks: &'a [Token],
    lows: Vec<String>,
}

impl<'a> View<'a> {
    /// The view of sentence `i` of `layers`.
    pub fn new(text: &'a str, layers: &'a Layers, i: usize) -> View<'a> {
        let toks = layers.doc.tokens_of(i);
        let (start, end) = layers
            .doc
            .sentences
            .get(i)
            .map_or((0, 0), |s| (s.start, s.end));
        View {
            text,
            start,
            end,
            toks,
            lows: toks.iter().map(|t| t.text(text).to_lowercase()).collect(),
        }
    }

    /// The lowercase words of the sentence.
    pub fn words(&self) -> Vec<&str> {
        self.lows.iter().map(String::as_str).collect()
    }

    /// The text from the start of token `a` to the end of token `b` (inclusive).
    fn slice(&self, a: usize, b: usize) -> String {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => self.text.get(x.start..y.end).unwrap_or("").to_string(),
            _ => String::new(),
        }
    }
}

/// A figure with its victims, before its outcome and claimant are settled.
pub(crate) struct Counted {
    pub(crate) figure: Figure,
    pub(crate) victim: Victim,
}

/// The casualty claims of `text`, in byte offsets (`sentence` spans). `published` is
/// accepted for symmetry with the other extractors: periods come resolved from the date layer.
pub fn find(text: &str, layers: &Layers, _published: Option<&str>) -> Vec<CasualtyClaim> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    // The last named claimant: "The statement added that ..." carries it to later sentences.
    let mut last: Option<ActorRef> = None;
    for i in 0..layers.doc.sentences.len() {
        let view = View::new(text, layers, i);
        let claimant = match claimants::attribution(&view, layers, lex, &|_| false) {
            Some(Source::Actor(a)) => {
                last = Some(a.clone());
                Some(a)
            }
            Some(Source::Carrier) => last.clone(),
            None => None,
        };
        sentence_claims(&view, layers, lex, claimant, &mut out);
    }
    out
}

fn sentence_claims(
    view: &View,
    layers: &Layers,
    lex: &Lexicon,
    claimant: Option<ActorRef>,
    out: &mut Vec<CasualtyClaim>,
) {
    let words = view.words();
    // Only the mentions inside the sentence matter; long texts have thousands.
    let dates: Vec<_> = layers
        .dates
        .iter()
        .filter(|d| d.start < view.end && view.start < d.end)
        .collect();
    let blocked: Vec<bool> = view
        .toks
        .iter()
        .map(|t| dates.iter().any(|d| d.start < t.end && t.start < d.end))
        .collect();
    let figures = numbers::figures(&words, &blocked, lex);
    if figures.is_empty() {
        return;
    }
    let first = layers.entities.partition_point(|e| e.start < view.start);
    let ents = layers.entities.get(first..).unwrap_or(&[]);
    let ents: Vec<_> = ents.iter().take_while(|e| e.start < view.end).collect();
    let sides: Vec<Option<String>> = view
        .toks
        .iter()
        .map(|t| {
            ents.iter()
                .find(|e| {
                    // A demonym, or an actor such as "Israeli soldiers" coded with its country.
                    !matches!(e.kind, EntityKind::Location | EntityKind::Person)
                        && e.country.as_deref() != Some("IGO")
                        && e.start <= t.start
                        && t.end <= e.end
                })
                .and_then(|e| e.country.clone())
        })
        .collect();
    let mut counted: Vec<Counted> = Vec::new();
    for f in figures {
        // "The militia released 42 hostages": the figure undoes a capture, it claims none.
        let head = words.get(..f.first).unwrap_or(&[]);
        if lex.reversal.longest_ending(head).is_some() {
            continue;
        }
        // "The 13 soldiers were buried on Monday": a definite figure that repeats an earlier
        // claim's count refers back to it; it is no new claim.
        let definite = matches!(head.last(), Some(&("the" | "these" | "those")));
        if definite && f.count.is_some() && out.iter().any(|c| c.count == f.count) {
            continue;
        }
        let victim = outcomes::victim(&words, &sides, &f, lex).or_else(|| bare(&words, &f, lex));
        if let Some(victim) = victim {
            counted.push(Counted { figure: f, victim });
        }
    }
    // Where each figure's noun phrase ends, for coordination ("13 soldiers and 76 civilians").
    let ends: Vec<(usize, usize)> = counted
        .iter()
        .map(|c| (c.figure.first, c.victim.end))
        .collect();
    let next_end = |k: usize| ends.iter().find(|(f, _)| *f == k).map(|(_, e)| *e);
    let exclusion = exclusion_start(view, &words, lex);
    let mut outcomes_so_far: Vec<Option<String>> = Vec::new();
    let mut totals: Vec<Option<usize>> = Vec::new();
    // Where each figure of the sentence landed in `out`, for the `part_of` links.
    let mut placed: Vec<Option<usize>> = Vec::new();
    for (j, c) in counted.iter().enumerate() {
        placed.push(None);
        let prev = j.checked_sub(1).and_then(|p| counted.get(p));
        let between: Vec<&str> = prev
            .map(|p| {
                words
                    .get(p.victim.end..c.figure.first)
                    .unwrap_or(&[])
                    .to_vec()
            })
            .unwrap_or_default();
        let coordinated = prev.is_some()
            && !between.is_empty()
            && between
                .iter()
                .all(|w| matches!(*w, "and" | "," | "as" | "well"));
        let subtotal = prev.is_some()
            && (0..between.len()).any(|s| {
                between
                    .get(s..)
                    .and_then(|r| lex.subtotal.longest_at(r))
                    .is_some()
            });
        let total = if subtotal {
            j.checked_sub(1)
        } else if coordinated {
            j.checked_sub(1)
                .and_then(|p| totals.get(p).copied().flatten())
        } else {
            None
        };
        totals.push(total);
        let inherited =
            |t: Option<usize>| t.and_then(|t| outcomes_so_far.get(t).cloned().flatten());
        let passive = c
            .victim
            .outcome
            .clone()
            .or_else(|| outcomes::outcome_after(&words, c.victim.end, lex, &next_end));
        let outcome = passive
            .clone()
            .or_else(|| outcomes::outcome_before(&words, c.figure.first, lex))
            .or_else(|| {
                if coordinated {
                    inherited(j.checked_sub(1))
                } else {
                    None
                }
            })
            .or_else(|| inherited(total))
            .or_else(|| outcomes::outcome_near_before(&words, c.figure.first, lex));
        outcomes_so_far.push(outcome.clone());
        let Some(outcome) = outcome else { continue };
        let all_sides = (c.victim.end..c.victim.end + 3).any(|k| {
            words
                .get(k..)
                .and_then(|r| lex.all_sides.longest_at(r))
                .is_some()
        });
        let place = place_of(view, layers, c, exclusion);
        // "76 civilian deaths and 213 injuries": the unnamed group is the coordinated one's.
        let (group, side) = match prev {
            Some(p) if coordinated && !c.victim.named => (
                p.victim.group.clone(),
                p.victim.side.clone().or(c.victim.side.clone()),
            ),
            _ => (c.victim.group.clone(), c.victim.side.clone()),
        };
        let country = if all_sides {
            None
        } else {
            side.or_else(|| place.as_ref().and_then(|p| p.country.clone()))
                .or_else(|| {
                    // "The Syrian Observatory said 1,500 civilians were killed": with no place
                    // named, a national claimant reports its own country's losses. Not when the
                    // claimant's side did the killing ("Israel said it had killed 20 fighters").
                    passive.as_ref()?;
                    // Militants killed are seldom the claimant's own people.
                    if group == "militants" {
                        return None;
                    }
                    claimant
                        .as_ref()
                        .and_then(|a| a.country.clone())
                        .filter(|c| c != "IGO")
                })
        };
        let part_of = total.and_then(|t| placed.get(t).copied().flatten());
        if let Some(slot) = placed.get_mut(j) {
            *slot = Some(out.len());
        }
        out.push(CasualtyClaim {
            part_of,
            text: view.slice(c.figure.first, c.victim.end.saturating_sub(1)),
            count: c.figure.count,
            count_max: c.figure.count_max,
            qualifier: c.figure.qualifier.clone(),
            outcome,
            victims: group,
            country,
            according_to: claimant.clone(),
            period: period_of(view, layers, exclusion, c),
            // A total across sides happened in no one place of the sentence.
            place: place.filter(|_| !all_sides),
            sentence: Span {
                start: view.start,
                end: view.end,
            },
        });
    }
}

/// A figure with no noun after it, kept when an outcome verb governs it: "the blast killed 20,"
/// or "Five were wounded".
fn bare(words: &[&str], f: &Figure, lex: &Lexicon) -> Option<Victim> {
    let next = words.get(f.end).copied().unwrap_or(".");
    let ends_phrase = !next.chars().any(char::is_alphanumeric)
        || matches!(
            next,
            "and" | "in" | "on" | "at" | "near" | "when" | "after" | "during" | "including"
        );
    let toll = (f.first.saturating_sub(12)..f.first).any(|k| {
        words
            .get(k..f.first)
            .and_then(|r| lex.toll.longest_at(r))
            .is_some()
    });
    let verb_before = toll || outcomes::outcome_before(words, f.first, lex).is_some();
    let after = outcomes::outcome_after(words, f.end, lex, &|_| None);
    if (verb_before && ends_phrase)
        || (after.is_some() && matches!(next, "were" | "was" | "have" | "had" | "are"))
    {
        return Some(Victim {
            group: "people".to_string(),
            side: None,
            end: f.end,
            // "The death toll rose to 35": the toll counts the dead.
            outcome: toll.then(|| "killed".to_string()),
            named: false,
        });
    }
    None
}
