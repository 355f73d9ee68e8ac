//! Places: golden fixtures under `test_data/places/`, the seed's requirements, and properties.
//!
//! Each fixture `NNNN_name.txt` is a text whose actors are marked inline as
//! `[[surface|kind|code|country]]` (`-` for none), standing in for the actor layer. The places
//! found are written to `NNNN_name.places`, one a line; `UPDATE_EXPECT=1` rewrites them.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use sitrep_model::{Entity, EntityKind, Place};
use sitrep_pipeline::analyze::places::Gazetteer;
use sitrep_pipeline::analyze::sentences;

/// Strips the inline actor marks of a fixture: the text and its entities, in byte offsets.
fn parse_fixture(marked: &str) -> (String, Vec<Entity>) {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("unclosed [[");
        let fields: Vec<&str> = after[..close].split('|').collect();
        let surface = fields[0];
        let kind = match fields.get(1).copied().unwrap_or("location") {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "country" => EntityKind::Country,
            "group" => EntityKind::Group,
            _ => EntityKind::Location,
        };
        let opt = |i: usize| fields.get(i).filter(|f| **f != "-").map(|f| f.to_string());
        let start = text.len();
        text.push_str(surface);
        entities.push(Entity {
            text: surface.to_string(),
            start,
            end: text.len(),
            kind,
            code: opt(2),
            country: opt(3),
        });
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, entities)
}

fn render(places: &[Place]) -> String {
    let mut out = String::new();
    for p in places {
        let _ = writeln!(
            out,
            "{}..{} {:?} -> {} ({}) {:.3},{:.3} #{}",
            p.start,
            p.end,
            p.text,
            p.name,
            p.country.as_deref().unwrap_or("-"),
            p.lat,
            p.lon,
            p.geonames_id.unwrap_or(0)
        );
    }
    out
}

fn find(g: &Gazetteer, text: &str, entities: &[Entity]) -> Vec<Place> {
    g.resolve(text, &sentences::split(text, Some("en")), entities)
}

#[test]
fn golden_fixtures() {
    let g = Gazetteer::default();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let paths = common::txt_fixtures("places");
    let mut failures = Vec::new();
    for path in paths {
        let (text, entities) = parse_fixture(&std::fs::read_to_string(&path).unwrap());
        let got = render(&find(&g, &text, &entities));
        let expect_path = path.with_extension("places");
        if update {
            std::fs::write(&expect_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expect_path).unwrap_or_default();
        if expected != got {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The place names of `text` (actors marked inline), with their countries.
fn names(g: &Gazetteer, marked: &str) -> Vec<(String, String, String)> {
    let (text, entities) = parse_fixture(marked);
    find(g, &text, &entities)
        .into_iter()
        .map(|p| (p.text, p.name, p.country.unwrap_or_default()))
        .collect()
}

fn check(marked: &str, expect: &[(&str, &str, &str)]) {
    let g = Gazetteer::default();
    let got = names(&g, marked);
    let want: Vec<_> = expect
        .iter()
        .map(|(t, n, c)| (t.to_string(), n.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want, "in {marked:?}");
}

#[test]
fn seed_requirements() {
    let marked = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/places/0001_seed.txt"),
    )
    .unwrap();
    let (text, entities) = parse_fixture(&marked);
    let places = find(&Gazetteer::default(), &text, &entities);
    let kabul = places
        .iter()
        .find(|p| p.name == "Kabul" && p.country.as_deref() == Some("AFG"))
        .expect("Kabul");
    assert!((kabul.lat - 34.53).abs() < 0.3 && (kabul.lon - 69.17).abs() < 0.3);
    // The place use is a place; the government uses are not.
    let late = text.find("Kabul late Monday").unwrap();
    assert!(places.iter().any(|p| p.start == late && p.name == "Kabul"));
    assert!(!places
        .iter()
        .any(|p| p.start == text.find("According to Kabul").unwrap() + 13));
    for (name, cc) in [("Afghanistan", "AFG"), ("Pakistan", "PAK")] {
        assert!(
            places
                .iter()
                .any(|p| p.name == name && p.country.as_deref() == Some(cc)),
            "{name}"
        );
    }
    // Nothing inside "UN Assistance Mission in Afghanistan" or "Zamir Kabulov".
    for e in entities.iter().filter(|e| e.kind != EntityKind::Country) {
        assert!(
            !places.iter().any(|p| p.start < e.end && e.start < p.end),
            "{e:?}"
        );
    }
}

/// The GeoNames ids of the places of `marked`, in order.
fn ids(marked: &str) -> Vec<u64> {
    let (text, entities) = parse_fixture(marked);
    find(&Gazetteer::default(), &text, &entities)
        .into_iter()
        .filter_map(|p| p.geonames_id)
        .collect()
}

const KANDAHAR_CITY: u64 = 1138336;
const KANDAHAR_PROVINCE: u64 = 1138335;
const KABUL_CITY: u64 = 1138958;

#[test]
fn province_or_city() {
    assert_eq!(ids("Clashes in Kandahar province."), [KANDAHAR_PROVINCE]);
    assert_eq!(
        ids("Clashes in the province of Kandahar."),
        [KANDAHAR_PROVINCE]
    );
    assert_eq!(ids("Clashes in Kandahar city."), [KANDAHAR_CITY]);
    assert_eq!(ids("A bomb hit a market in Kandahar."), [KANDAHAR_CITY]);
    assert_eq!(ids("Clashes spread to Kandahar."), [KANDAHAR_PROVINCE]);
    // A national capital is the city unless the text says province.
    assert_eq!(ids("Clashes spread to Kabul."), [KABUL_CITY]);
    assert_eq!(ids("Clashes spread to Kabul province."), [1138957]);
}

#[test]
fn not_inside_actors() {
    check(
        "The [[UN Assistance Mission in Afghanistan|organization|IGOUNO|IGO]] said so.",
        &[],
    );
    check(
        "[[Putin|person|RUSGOV|RUS]] met [[Kabulov|person|RUSGOV|RUS]].",
        &[],
    );
    check(
        "According to [[Kabul|country|AFGGOV|AFG]], a clinic in Kabul was hit.",
        &[("Kabul", "Kabul", "AFG")],
    );
}

#[test]
fn common_words_need_context() {
    check(
        "Nice weather. Reading it. Split votes. Along the road.",
        &[],
    );
    check(
        "They met in Nice, in Reading and in Split.",
        &[
            ("Nice", "Nice", "FRA"),
            ("Reading", "Reading", "GBR"),
            ("Split", "Split", "HRV"),
        ],
    );
}

#[test]
fn alternate_names() {
    for name in ["Kiew", "Kyiv", "Kiev", "Kijów", "KYIV"] {
        check(
            &format!("Drones hit {name} overnight."),
            &[(name, "Kyiv", "UKR")],
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_and_offsets_are_char_boundaries(s in "\\PC{0,200}") {
        let g = Gazetteer::default();
        for p in find(&g, &s, &[]) {
            prop_assert!(s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
            prop_assert!(p.start < p.end && p.end <= s.len());
            prop_assert_eq!(&s[p.start..p.end], p.text.as_str());
        }
    }

    #[test]
    fn never_panics_on_name_soup(words in proptest::collection::vec(
        prop_oneof![
            Just("Kabul"), Just("Kandahar"), Just("province"), Just("in"), Just("U.S."),
            Just("New"), Just("York"), Just("-"), Just("."), Just("\n"), Just("’s"), Just("é"),
            Just("Dera"), Just("Ismail"), Just("Khan"), Just("city"), Just("of"), Just("Nice"),
        ],
        0..40,
    )) {
        let s = words.join(" ");
        let g = Gazetteer::default();
        for p in find(&g, &s, &[]) {
            prop_assert!(s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
        }
    }
}

#[test]
fn analyzer_gives_char_offsets() {
    use sitrep_pipeline::analyze::Analyzer;
    let text = "Çatışmalar sürüyor. Explosions were heard in Kabul late Monday.";
    let a = Analyzer::default().analyze(text, Some("2026-03-17"), Some("en"));
    let kabul = a.places.iter().find(|p| p.name == "Kabul").expect("Kabul");
    let chars: Vec<char> = text.chars().collect();
    let got: String = chars[kabul.start..kabul.end].iter().collect();
    assert_eq!(got, "Kabul");
}

#[test]
fn loads_fast_and_once() {
    let t = std::time::Instant::now();
    let a = Gazetteer::default();
    let b = Gazetteer::default();
    assert!(a.data().len() > 70_000 && b.data().name_count() > 100_000);
    // Generous for a debug build on a busy machine; the release figure is a few milliseconds.
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}
