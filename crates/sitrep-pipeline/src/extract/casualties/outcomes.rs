//! Victims and outcomes: who the figure counts and what happened to them.
//!
//! The principal type is [`Reading`]: for one [`Figure`], the victim group with its side and the
//! outcome (`killed`, `injured`, ...). The victim is the noun after the figure ("13 soldiers",
//! "dozens of civilians", "eight Nigerian troops", "76 civilian deaths"); the outcome is found
//! after it ("were killed"), before the figure ("killed at least 107"), from the figure it is
//! coordinated with ("13 soldiers and 76 civilians have been killed") or from the total it is a
//! part of ("including 13 soldiers").
//!
//! ```
//! use sitrep_pipeline::extract::casualties::{lexicon::Lexicon, numbers::figures, outcomes::victim};
//! let words = ["13", "soldiers", "were", "killed"];
//! let lex = Lexicon::get();
//! let f = &figures(&words, &[false; 4], lex)[0];
//! let v = victim(&words, &vec![None; 4], f, lex).unwrap();
//! assert_eq!((v.group.as_str(), v.end), ("soldiers", 2));
//! ```

use super::lexicon::Lexicon;
use super::numbers::Figure;

/// The victims a figure counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Victim {
    pub group: String,
    /// The side named by the noun or an adjective ("Nigerian troops").
    pub side: Option<String>,
    /// One past the last token of the noun phrase.
    pub end: usize,
    /// An outcome carried by the noun itself ("deaths", "injuries", "dead").
    pub outcome: Option<String>,
    /// Whether a word named the group; "213 injuries" names none and takes the group of the
    /// figure it is coordinated with ("76 civilian deaths and 213 injuries").
    pub named: bool,
}

/// The victim and outcome of one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub victim: Victim,
    pub outcome: String,
}

/// Words that end the noun phrase after a figure: the `stop` list, and punctuation.
fn is_stop(w: &str, lex: &Lexicon) -> bool {
    lex.stop.get(&[w]).is_some() || !w.chars().any(char::is_alphanumeric)
}

/// The victims of figure `f`; `sides[i]` is the country of an actor that covers token `i` (a
/// demonym such as "Nigerian"). `None` when the figure counts things, or nothing recognisable.
pub fn victim(
    words: &[&str],
    sides: &[Option<String>],
    f: &Figure,
    lex: &Lexicon,
) -> Option<Victim> {
    let mut side = None;
    let mut adjective = None;
    let mut k = f.end;
    // "dozens of civilians", "hundreds of thousands of people".
    if words.get(k) == Some(&"of") {
        // "19 of its soldiers", "one of the hostages".
        let det = matches!(
            words.get(k + 1).copied(),
            Some("its" | "their" | "the" | "our" | "his" | "her" | "those")
        );
        if det {
            k += 2;
        } else if f.count.is_none() {
            k += 1;
        }
    }
    // "of whom 12 were women": a copula names the group.
    if let (Some(&("were" | "are")), Some(rest)) = (words.get(k), words.get(k + 1..)) {
        if let Some((n, (group, own))) = lex.victim.longest_at(rest) {
            return Some(Victim {
                group: group.clone(),
                side: own.clone(),
                end: k + 1 + n,
                outcome: None,
                named: true,
            });
        }
    }
    let limit = k + 4;
    while k < limit {
        let rest = words.get(k..).unwrap_or(&[]);
        let w = *rest.first()?;
        if let Some((n, (group, own))) = lex.victim.longest_at(rest) {
            // A demonym before the head noun: "40 Congolese soldiers".
            if rest
                .get(n..)
                .and_then(|r| lex.victim.longest_at(r))
                .is_some()
            {
                side = own.clone().or(side);
                k += n;
                continue;
            }
            let own = own.clone().or_else(|| sides.get(k).cloned().flatten());
            // "civilian deaths": the group word is an adjective of an outcome noun.
            if let Some((m, o)) = rest.get(n..).and_then(|r| lex.outcome.longest_at(r)) {
                if lex.victim_adjective.get(&[w]).is_some() {
                    return Some(Victim {
                        group: group.clone(),
                        side,
                        end: k + n + m,
                        outcome: Some(o.clone()),
                        named: true,
                    });
                }
            }
            return Some(Victim {
                group: group.clone(),
                side: own.or(side),
                end: k + n,
                outcome: None,
                named: true,
            });
        }
        if let Some(a) = lex.victim_adjective.get(&[w]) {
            adjective = Some(a.clone());
        }
        if let Some((n, o)) = lex.outcome.longest_at(rest) {
            // "12 dead", "213 injuries": no noun, the outcome is the noun.
            return Some(Victim {
                named: adjective.is_some(),
                group: adjective.unwrap_or_else(|| "people".to_string()),
                side,
                end: k + n,
                outcome: Some(o.clone()),
            });
        }
        if lex.object.get(&[w]).is_some() || is_stop(w, lex) {
            return None;
        }
        if let Some(Some(c)) = sides.get(k) {
            side = Some(c.clone());
        }
        k += 1;
    }
    None
}

/// The outcome phrase found going forward from token `k` over auxiliaries and coordinated
/// figures; `next_figure_end(k)` gives the end of a figure's noun phrase starting at `k`.
pub fn outcome_after(
    words: &[&str],
    mut k: usize,
    lex: &Lexicon,
    next_figure_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<String> {
    for _ in 0..12 {
        let rest = words.get(k..)?;
        let w = *rest.first()?;
        if let Some((_, o)) = lex.outcome.longest_at(rest) {
            return Some(o.clone());
        }
        if lex.auxiliary.get(&[w]).is_some() {
            k += 1;
        } else if w == "among" {
            // "Three children were among 10 people killed".
            k = next_figure_end(k + 1)?;
        } else if matches!(w, "and" | "," | "or") {
            k = match next_figure_end(k + 1) {
                Some(e) => e,
                // An aside between commas: "46 people, mostly women and children, were killed".
                None if w == "," => {
                    let close = (k + 1..k + 8).find(|&c| words.get(c) == Some(&","))?;
                    close + 1
                }
                None => return None,
            };
        } else {
            return None;
        }
    }
    None
}

/// The outcome verb right before the figure: "killed at least 107", "killing 20".
pub fn outcome_before(words: &[&str], first: usize, lex: &Lexicon) -> Option<String> {
    let head = words.get(..first)?;
    lex.outcome.longest_ending(head).map(|(_, o)| o.clone())
}

/// The nearest outcome word in the few tokens before the figure, within its clause: "the death
/// toll rose to 45".
pub fn outcome_near_before(words: &[&str], first: usize, lex: &Lexicon) -> Option<String> {
    let from = first.saturating_sub(6);
    for end in (from..first).rev() {
        let head = words.get(..end + 1)?;
        if matches!(head.last(), Some(&(";" | "." | "\"" | "“" | "”" | ":"))) {
            return None;
        }
        if let Some((_, o)) = lex.outcome.longest_ending(head) {
            return Some(o.clone());
        }
    }
    None
}
