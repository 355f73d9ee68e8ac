//! Sources and targets: the actors of a sentence, grouped by coordination, and the rules that
//! pick the source and target of an event word among them.
//!
//! The principal type is [`Group`]: one or more actors named together ("Afghanistan and
//! Pakistan", "both sides"), as token positions within the sentence.
//!
//! ```
//! use sitrep_pipeline::extract::events::matcher::SentenceWords;
//! use sitrep_pipeline::extract::events::roles::{assign, Group};
//! use sitrep_pipeline::extract::events::vocabulary::Vocabulary;
//! let mut v = Vocabulary::default();
//! v.extend("t", "% passive was").unwrap();
//! let s = SentenceWords::new(&v, &["Pakistan", "was", "attacked", "by", "Afghanistan"]);
//! let groups = [Group { at: 0, end: 1, members: vec![0] }, Group { at: 4, end: 5, members: vec![1] }];
//! let r = assign(&s, &groups, 2, 3);
//! assert_eq!((r.sources, r.targets, r.how), (vec![1], vec![0], "passive"));
//! ```

use sitrep_model::EntityKind;

use super::matcher::SentenceWords;
use super::vocabulary::Kind;
use crate::analyze::Layers;

/// Actors named together, at tokens `at..end` of the sentence; `members` index the entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub at: usize,
    pub end: usize,
    pub members: Vec<usize>,
}

/// The source and target entities chosen for one event word, and the rule that chose them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub how: &'static str,
}

/// How far after the event word a target is looked for, in tokens.
const TARGET_WINDOW: usize = 16;

/// The actor groups of sentence `si`: entities that are actors (not places, and with a
/// country), and pronouns or nominals that coreference resolves to them.
pub fn groups(layers: &Layers, si: usize) -> Vec<Group> {
    let Some(sent) = layers.doc.sentences.get(si) else {
        return Vec::new();
    };
    let first = sent.tokens.start;
    let span_tokens = |start: usize, end: usize| -> Option<(usize, usize)> {
        let a = layers.doc.token_at(start)?;
        let b = layers.doc.token_at(end.checked_sub(1)?)?;
        Some((a.checked_sub(first)?, b.checked_sub(first)? + 1))
    };
    let mut single: Vec<Group> = Vec::new();
    for (i, e) in layers.entities.iter().enumerate() {
        if e.start < sent.start || e.end > sent.end || !is_actor(e) {
            continue;
        }
        if let Some((at, end)) = span_tokens(e.start, e.end) {
            single.push(Group {
                at,
                end,
                members: vec![i],
            });
        }
    }
    for m in &layers.coref {
        if m.start < sent.start || m.end > sent.end || m.antecedents.is_empty() {
            continue;
        }
        let members: Vec<usize> = m
            .antecedents
            .iter()
            .copied()
            .filter(|&a| layers.entities.get(a).is_some_and(is_actor))
            .collect();
        if members.is_empty() {
            continue;
        }
        if let Some((at, end)) = span_tokens(m.start, m.end) {
            single.push(Group { at, end, members });
        }
    }
    single.sort_by_key(|g| (g.at, g.end));
    single
}

/// The places of sentence `si` that have a country, as groups whose members are numbered
/// after the entities (`entities.len() + index into places`): the fallback actors of a
/// sentence ("demonstrators in Baghdad", "a research center in Tokyo").
pub fn place_groups(layers: &Layers, si: usize) -> Vec<Group> {
    let Some(sent) = layers.doc.sentences.get(si) else {
        return Vec::new();
    };
    let first = sent.tokens.start;
    let n = layers.entities.len();
    let mut out = Vec::new();
    for (i, p) in layers.places.iter().enumerate() {
        if p.start < sent.start || p.end > sent.end || p.country.is_none() {
            continue;
        }
        let a = layers
            .doc
            .token_at(p.start)
            .and_then(|t| t.checked_sub(first));
        let b = p
            .end
            .checked_sub(1)
            .and_then(|e| layers.doc.token_at(e))
            .and_then(|t| t.checked_sub(first));
        if let (Some(at), Some(b)) = (a, b) {
            out.push(Group {
                at,
                end: b + 1,
                members: vec![n + i],
            });
        }
    }
    out
}

/// Merges groups joined by "and", commas or "the" ("Jordan and Britain", "A, B and the C").
pub fn coordinate(s: &SentenceWords, single: Vec<Group>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for g in single {
        if let Some(last) = out.last_mut() {
            if g.at < last.end {
                continue; // overlapping mentions: keep the first
            }
            let between = (last.end..g.at).map(|k| s.lower_at(k));
            let joined = g.at > last.end
                && between
                    .clone()
                    .all(|w| matches!(w, "and" | "," | "the" | "&"))
                && between.clone().any(|w| w == "and" || w == ",");
            if joined {
                last.end = g.end;
                last.members.extend(g.members);
                continue;
            }
        }
        out.push(g);
    }
    out
}

fn is_actor(e: &sitrep_model::Entity) -> bool {
    e.kind != EntityKind::Location && (e.country.is_some() || e.code.is_some())
}

/// The source and target of the event word at tokens `at..end`.
pub fn assign(s: &SentenceWords, groups: &[Group], at: usize, end: usize) -> Roles {
    // The subject sits in the same clause: "relations between A and B worsened after
    // tensions escalated" gives "escalated" no subject.
    let before = groups.iter().rev().find(|g| g.end <= at).filter(|g| {
        !(g.end..at).any(|k| s.is(Kind::Clause, k) || matches!(s.lower_at(k), ";" | ":"))
    });
    let stop = (end..s.len().min(end + TARGET_WINDOW))
        .find(|&k| {
            matches!(s.lower_at(k), ";" | ":")
                || s.is(Kind::Clause, k)
                || s.is(Kind::Report, k)
                // ", a member of the team has said": the speaker's apposition is no target.
                || (s.lower_at(k) == "," && (k + 1..s.len()).any(|j| s.is(Kind::Report, j)))
        })
        .unwrap_or(s.len());
    let after: Vec<&Group> = groups
        .iter()
        .filter(|g| g.at >= end && g.at < stop.min(end + TARGET_WINDOW))
        .collect();
    let word_before = |g: &Group, k: usize| g.at.checked_sub(k).map_or("", |i| s.lower_at(i));
    let led_by = |g: &Group, w: &str| word_before(g, 1) == w || word_before(g, 2) == w;
    let passive = {
        let aux = |k: Option<usize>| k.is_some_and(|k| s.is(Kind::Passive, k));
        let participle = s.lower_at(at).ends_with("ed") || s.lower_at(at).ends_with("en");
        participle && (aux(at.checked_sub(1)) || aux(at.checked_sub(2)))
    };
    let by = after.iter().find(|g| led_by(g, "by")).copied();
    // "is opposed to", "is committed to": an adjective, not a passive without its agent.
    let passive = passive && (by.is_some() || s.lower_at(end) != "to");
    // "is prepared to impose", "is determined to": an intent adjective, not a passive.
    let passive = passive && !s.is(Kind::Intent, at);
    let between = after
        .iter()
        .find(|g| led_by(g, "between") && g.members.len() >= 2)
        .copied();
    if passive {
        return Roles {
            sources: by.map(|g| g.members.clone()).unwrap_or_default(),
            targets: before.map(|g| g.members.clone()).unwrap_or_default(),
            how: if by.is_some() {
                "passive"
            } else {
                "passive, no agent"
            },
        };
    }
    if let Some(b) = by {
        if let Some(src) = before {
            // "A rejected calls by B": B is the agent of the noun, the target of A's act.
            return Roles {
                sources: src.members.clone(),
                targets: b.members.clone(),
                how: "subject, agent of the object",
            };
        }
        // "accusations by A against B": the agent follows the noun.
        let target = after.iter().find(|g| g.at > b.at).copied();
        return Roles {
            sources: b.members.clone(),
            targets: target.map(|g| g.members.clone()).unwrap_or_default(),
            how: "nominal by",
        };
    }
    if let Some(pair) = between {
        return match before {
            Some(src) => Roles {
                sources: src.members.clone(),
                targets: pair.members.clone(),
                how: "between (targets)",
            },
            None => Roles {
                sources: pair.members.get(..1).unwrap_or_default().to_vec(),
                targets: pair.members.get(1..2).unwrap_or_default().to_vec(),
                how: "between (pair)",
            },
        };
    }
    let target = after.first().copied();
    match (before, target) {
        (Some(src), Some(tg)) => Roles {
            sources: src.members.clone(),
            targets: tg.members.clone(),
            how: "subject, object",
        },
        (Some(src), None) if src.members.len() >= 2 => Roles {
            sources: src.members.get(..1).unwrap_or_default().to_vec(),
            targets: src.members.get(1..2).unwrap_or_default().to_vec(),
            how: "coordinated subject",
        },
        (Some(src), None) => Roles {
            sources: src.members.clone(),
            targets: Vec::new(),
            how: "subject",
        },
        (None, Some(tg)) if tg.members.len() >= 2 => Roles {
            sources: tg.members.get(..1).unwrap_or_default().to_vec(),
            targets: tg.members.get(1..2).unwrap_or_default().to_vec(),
            how: "pair after",
        },
        (None, Some(tg)) => Roles {
            sources: Vec::new(),
            targets: tg.members.clone(),
            how: "object",
        },
        (None, None) => Roles::default(),
    }
}

/// The speaker of the sentence: the actor next to a reporting word ("Kabulov said", "said
/// the minister", "according to Kabul").
pub fn speaker<'g>(s: &SentenceWords, groups: &'g [Group]) -> Option<&'g Group> {
    let r = (0..s.len()).find(|&k| s.is(Kind::Report, k))?;
    groups
        .iter()
        .find(|g| g.end <= r && r - g.end <= 2)
        .or_else(|| groups.iter().find(|g| g.at > r && g.at - r <= 3))
}
