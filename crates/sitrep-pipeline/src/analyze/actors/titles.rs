//! People attached to a country or an organisation by their title, before or after the name.
//!
//! The principal functions are [`title_before`] ("Pakistani Foreign Minister Ishaq Dar", "Putin's
//! special envoy for Afghanistan Zamir Kabulov", "le président russe Vladimir Poutine") and
//! [`appositions`] ("Zamir Kabulov, President Vladimir Putin's special envoy for Afghanistan,
//! said"). Both run inside [`super::roles::compose`]:
//!
//! ```
//! use sitrep_pipeline::analyze::{actors::ActorDictionary, sentences};
//! let text = "Boris Petrov, Putin's special envoy for Syria, said so.";
//! let found = ActorDictionary::default().find(text, &sentences::split(text, None), None);
//! let petrov = found.iter().find(|e| e.text == "Boris Petrov").unwrap();
//! assert_eq!(petrov.code.as_deref(), Some("RUSGOV"));
//! ```

use sitrep_model::{Entity, EntityKind};

use super::dictionary::{EntryKind, Tables};
use super::names::{clipped_run, name_run};
use super::roles::{adjacent, code_join, owner_before, prefix_of, Mention};
use super::scan::Tok;

/// "Pakistani Foreign Minister Ishaq Dar", "Putin's special envoy for Afghanistan Zamir Kabulov".
pub(super) fn title_before(
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
        if matches!(
            tok.lower().as_str(),
            "for" | "to" | "in" | "on" | "at" | "of"
        ) {
            if let Some(n) = ms.get(after) {
                let nk = toks.partition_point(|x| x.start < n.hit.start);
                if nk == k + 1
                    || (nk == k + 2 && toks.get(k + 1).is_some_and(|x| x.lower() == "the"))
                {
                    // "Foreign Minister of Ghana": the country of the title; "envoy for
                    // Afghanistan" is not the envoy's country.
                    if prefix.is_none() && tok.lower() == "of" {
                        prefix = prefix_of(n, out);
                    }
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
    // "President Volodymyr Zelenskiy" when only the surname is known: the first name joins
    // the known person, who keeps the dictionary's code.
    if let Some(p) = ms.iter().find(|x| {
        x.kind == EntryKind::Person && x.hit.start == e + 1 && adjacent(text, e, x.hit.start)
    }) {
        if let Some(ent) = p.entity.and_then(|x| out.get_mut(x)) {
            ent.start = s;
            ent.text = text.get(s..ent.end).unwrap_or("").to_string();
        }
        return;
    }
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
pub(super) fn appositions(
    t: &Tables,
    text: &str,
    toks: &[Tok<'_>],
    ms: &[Mention],
    out: &mut Vec<Entity>,
) {
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
