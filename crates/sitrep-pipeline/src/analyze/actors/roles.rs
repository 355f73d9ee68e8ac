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
use super::names::{clipped_run, name_run};
use super::scan::Tok;

/// A hit with what the dictionary says about it.
#[derive(Debug, Clone)]
struct Mention {
    hit: Hit,
    kind: EntryKind,
    /// The code in force (for titles and agents: the sector code).
    code: Option<String>,
    /// Index of the entity made from it, if any.
    entity: Option<usize>,
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

/// Only spaces between two byte offsets.
fn adjacent(text: &str, a: usize, b: usize) -> bool {
    a <= b
        && text
            .get(a..b)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
}

/// The CAMEO prefix that a mention gives to what follows it: a country's code for countries and
/// demonyms ("Pakistani" → PAK), a person's or organisation's whole code's country for its
/// people ("Putin's envoy" → RUS), an IGO's whole code ("the UN's envoy" → IGOUNO).
fn prefix_of(m: &Mention, out: &[Entity]) -> Option<Prefix> {
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
struct Prefix {
    code: String,
    /// The whole code, to take as it is (an organisation's); else a country code, to which a
    /// sector code is added.
    whole: bool,
}

/// The mention just before byte `start`: adjacent, or its possessive ("Pakistan's army").
fn owner_before(
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

fn code_join(prefix: &Prefix, sector: &str) -> String {
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
        // "soldats pakistanais": the adjective may follow the sector noun.
        if let Some(d) = ms.get(i + 1) {
            if d.kind == EntryKind::Demonym && adjacent(text, m.hit.end, d.hit.start) {
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

/// "Pakistani Foreign Minister Ishaq Dar", "Putin's special envoy for Afghanistan Zamir Kabulov".
fn title_before(
    t: &Tables,
    text: &str,
    toks: &[Tok<'_>],
    ms: &[Mention],
    i: usize,
    out: &mut Vec<Entity>,
) {
    let Some(m) = ms.get(i) else { return };
    let Some(sector) = m.code.clone() else { return };
    let prefix = owner_before(text, toks, ms, i, m.hit.start)
        .and_then(|j| ms.get(j))
        .and_then(|o| prefix_of(o, out));
    // Skip "for Afghanistan" / "to the UN" after the title.
    let mut k = toks.partition_point(|k| k.start < m.hit.end);
    let mut after = i + 1;
    // "le président russe Vladimir Poutine": an adjective of nationality after the title.
    let mut prefix = prefix;
    if let Some(d) = ms.get(after) {
        if d.kind == EntryKind::Demonym && adjacent(text, m.hit.end, d.hit.start) {
            if prefix.is_none() {
                prefix = prefix_of(d, out);
            }
            k = toks.partition_point(|x| x.start < d.hit.end);
            after += 1;
        }
    }
    if let Some(tok) = toks.get(k) {
        if matches!(tok.lower().as_str(), "for" | "to" | "in" | "on" | "at") {
            if let Some(n) = ms.get(after) {
                let nk = toks.partition_point(|x| x.start < n.hit.start);
                if nk == k + 1
                    || (nk == k + 2 && toks.get(k + 1).is_some_and(|x| x.lower() == "the"))
                {
                    k = toks.partition_point(|x| x.start < n.hit.end);
                    after += 1;
                }
            }
        }
    }
    // "The UN's special envoy for Sudan, Ramtane Lamamra, said": the name after a comma, when
    // it is closed by another comma or the end of the sentence.
    let mut comma = false;
    if toks.get(k).is_some_and(|x| x.text == ",") {
        comma = true;
        k += 1;
    }
    let Some(tok) = toks.get(k) else { return };
    // A dictionary person right there keeps its own code, unless it has none.
    if let Some(n) = ms.get(after) {
        if n.hit.start == tok.start {
            if n.kind == EntryKind::Person {
                if let Some(e) = n.entity.and_then(|x| out.get_mut(x)) {
                    if e.code.is_none() {
                        e.code = prefix.map(|p| code_join(&p, &sector));
                        e.country = e.code.as_deref().and_then(|c| t.country_of_code(c));
                    }
                }
            }
            return;
        }
    }
    let spans: Vec<(usize, usize)> = ms.iter().map(|x| (x.hit.start, x.hit.end)).collect();
    let Some((s, e)) = clipped_run(t, toks, k, &spans) else {
        return;
    };
    let name = text.get(s..e).unwrap_or("");
    let closed = text
        .get(e..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| matches!(c, ',' | '.' | ';' | '\n'));
    if comma && !closed {
        return;
    }
    // "official CTK", "the Foreign Minister" alone: no person's name.
    if !name.chars().any(char::is_lowercase) {
        return;
    }
    // "King Hassan of Morocco": the country may follow the name.
    let prefix = prefix.or_else(|| {
        let after = text.get(e..).unwrap_or("");
        let rest = after.strip_prefix(" of ")?;
        let off = e + after.len() - rest.len();
        let m = ms.iter().find(|m| m.hit.start == off)?;
        match m.kind {
            EntryKind::Country | EntryKind::Demonym => prefix_of(m, out),
            _ => None,
        }
    });
    let code = prefix.map(|p| code_join(&p, &sector));
    out.push(Entity {
        text: text.get(s..e).unwrap_or("").to_string(),
        start: s,
        end: e,
        kind: EntityKind::Person,
        country: code.as_deref().and_then(|c| t.country_of_code(c)),
        code,
    });
}

/// "Zamir Kabulov, President Vladimir Putin's special envoy for Afghanistan, said": the name
/// before the comma takes the country of the first actor in the apposition and the sector of
/// its last title.
fn appositions(t: &Tables, text: &str, toks: &[Tok<'_>], ms: &[Mention], out: &mut Vec<Entity>) {
    for (ci, comma) in toks.iter().enumerate() {
        if comma.text != "," {
            continue;
        }
        // The apposition: up to the next comma or sentence end, at most 12 tokens.
        let Some(end) = (ci + 1..(ci + 13).min(toks.len())).find(|&k| {
            toks.get(k)
                .is_some_and(|x| matches!(x.text, "," | "." | ";" | "\u{2014}"))
        }) else {
            continue;
        };
        let (from, to) = match (toks.get(ci + 1), toks.get(end)) {
            (Some(a), Some(b)) => (a.start, b.start),
            _ => continue,
        };
        let inside: Vec<&Mention> = ms
            .iter()
            .filter(|m| m.hit.start >= from && m.hit.end <= to)
            .collect();
        let Some(head) = inside.iter().rev().find(|m| m.kind == EntryKind::Title) else {
            continue;
        };
        let Some(sector) = head.code.clone() else {
            continue;
        };
        // ", Portuguese President Mario Soares said": the title belongs to the name after it.
        let after_head = toks.partition_point(|x| x.start < head.hit.end);
        if toks
            .get(after_head)
            .is_some_and(|x| x.word && x.capitalized() && x.start < to)
        {
            continue;
        }
        let prefix = inside
            .iter()
            .filter(|m| m.hit.start < head.hit.start)
            .find_map(|m| prefix_of(m, out));
        let Some(prefix) = prefix else { continue };
        let code = code_join(&prefix, &sector);
        // The name just before the comma: a person entity without a code, or an unknown name.
        if let Some(e) = out
            .iter_mut()
            .find(|e| e.end == comma.start && e.kind == EntityKind::Person)
        {
            if e.code.is_none() {
                e.country = t.country_of_code(&code);
                e.code = Some(code);
            }
            continue;
        }
        if out.iter().any(|e| e.end == comma.start) {
            continue;
        }
        let mut k = ci;
        while k > 0 && toks.get(k - 1).is_some_and(|x| x.word && x.capitalized()) && ci - k < 4 {
            k -= 1;
        }
        let lead = k
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .map(|x| x.lower())
            .unwrap_or_default();
        if matches!(
            lead.as_str(),
            "the" | "of" | "in" | "to" | "from" | "with" | "for" | "by" | "at" | "on" | "a" | "an"
        ) {
            continue;
        }
        if let Some((s, e)) = name_run(t, toks, k) {
            if e == comma.start && !ms.iter().any(|x| x.hit.start < e && s < x.hit.end) {
                out.push(Entity {
                    text: text.get(s..e).unwrap_or("").to_string(),
                    start: s,
                    end: e,
                    kind: EntityKind::Person,
                    country: t.country_of_code(&code),
                    code: Some(code),
                });
            }
        }
    }
}
