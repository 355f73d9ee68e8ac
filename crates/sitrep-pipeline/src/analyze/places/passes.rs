//! Readings across mentions: the countries a document is about, apposition ("Atlanta,
//! Georgia") and one sense per document.
//!
//! The principal function is [`document_countries`]; [`apposition`] and [`one_sense`] revise
//! the records that [`choose`](super::resolve) picked one mention at a time.
//!
//! ```
//! use sitrep_pipeline::analyze::places::Gazetteer;
//! use sitrep_pipeline::analyze::sentences;
//!
//! let text = "Voters in Atlanta, Georgia, and in Tbilisi, Georgia, went to the polls.";
//! let places = Gazetteer::default().resolve(text, &sentences::split(text, None), &[]);
//! let georgias: Vec<_> = places.iter().filter(|p| p.text == "Georgia").collect();
//! assert_eq!(georgias[0].country.as_deref(), Some("USA"));
//! assert_eq!(georgias[1].country.as_deref(), Some("GEO"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::Entity;

use super::gazetteer::{PlaceClass, PlaceRecord};
use super::resolve::{choose, Mention, MIN_POPULATION_ALONE};

/// The countries the document is about: those of the entities (not `IGO`), of the country
/// names mentioned (unless a bigger place of another country has the same name, as the US
/// state of Georgia), and of the names that can be only one big place.
pub(super) fn document_countries(
    mentions: &[Mention<'_>],
    entities: &[Entity],
) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = entities
        .iter()
        .filter_map(|e| e.country.as_deref())
        .filter(|c| c.len() == 3 && *c != "IGO")
        .map(str::to_string)
        .collect();
    for m in mentions {
        let country = m
            .options
            .iter()
            .find(|(r, p)| r.primary && p.class == PlaceClass::Country);
        if let Some((_, c)) = country {
            // "Georgia" is also a US state bigger than the country: such a name tells nothing.
            let rival = m
                .options
                .iter()
                .any(|(_, p)| p.country != c.country && p.population >= c.population);
            if !rival {
                out.insert(c.country.to_string());
            }
            continue;
        }
        let mut it = m.options.iter().map(|(_, p)| p.country);
        if let Some(first) = it.next() {
            let strong = m.options.iter().any(|(r, p)| {
                r.primary && (p.class != PlaceClass::City || p.population >= MIN_POPULATION_ALONE)
            });
            if strong && it.all(|c| c == first) {
                out.insert(first.to_string());
            }
        }
    }
    out
}

/// "Atlanta, Georgia", "Paris, Texas", "Kabul, Afghanistan": a name followed by a comma and a
/// division or country that can contain it. The second is read among the records that can
/// contain one of the first's, and the first is then read inside the second.
pub(super) fn apposition<'d>(
    text: &str,
    mentions: &[Mention<'d>],
    chosen: &mut [Option<PlaceRecord<'d>>],
    fixed: &mut [bool],
    countries: &BTreeSet<String>,
) {
    let contains = |outer: &PlaceRecord<'_>, inner: &PlaceRecord<'_>| match outer.class {
        PlaceClass::Country => outer.country == inner.country && inner.class != PlaceClass::Country,
        PlaceClass::Admin1 => {
            outer.country == inner.country && outer.admin1 == inner.admin1 && inner.is_city()
        }
        _ => false,
    };
    for i in 1..mentions.len() {
        let (Some(a), Some(b)) = (mentions.get(i - 1), mentions.get(i)) else {
            continue;
        };
        if text.get(a.cand.end..b.cand.start) != Some(", ") {
            continue;
        }
        let outer = choose(b, countries, |p| {
            a.options.iter().any(|(_, q)| contains(p, q))
        });
        let Some(outer) = outer else { continue };
        let inner = choose(a, countries, |q| contains(&outer, q));
        if let Some(inner) = inner {
            for (at, rec) in [(i - 1, inner), (i, outer)] {
                if let Some(slot) = chosen.get_mut(at) {
                    *slot = Some(rec);
                }
                if let Some(f) = fixed.get_mut(at) {
                    *f = true;
                }
            }
        }
    }
}

/// One sense per document: a name read one way thanks to a cue ("Kandahar province", "a market
/// in Kandahar") is read the same way where it stands bare, unless the cues disagree.
pub(super) fn one_sense<'d>(
    mentions: &[Mention<'d>],
    chosen: &mut [Option<PlaceRecord<'d>>],
    fixed: &[bool],
) {
    // Names read by apposition keep their reading but lend it to no other mention.
    let cued = |m: &Mention<'_>| {
        m.cues.division || m.cues.settlement || (m.cues.locative && m.cues.street)
    };
    let mut sense: BTreeMap<&str, Option<u64>> = BTreeMap::new();
    for (m, rec) in mentions.iter().zip(chosen.iter()) {
        if let (true, Some(rec)) = (cued(m), rec) {
            let id = Some(rec.geonames_id);
            let slot = sense.entry(m.cand.key.as_str()).or_insert(id);
            if *slot != id {
                *slot = None;
            }
        }
    }
    for (i, (m, rec)) in mentions.iter().zip(chosen.iter_mut()).enumerate() {
        if cued(m) || fixed.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(Some(id)) = sense.get(m.cand.key.as_str()) else {
            continue;
        };
        if let Some((_, p)) = m.options.iter().find(|(_, p)| p.geonames_id == *id) {
            *rec = Some(*p);
        }
    }
}
