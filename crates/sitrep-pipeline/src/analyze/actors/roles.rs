//! From dictionary hits to entities: countries, capitals, dictionary actors, sectors after a
//! country, and people attached to a country by their title.
//!
//! The principal function is [`compose`]. Its role patterns:
//! - title before the name: "Pakistani Foreign Minister Ishaq Dar", "Nigerian army spokesman
//!   Onyema Nwachukwu", "Putin's special envoy for Afghanistan Zamir Kabulov";
//! - title after the name (apposition): "Zamir Kabulov, President Vladimir Putin's special envoy";
//! - sector after a country: "Pakistani soldiers" → PAKMIL, "the Russian daily Izvestia" →
//!   Izvestia, RUSMED.
//!
//! ```
//! use sitrep_pipeline::analyze::{actors::ActorDictionary, sentences};
//! let text = "Pakistani Foreign Minister Ishaq Dar met Afghan civilians.";
//! let found = ActorDictionary::default().find(text, &sentences::split(text, None), None);
//! let codes: Vec<_> = found.iter().map(|e| (e.text.as_str(), e.code.as_deref())).collect();
//! assert!(codes.contains(&("Ishaq Dar", Some("PAKGOV"))));
//! assert!(codes.contains(&("Afghan civilians", Some("AFGCVL"))));
//! ```

use sitrep_model::{Entity, EntityKind};

use super::context::{decide, CapitalUse};
use super::dictionary::{EntryKind, Tables};
use super::matcher::Hit;
use super::names::name_run;
use super::scan::Tok;
use super::titles::{appositions, title_before};

/// A hit with what the dictionary says about it.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) hit: Hit,
    pub(super) kind: EntryKind,
    /// The code in force (for titles and agents: the sector code).
    pub(super) code: Option<String>,
    /// Index of the entity made from it, if any.
    pub(super) entity: Option<usize>,
}

/// Turns the dictionary hits of `text` into entities (byte offsets), applying the role patterns.
pub fn compose(
    t: &Tables,
    text: &str,
    toks: &[Tok<'_>],
    hits: &[Hit],
    date: Option<u32>,
) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut ms: Vec<Mention> = Vec::new();
    for h in hits {
        let Some(e) = t.entries.get(h.entry) else {
            continue;
        };
        let code = e.code_on(date).map(str::to_string);
        let mut m = Mention {
            hit: *h,
            kind: e.kind,
            code: code.clone(),
            entity: None,
        };
        let span = text.get(h.start..h.end).unwrap_or("").to_string();
        let iso = |code: &Option<String>| {
            e.iso
                .clone()
                .or_else(|| code.as_deref().and_then(|c| t.country_of_code(c)))
        };
        let ent = match e.kind {
            // "Port Sudan", "Saint Helena": a place word before a country's name makes a place.
            EntryKind::Country if geo_word_before(t, toks, text, h).is_some() => {
                let s0 = geo_word_before(t, toks, text, h).unwrap_or(h.start);
                let place = Hit { start: s0, ..*h };
                let span = text.get(s0..h.end).unwrap_or("").to_string();
                Some(entity(
                    &span,
                    &place,
                    EntityKind::Location,
                    iso(&code),
                    None,
                ))
            }
            EntryKind::Country | EntryKind::Demonym => Some(entity(
                &span,
                h,
                EntityKind::Country,
                iso(&code),
                code.clone(),
            )),
            // "Baghdad University", "Kabul Polytechnic": the capital opens a longer name.
            EntryKind::Capital if opens_longer_name(t, toks, hits, h) => None,
            EntryKind::Capital => {
                let country = iso(&code);
                Some(match decide(t, toks, h.start, h.end) {
                    CapitalUse::Government => {
                        let gov = code
                            .as_ref()
                            .map(|c| format!("{}GOV", c.get(..3).unwrap_or(c)));
                        entity(&span, h, EntityKind::Organization, country, gov)
                    }
                    CapitalUse::Place => entity(&span, h, EntityKind::Location, country, None),
                })
            }
            EntryKind::Person => Some(entity(
                &span,
                h,
                EntityKind::Person,
                iso(&code),
                code.clone(),
            )),
            EntryKind::Organization => Some(entity(
                &span,
                h,
                EntityKind::Organization,
                iso(&code),
                code.clone(),
            )),
            EntryKind::Group => Some(entity(
                &span,
                h,
                EntityKind::Group,
                iso(&code),
                code.clone(),
            )),
            EntryKind::Title | EntryKind::Agent(_) => None,
        };
        if let Some(ent) = ent {
            m.entity = Some(out.len());
            out.push(ent);
        }
        ms.push(m);
    }
    let mut removed = vec![false; out.len()];
    for i in 0..ms.len() {
        match ms.get(i).map(|m| m.kind) {
            Some(EntryKind::Agent(kind)) => {
                agent(t, text, toks, &ms, i, kind, &mut out, &mut removed)
            }
            Some(EntryKind::Title) => title_before(t, text, toks, &ms, i, &mut out),
            _ => {}
        }
    }
    appositions(t, text, toks, &ms, &mut out);
    out.into_iter()
        .enumerate()
        .filter(|(i, _)| !removed.get(*i).copied().unwrap_or(false))
        .map(|(_, e)| e)
        .collect()
}

fn entity(
    text: &str,
    h: &Hit,
    kind: EntityKind,
    country: Option<String>,
    code: Option<String>,
) -> Entity {
    Entity {
        text: text.to_string(),
        start: h.start,
        end: h.end,
        kind,
        country,
        code,
    }
}

/// A capitalised word that no dictionary knows, right after the hit: the hit is part of it.
fn opens_longer_name(t: &Tables, toks: &[Tok<'_>], hits: &[Hit], h: &Hit) -> bool {
    let k = toks.partition_point(|x| x.start < h.end);
    toks.get(k).is_some_and(|x| {
        x.word
            && x.start == h.end + 1
            && x.capitalized()
            && !hits.iter().any(|o| o.start == x.start)
            && !t.cue("calendar", &x.lower())
    })
}

/// The start of a capitalised place word ("Port", "Saint") right before the hit, if any.
fn geo_word_before(t: &Tables, toks: &[Tok<'_>], text: &str, h: &Hit) -> Option<usize> {
    let k = toks.partition_point(|x| x.start < h.start).checked_sub(1)?;
    let w = toks.get(k)?;
    (w.word && w.capitalized() && t.cue("geo_first", &w.lower()) && adjacent(text, w.end, h.start))
        .then_some(w.start)
}

/// Only spaces between two byte offsets.
pub(super) fn adjacent(text: &str, a: usize, b: usize) -> bool {
    a <= b
        && text
            .get(a..b)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
}

/// The CAMEO prefix that a mention gives to what follows it: a country's code for countries and
/// demonyms ("Pakistani" → PAK), a person's or organisation's whole code's country for its
/// people ("Putin's envoy" → RUS), an IGO's whole code ("the UN's envoy" → IGOUNO).
pub(super) fn prefix_of(m: &Mention, out: &[Entity]) -> Option<Prefix> {
    let code = match m.entity.and_then(|i| out.get(i)) {
        Some(e) => e.code.clone().or_else(|| m.code.clone())?,
        None => m.code.clone()?,
    };
    let country = |code: String| Prefix { code, whole: false };
    match m.kind {
        EntryKind::Country | EntryKind::Demonym => Some(country(code)),
        EntryKind::Capital | EntryKind::Person => code.get(..3).map(|c| country(c.to_string())),
        // An organisation's or group's people take its code: "Taliban spokesman" → AFGREB,
        // "the UN's envoy" → IGOUNO.
        EntryKind::Organization | EntryKind::Group => Some(Prefix { code, whole: true }),
        _ => None,
    }
}

/// What a mention gives to the people and sectors after it.
#[derive(Debug, Clone)]
pub(super) struct Prefix {
    pub(super) code: String,
    /// The whole code, to take as it is (an organisation's); else a country code, to which a
    /// sector code is added.
    pub(super) whole: bool,
}

/// The mention just before byte `start`: adjacent, or its possessive ("Pakistan's army").
pub(super) fn owner_before(
    text: &str,
    toks: &[Tok<'_>],
    ms: &[Mention],
    i: usize,
    start: usize,
) -> Option<usize> {
    let j = i.checked_sub(1)?;
    let m = ms.get(j)?;
    if adjacent(text, m.hit.end, start) {
        return Some(j);
    }
    let k = toks.partition_point(|k| k.start < m.hit.end);
    let tok = toks.get(k)?;
    if tok.start == m.hit.end && tok.lower() == "'s" && adjacent(text, tok.end, start) {
        return Some(j);
    }
    None
}

pub(super) fn code_join(prefix: &Prefix, sector: &str) -> String {
    if prefix.whole || prefix.code.ends_with(sector) {
        prefix.code.clone()
    } else {
        format!("{}{sector}", prefix.code)
    }
}

#[allow(clippy::too_many_arguments)]
fn agent(
    t: &Tables,
    text: &str,
    toks: &[Tok<'_>],
    ms: &[Mention],
    i: usize,
    kind: EntityKind,
    out: &mut Vec<Entity>,
    removed: &mut Vec<bool>,
) {
    let Some(m) = ms.get(i) else { return };
    let Some(sector) = m.code.clone() else { return };
    let Some(j) = owner_before(text, toks, ms, i, m.hit.start) else {
        // "soldats pakistanais": the adjective may follow the sector noun; "the army of
        // Nigeria": the country may follow "of".
        if let Some(d) = ms.get(i + 1) {
            let of_country = d.kind == EntryKind::Country
                && text
                    .get(m.hit.end..d.hit.start)
                    .is_some_and(|g| g == " of " || g == " of the ");
            if (d.kind == EntryKind::Demonym && adjacent(text, m.hit.end, d.hit.start))
                || of_country
            {
                if let Some(prefix) = prefix_of(d, out) {
                    let code = code_join(&prefix, &sector);
                    if let Some(slot) = d.entity.and_then(|x| removed.get_mut(x)) {
                        *slot = true;
                    }
                    out.push(Entity {
                        text: text.get(m.hit.start..d.hit.end).unwrap_or("").to_string(),
                        start: m.hit.start,
                        end: d.hit.end,
                        kind,
                        country: t.country_of_code(&code),
                        code: Some(code),
                    });
                    removed.push(false);
                }
            }
        }
        return;
    };
    let Some(owner) = ms.get(j) else { return };
    if !matches!(
        owner.kind,
        EntryKind::Country | EntryKind::Demonym | EntryKind::Capital
    ) {
        return;
    }
    let Some(prefix) = prefix_of(owner, out) else {
        return;
    };
    let code = code_join(&prefix, &sector);
    let country = t.country_of_code(&code);
    // A name right after the sector noun is the actor: "the Russian daily Izvestia".
    let next = toks.partition_point(|k| k.start < m.hit.end);
    if let Some((s, e)) = name_run(t, toks, next) {
        if adjacent(text, m.hit.end, s) && !ms.iter().any(|x| x.hit.start < e && s < x.hit.end) {
            let named = if kind == EntityKind::Organization {
                EntityKind::Organization
            } else {
                EntityKind::Person
            };
            out.push(Entity {
                text: text.get(s..e).unwrap_or("").to_string(),
                start: s,
                end: e,
                kind: named,
                country,
                code: Some(code),
            });
            removed.push(false);
            return;
        }
        if ms.iter().any(|x| x.hit.start == s) {
            // A dictionary actor follows ("the Russian daily Izvestia" when Izvestia is known).
            return;
        }
    }
    // Otherwise the country and the sector together: "Pakistani soldiers".
    let start = owner.hit.start;
    if let Some(slot) = owner.entity.and_then(|x| removed.get_mut(x)) {
        *slot = true;
    }
    out.push(Entity {
        text: text.get(start..m.hit.end).unwrap_or("").to_string(),
        start,
        end: m.hit.end,
        kind,
        country,
        code: Some(code),
    });
    removed.push(false);
}
