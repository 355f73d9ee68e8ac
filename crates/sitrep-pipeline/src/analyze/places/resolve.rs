//! Deciding which candidates are places, and which place each one is.
//!
//! The principal function is [`resolve`]. It takes the candidates of [`scan`](super::scan),
//! drops those that are not place mentions (names inside an organisation's or a person's name,
//! capitals standing for their governments, common words), and picks one gazetteer record for
//! each of the others.
//!
//! ```
//! use sitrep_pipeline::analyze::places::Gazetteer;
//! use sitrep_pipeline::analyze::sentences;
//!
//! let g = Gazetteer::default();
//! let text = "Shelling hit a market in Kandahar city and two villages in Kandahar province.";
//! let places = g.resolve(text, &sentences::split(text, None), &[]);
//! assert_eq!(places.len(), 2);
//! assert_eq!(places[0].geonames_id, Some(1138336)); // the city
//! assert_eq!(places[1].geonames_id, Some(1138335)); // the province
//! ```
//!
//! # Rules
//!
//! A cue is a locative preposition right before the name ("in", "near", "from"), or before the
//! list the name closes ("in Wana, Miranshah and Spin Boldak"), or a division or settlement word
//! after it ("Kandahar province", "Kandahar city") or before "of" ("the province of Kandahar").
//! The word lists live in `data/gazetteer/words.txt`.
//!
//! A candidate is dropped when
//! 1. **an actor covers it**: an entity of kind person, organisation or group overlaps it ("UN
//!    Assistance Mission in Afghanistan", "Zamir Kabulov"), or any entity whose CAMEO code holds
//!    `GOV` ("According to Kabul"). A person or organisation that is only a guess (no code, no
//!    country) over exactly the name's words does not count: the gazetteer knows "El Fasher"
//!    better than a type guess does;
//! 2. **it is part of another word or name**: it follows a lowercase word and a hyphen
//!    ("anti-Pakistan"); or a capitalised word follows that starts no plausible place name and
//!    is no cue or `[after]` word, so the name is part of a longer one the actor layer may not
//!    know ("President Vladimir Putin", "Kabul Bank", "Pakistan Army"; but "Kabul Province",
//!    "Kabul Monday"); or it is at most four capitals naming no country and no place of 100,000
//!    people by its own name ("SANA", the news agency; but "US", "UAE", "GOMA");
//! 3. **it is a common word**: one word of the `[never]` list ("May", "North", "Police"), or of
//!    the `[common]` list ("Nice", "Reading", "Split", "Mobile") without a cue or at the start of
//!    a sentence;
//! 4. **nothing supports a weak name** (countries are never weak):
//!    - one word known only as an alternate name: kept with a cue if it lies in a document
//!      country, or the document has none ("in Zhari district" in a story about Afghanistan is
//!      not Żary in Poland); kept without a cue only for places of 500,000 people ("Kiew",
//!      "Lisboa"; not "Hamas", an alternate name of Hamm) or spelling variants (same first four
//!      letters) of a place in a document country ("Misrata" for Misratah);
//!    - an ordinary city only (no division or capital of that name), without a cue, outside the
//!      document's countries (or inside them but with no population figure: the administrative
//!      seats GeoNames lists at 0), under 100,000 people for one word or 15,000 for several.
//!
//! The countries the document is about are those of the entities (not `IGO`), of the country
//! names it mentions (not "Georgia", which is also a bigger US state), and of the names that can
//! be only one big place.
//!
//! Each remaining candidate takes the record ranked first by, in order: matching its cue (a
//! division word prefers a division, a settlement word a city), lying in a document country (or
//! being prominent: 500,000 people or more and 20 times the population of every candidate in a
//! document country, so "Moscow" stays Russian in a story about Americans), being the record's
//! own name rather than an alternate, the class (country, then division, then city), the
//! population. Two exceptions turn a division into the city of the same name in the same country:
//! the city is the national capital ("Kabul" means the city unless "province" follows), or the
//! text reads "in X" with a street-level word in the same sentence ("a hospital in Kandahar").
//! A bare "Kandahar" is the province.
//!
//! Then two passes read names against each other. Apposition: in "Atlanta, Georgia" or
//! "Paris, Texas", the second name is read among the divisions and countries that can contain the
//! first, and the first inside it. One sense per document: a bare name takes the reading that a
//! cue gave the same name elsewhere in the text ("Kandahar province ... fighting in Kandahar"),
//! unless the cues disagree.

use sitrep_model::{Entity, EntityKind, Place};
use std::collections::BTreeSet;

use super::context::{cues, street_words, Cues};
use super::gazetteer::{GazetteerData, NameRef, PlaceClass, PlaceRecord};
use super::passes::{apposition, document_countries, one_sense};
use super::scan::{self, Candidate};
use super::words::PlaceWords;
use crate::analyze::sentences::Sentences;

/// Below this, a one-word city name needs support from its context.
pub(super) const MIN_POPULATION_ALONE: u64 = 100_000;
/// Below this, a one-word name known only as an alternate needs a cue (not just the country).
const MIN_POPULATION_ALTERNATE: u64 = 500_000;
/// Below this, a city name of several words needs support from its context.
const MIN_POPULATION_MULTIWORD: u64 = 15_000;
/// A place of at least this population that is [`PROMINENT_RATIO`] times bigger than every
/// candidate in the document's countries competes with them as if it were in one of them.
const PROMINENT_POPULATION: u64 = 500_000;
const PROMINENT_RATIO: u64 = 20;
/// One candidate with its cues and its possible records.
pub(super) struct Mention<'d> {
    pub(super) cand: Candidate<'d>,
    pub(super) cues: Cues,
    pub(super) options: Vec<(NameRef, PlaceRecord<'d>)>,
}

/// Finds and geocodes the places of `text`.
pub fn resolve(
    data: &GazetteerData,
    words: &PlaceWords,
    text: &str,
    doc: &Sentences,
    entities: &[Entity],
) -> Vec<Place> {
    let ws = scan::words(text);
    let street = street_words(text, &ws, words);
    let candidates = scan::scan(data, text, &ws);
    // Where plausible place names start: a name that runs into one of them is not continued.
    let starts: Vec<usize> = candidates
        .iter()
        .filter(|c| plausible(data, words, c))
        .map(|c| c.first)
        .collect();
    let mut staged: Vec<(Candidate<'_>, Cues)> = candidates
        .into_iter()
        .filter(|c| !inside_actor(c, entities))
        .map(|cand| {
            let mut cues = cues(text, &ws, &street, &cand, doc, words);
            cues.continued &= starts.binary_search(&(cand.last + 1)).is_err();
            (cand, cues)
        })
        .collect();
    coordinated(text, &mut staged);
    let mut mentions: Vec<Mention<'_>> = staged
        .into_iter()
        .filter_map(|(cand, cues)| {
            // A short word in capitals is an acronym unless it names a country or a big place
            // by its own name ("US", "UAE", "GOMA" in a dateline; not "SANA", the news agency).
            let acronym = cues.all_caps && cand.key.chars().count() <= 4;
            let options: Vec<_> = cand
                .entry
                .refs()
                .filter_map(|r| data.record(r.record).map(|p| (r, p)))
                .filter(|(r, p)| {
                    !acronym
                        || p.class == PlaceClass::Country
                        || (r.primary && p.population >= MIN_POPULATION_ALONE)
                })
                .collect();
            let keep = !options.is_empty()
                && !cues.hyphenated
                && !cues.continued
                && !stopped(&cand, &cues, words);
            keep.then_some(Mention {
                cand,
                cues,
                options,
            })
        })
        .collect();

    let countries = document_countries(&mentions, entities);
    mentions.retain(|m| !weak(m, &countries));
    let mut chosen: Vec<Option<PlaceRecord<'_>>> = mentions
        .iter()
        .map(|m| choose(m, &countries, |_| true))
        .collect();
    let mut fixed = vec![false; mentions.len()];
    apposition(text, &mentions, &mut chosen, &mut fixed, &countries);
    one_sense(&mentions, &mut chosen, &fixed);
    mentions
        .iter()
        .zip(chosen)
        .filter_map(|(m, rec)| {
            let rec = rec?;
            Some(Place {
                text: text.get(m.cand.start..m.cand.end)?.to_string(),
                start: m.cand.start,
                end: m.cand.end,
                name: rec.name.to_string(),
                country: Some(rec.country.to_string()),
                lat: rec.lat,
                lon: rec.lon,
                geonames_id: Some(rec.geonames_id),
            })
        })
        .collect()
}

/// "in Wana, Miranshah and Spin Boldak": the names of a list share the locative preposition of
/// its first.
fn coordinated(text: &str, staged: &mut [(Candidate<'_>, Cues)]) {
    for i in 1..staged.len() {
        let (Some((a, a_cues)), Some((b, _))) = (staged.get(i - 1), staged.get(i)) else {
            continue;
        };
        let listed = matches!(
            text.get(a.end..b.start),
            Some(", " | " and " | ", and " | " or " | ", or " | " & ")
        );
        if listed && a_cues.locative {
            if let Some((_, b_cues)) = staged.get_mut(i) {
                b_cues.locative = true;
            }
        }
    }
}

/// Whether a candidate looks like a place before any context is read: several words, or one
/// word off the stop-lists that names a country, a division or a city of 100,000 people.
fn plausible(data: &GazetteerData, words: &PlaceWords, c: &Candidate<'_>) -> bool {
    if c.word_count() > 1 {
        return true;
    }
    !words.is_never(&c.key)
        && !words.is_common(&c.key)
        && c.entry.refs().any(|r| {
            data.record(r.record).is_some_and(|p| {
                p.class != PlaceClass::City || p.population >= MIN_POPULATION_ALONE
            })
        })
}

/// Rule 1: the name is part of an actor that is not a place.
fn inside_actor(c: &Candidate<'_>, entities: &[Entity]) -> bool {
    entities.iter().any(|e| {
        let overlaps = e.start < c.end && c.start < e.end;
        let actor = matches!(
            e.kind,
            EntityKind::Person | EntityKind::Organization | EntityKind::Group
        );
        let government = e.code.as_deref().is_some_and(|code| code.contains("GOV"));
        // An actor the dictionaries know (a code or a country), or a name longer than the place
        // ("Kabul Bank"), covers it. A bare guess over exactly the place's words ("El Fasher"
        // typed as a person for want of a dictionary entry) yields to the gazetteer.
        let known = e.code.is_some() || e.country.is_some();
        let longer = e.start < c.start || e.end > c.end;
        overlaps && (government || (actor && (known || longer)))
    })
}

/// Rule 3: stop-lists.
fn stopped(c: &Candidate<'_>, cues: &Cues, words: &PlaceWords) -> bool {
    if c.word_count() != 1 {
        return false;
    }
    let cued = cues.locative || cues.division || cues.settlement;
    words.is_never(&c.key) || (words.is_common(&c.key) && (!cued || cues.sentence_start))
}

/// Rule 4: a small ordinary city, or a name known only as an alternate, that nothing supports.
fn weak(m: &Mention<'_>, countries: &BTreeSet<String>) -> bool {
    let cued = m.cues.locative || m.cues.division || m.cues.settlement;
    if m.options
        .iter()
        .any(|(_, p)| p.class == PlaceClass::Country)
    {
        return false;
    }
    let biggest = |primary_only: bool| {
        m.options
            .iter()
            .filter(|(r, _)| r.primary || !primary_only)
            .map(|(_, p)| p.population)
            .max()
            .unwrap_or(0)
    };
    let one_word = m.cand.word_count() == 1;
    let in_doc = m.options.iter().any(|(_, p)| countries.contains(p.country));
    // Seats without a population figure need a cue even in a document country.
    let in_doc_sized = m.options.iter().any(|(_, p)| {
        countries.contains(p.country) && (p.class != PlaceClass::City || p.population > 0)
    });
    if one_word && !m.options.iter().any(|(r, _)| r.primary) {
        let big = biggest(false) >= MIN_POPULATION_ALTERNATE;
        // "in Zhari district" in a story about Afghanistan is no Polish town (Żary, alternate
        // "Zhari"): a cue does not carry an alternate name out of the document's countries.
        if cued {
            return !(countries.is_empty() || in_doc || big);
        }
        // "Hamas" is an alternate name of Hamm, "Tolo" of Toulon: one-word alternates stand
        // alone only for big places ("Kiew", "Moskau", "Lisboa"), or as a spelling variant of a
        // place in a document country ("Misrata", Misratah).
        let variant = m
            .options
            .iter()
            .any(|(_, p)| countries.contains(p.country) && same_start(&m.cand.key, p.name));
        return !variant && !big;
    }
    let only_cities = m.options.iter().all(|(_, p)| p.class == PlaceClass::City);
    if cued || !only_cities || in_doc_sized {
        return false;
    }
    if one_word {
        biggest(true) < MIN_POPULATION_ALONE
    } else {
        biggest(false) < MIN_POPULATION_MULTIWORD
    }
}

/// Whether two names start with the same four letters, ignoring case.
fn same_start(key: &str, name: &str) -> bool {
    let a = key.chars().flat_map(char::to_lowercase).take(4);
    let b = name.chars().flat_map(char::to_lowercase).take(4);
    key.chars().count() >= 4 && a.eq(b)
}

/// The record a mention most likely names, among those that pass `allow`.
pub(super) fn choose<'d>(
    m: &Mention<'d>,
    countries: &BTreeSet<String>,
    allow: impl Fn(&PlaceRecord<'d>) -> bool,
) -> Option<PlaceRecord<'d>> {
    let rank = |p: &PlaceRecord<'_>| match p.class {
        PlaceClass::Country => 3u8,
        PlaceClass::Admin1 => 2,
        PlaceClass::Capital | PlaceClass::City => 1,
    };
    let cue = |p: &PlaceRecord<'_>| {
        (m.cues.division && p.class == PlaceClass::Admin1) || (m.cues.settlement && p.is_city())
    };
    let allowed = || m.options.iter().filter(|(_, p)| allow(p));
    // A place far bigger than any of the document's countries' counts as one of them: "Moscow"
    // in a story about Americans is still the Russian capital.
    let in_doc_population = allowed()
        .filter(|(_, p)| countries.contains(p.country))
        .map(|(_, p)| p.population)
        .max()
        .unwrap_or(0);
    let in_doc = |p: &PlaceRecord<'_>| {
        countries.contains(p.country)
            || (p.population >= PROMINENT_POPULATION
                && p.population / PROMINENT_RATIO >= in_doc_population)
    };
    let (_, best) = allowed().max_by_key(|(r, p)| {
        (
            cue(p),
            in_doc(p),
            r.primary,
            rank(p),
            p.population,
            std::cmp::Reverse(p.geonames_id),
        )
    })?;
    if best.class != PlaceClass::Admin1 || m.cues.division {
        return Some(*best);
    }
    // A division named like a city inside it: the capital, or the city at street level.
    let street = m.cues.locative && m.cues.street;
    let city = allowed()
        .filter(|(_, p)| p.country == best.country && p.is_city())
        .filter(|(_, p)| p.class == PlaceClass::Capital || (street && p.admin1 == best.admin1))
        .max_by_key(|(_, p)| p.population);
    Some(city.map_or(*best, |(_, p)| *p))
}
