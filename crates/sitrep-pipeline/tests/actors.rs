//! Actors: dictionary matching, capitals, role patterns, unknown names and coreference.
//!
//! Golden files: each `test_data/actors/NNNN_name.txt` (one sentence per line) has its entities in
//! `NNNN_name.expected`; each `coref_NNNN_name.txt` its resolved mentions. Regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p sitrep-pipeline --test actors` and review the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sitrep_model::{Entity, EntityKind};
use sitrep_pipeline::analyze::actors::{coref, ActorDictionary};
use sitrep_pipeline::analyze::sentences::{Sentence, Sentences};

/// One sentence per non-empty line (or paragraph), as a trivial splitter would give.
fn lines(text: &str) -> Sentences {
    let mut sentences = Vec::new();
    let mut start = 0;
    for part in text.split('\n') {
        let end = start + part.len();
        if !part.trim().is_empty() {
            sentences.push(Sentence {
                start,
                end,
                tokens: 0..0,
            });
        }
        start = end + 1;
    }
    Sentences {
        sentences,
        tokens: Vec::new(),
    }
}

fn find(text: &str) -> Vec<Entity> {
    ActorDictionary::default().find(text, &lines(text), Some("en"))
}

fn has(
    ents: &[Entity],
    text: &str,
    kind: EntityKind,
    country: Option<&str>,
    code: Option<&str>,
) -> bool {
    ents.iter().any(|e| {
        e.text == text
            && e.kind == kind
            && e.country.as_deref() == country
            && e.code.as_deref() == code
    })
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/actors")
}

/// Compares `got` with the golden file `path`, or rewrites it under `UPDATE_EXPECT=1`.
fn check(path: &Path, got: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        want == got,
        "{} differs (UPDATE_EXPECT=1 to accept):\n--- want\n{want}\n--- got\n{got}",
        path.display()
    );
}

fn render(ents: &[Entity]) -> String {
    let mut s = String::new();
    for e in ents {
        let kind = format!("{:?}", e.kind).to_lowercase();
        let _ = writeln!(
            s,
            "{:<14} {:<4} {:<12} {}",
            kind,
            e.country.as_deref().unwrap_or("-"),
            e.code.as_deref().unwrap_or("-"),
            e.text
        );
    }
    s
}

fn golden_inputs(prefix_coref: bool) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("coref_") == prefix_coref && name != "seed.txt"
        })
        .collect();
    v.sort();
    v
}

#[test]
fn golden_entities() {
    let dict = ActorDictionary::default();
    for p in golden_inputs(false) {
        let text = std::fs::read_to_string(&p).unwrap();
        // `fr_0001_x.txt` is French; the others English.
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let lang = match name.split_once('_') {
            Some((l, _)) if l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()) => {
                l.to_string()
            }
            _ => "en".to_string(),
        };
        let ents = dict.find(&text, &lines(&text), Some(&lang));
        check(&p.with_extension("expected"), &render(&ents));
    }
}

#[test]
fn golden_coreference() {
    let dict = ActorDictionary::default();
    for p in golden_inputs(true) {
        let text = std::fs::read_to_string(&p).unwrap();
        let doc = lines(&text);
        let ents = dict.find(&text, &doc, Some("en"));
        let mut s = String::new();
        for m in coref::resolve(&dict, &text, &doc, &ents) {
            let to: Vec<&str> = m
                .antecedents
                .iter()
                .filter_map(|&i| ents.get(i).map(|e| e.text.as_str()))
                .collect();
            let _ = writeln!(
                s,
                "{} @{} -> {}",
                &text[m.start..m.end],
                m.start,
                if to.is_empty() {
                    "?".to_string()
                } else {
                    to.join(" + ")
                }
            );
        }
        check(&p.with_extension("expected"), &s);
    }
}

#[test]
fn seed_entities() {
    let text = include_str!("../test_data/actors/seed.txt");
    let doc = {
        // One sentence per paragraph.
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            sentences.push(Sentence {
                start,
                end: start + part.len(),
                tokens: 0..0,
            });
            start += part.len() + 2;
        }
        Sentences {
            sentences,
            tokens: Vec::new(),
        }
    };
    let ents = ActorDictionary::default().find_dated(text, &doc, Some("en"), Some("2026-03-17"));
    use EntityKind::*;
    assert!(has(&ents, "Russia", Country, Some("RUS"), Some("RUS")));
    assert!(has(&ents, "Afghanistan", Country, Some("AFG"), Some("AFG")));
    assert!(has(&ents, "Pakistan", Country, Some("PAK"), Some("PAK")));
    assert!(has(
        &ents,
        "Moscow",
        Organization,
        Some("RUS"),
        Some("RUSGOV")
    ));
    assert!(has(
        &ents,
        "Islamabad",
        Organization,
        Some("PAK"),
        Some("PAKGOV")
    ));
    assert!(has(
        &ents,
        "Kabul",
        Organization,
        Some("AFG"),
        Some("AFGGOV")
    ));
    assert!(has(&ents, "Kabul", Location, Some("AFG"), None));
    assert!(has(
        &ents,
        "Zamir Kabulov",
        Person,
        Some("RUS"),
        Some("RUSGOV")
    ));
    assert!(has(
        &ents,
        "Vladimir Putin",
        Person,
        Some("RUS"),
        Some("RUSGOV")
    ));
    assert!(has(
        &ents,
        "Izvestia",
        Organization,
        Some("RUS"),
        Some("RUSMED")
    ));
    assert!(has(
        &ents,
        "UN Assistance Mission in Afghanistan",
        Organization,
        Some("IGO"),
        Some("IGOUNO")
    ));
    assert!(ents
        .iter()
        .any(|e| e.text == "Omid Addiction Treatment Hospital"));
    // Kabul: government in "According to Kabul" and "which Kabul denies", a place in "in Kabul".
    let kabul: Vec<EntityKind> = ents
        .iter()
        .filter(|e| e.text == "Kabul")
        .map(|e| e.kind)
        .collect();
    assert_eq!(kabul, [Organization, Organization, Location, Organization]);
}

#[test]
fn dated_roles_follow_the_publication_date() {
    let text = "Vladimir Putin met Boris Yeltsin.";
    let d = ActorDictionary::default();
    let at = |date| d.find_dated(text, &lines(text), None, date);
    let putin = |v: Vec<Entity>| {
        v.into_iter()
            .find(|e| e.text == "Vladimir Putin")
            .and_then(|e| e.code)
    };
    assert_eq!(putin(at(Some("2026-03-17"))).as_deref(), Some("RUSGOV"));
    assert_eq!(putin(at(None)).as_deref(), Some("RUSGOV"));
    assert_eq!(putin(at(Some("1995-01-01"))).as_deref(), Some("RUSELI"));
    // Imported records keep their dates: Yeltsin governed 1991-1999.
    let text = "Boris Yeltsin spoke.";
    let yeltsin = |date| {
        d.find_dated(text, &lines(text), None, date)
            .into_iter()
            .find(|e| e.text == "Boris Yeltsin")
            .and_then(|e| e.code)
    };
    assert_eq!(yeltsin(Some("1995-06-01")).as_deref(), Some("RUSGOV"));
    assert_eq!(yeltsin(Some("2003-06-01")).as_deref(), Some("RUSELI"));
}

#[test]
fn languages_without_lists_read_with_english_ones() {
    let text = "Islamabad accuses Afghanistan, which Kabul denies.";
    let d = ActorDictionary::default();
    let en = d.find(text, &lines(text), Some("en"));
    assert_eq!(d.find(text, &lines(text), Some("de")), en);
    assert_eq!(d.find(text, &lines(text), None), en);
    // French lists do not serve English texts: "Moscou" is no capital there.
    let fr = "Moscou accuse Kaboul.";
    assert!(d
        .find(fr, &lines(fr), Some("en"))
        .iter()
        .all(|e| e.country.is_none()));
    assert!(d
        .find(fr, &lines(fr), Some("fr"))
        .iter()
        .any(|e| e.text == "Moscou" && e.country.as_deref() == Some("RUS")));
}

#[test]
fn extend_from_str_adds_and_replaces() {
    let mut d = ActorDictionary::default();
    d.extend_from_str(
        "mine.txt",
        "@kind group\nXYZREB\tFront of Zorbania\n@kind person\nZZZGOV\tVladimir Putin\n",
    )
    .unwrap();
    let text = "The Front of Zorbania met Vladimir Putin.";
    let ents = d.find(text, &lines(text), None);
    assert!(has(
        &ents,
        "Front of Zorbania",
        EntityKind::Group,
        None,
        Some("XYZREB")
    ));
    assert!(ents
        .iter()
        .any(|e| e.text == "Vladimir Putin" && e.code.as_deref() == Some("ZZZGOV")));
    let err = d
        .extend_from_str("bad.txt", "@kind person\nno tab\n")
        .unwrap_err();
    assert!(err.starts_with("bad.txt:2:"), "{err}");
}

#[test]
fn sizes() {
    let d = ActorDictionary::default();
    let t0 = std::time::Instant::now();
    let _ = format!("{d:?}");
    for (kind, n) in d.counts() {
        eprintln!("{kind:<14} {n}");
    }
    eprintln!("{:?} ({:?})", d, t0.elapsed());
    let total: usize = d.counts().iter().map(|x| x.1).sum();
    assert!(total > 15_000, "{total}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_on_punctuation(s in "[A-Za-z'’ .,\"“”()\n-]{0,120}") {
        let d = ActorDictionary::default();
        let doc = lines(&s);
        let ents = d.find(&s, &doc, Some("en"));
        for e in &ents {
            prop_assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end) && e.start < e.end);
        }
        let _ = d.coreferences(&s, &doc, &ents);
        let _ = d.find(&s, &doc, Some("fr"));
    }

    #[test]
    fn never_panics(s in "\\PC{0,200}", t in "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,3}[,.' ]{0,3}(said|in|the|Kabul|Putin's envoy){0,2}") {
        let d = ActorDictionary::default();
        for text in [s.as_str(), t.as_str(), &format!("{t}, {s} {t}.")] {
            let doc = lines(text);
            let ents = d.find(text, &doc, None);
            for e in &ents {
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
            }
            for m in coref::resolve(&d, text, &doc, &ents) {
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                prop_assert!(m.antecedents.iter().all(|&i| i < ents.len()));
            }
        }
    }
}

#[test]
#[ignore]
fn debug_one() {
    let text = std::env::var("T").unwrap_or_default();
    for e in find(&text) {
        eprintln!("{:?} {:?} {:?} {:?}", e.text, e.kind, e.country, e.code);
    }
}

#[test]
#[ignore]
fn debug_matcher() {
    let text = std::env::var("T").unwrap_or_default();
    let d = ActorDictionary::default();
    for (s, e, kind) in d.debug_hits(&text) {
        eprintln!("HIT {:?} {kind}", &text[s..e]);
    }
}

#[test]
fn analyzer_gives_char_offsets() {
    let text =
        "Çok uzak: Islamabad accuses Afghanistan — which Kabul denies — of harboring militants.";
    let a =
        sitrep_pipeline::analyze::Analyzer::default().analyze(text, Some("2026-03-17"), Some("en"));
    let chars: Vec<char> = text.chars().collect();
    for e in &a.entities {
        let got: String = chars[e.start..e.end].iter().collect();
        assert_eq!(got, e.text);
    }
    assert!(a
        .entities
        .iter()
        .any(|e| e.text == "Kabul" && e.code.as_deref() == Some("AFGGOV")));
}

/// Many random texts built from tricky pieces; run with `-- --ignored fuzz_many` in release.
#[test]
#[ignore]
fn fuzz_many() {
    let pieces = [
        "Kabul",
        "Moscow",
        "'s",
        "’s",
        "-",
        "—",
        " ",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        "\"",
        "“",
        "”",
        "(",
        "President",
        "Putin",
        "of",
        "the",
        "for",
        "Afghanistan",
        "U.S.",
        "Lt.",
        "Gen.",
        "é",
        "çerez",
        "日本",
        "Ishaq",
        "Dar",
        "said",
        "in",
        "according",
        "to",
        "soldiers",
        "Pakistani",
        "he",
        "both",
        "sides",
        "UN",
        "Assistance",
        "Mission",
        "al-",
        "Shabaab",
        "X",
        "a",
        "'",
        "’",
        "anti-",
        "Port",
        "the two countries",
        "Foreign Minister",
        "envoy",
        "Ministry",
        "Who",
        "WHO",
        "soldats",
        "russe",
    ];
    let d = ActorDictionary::default();
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..20_000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 40) as usize;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                s.push(' ');
            }
        }
        for lang in ["en", "fr"] {
            let doc = lines(&s);
            let ents = d.find_dated(&s, &doc, Some(lang), Some("2026-03-17"));
            for e in &ents {
                assert!(
                    s.is_char_boundary(e.start) && s.is_char_boundary(e.end) && e.start < e.end,
                    "{s:?}"
                );
            }
            for m in d.coreferences(&s, &doc, &ents) {
                assert!(
                    s.is_char_boundary(m.start) && s.is_char_boundary(m.end),
                    "{s:?}"
                );
            }
        }
    }
}

#[test]
fn dictionary_is_shareable() {
    fn check<T: Clone + std::fmt::Debug + Default + Send + Sync>() {}
    check::<ActorDictionary>();
    let d = ActorDictionary::default();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let d = d.clone();
            std::thread::spawn(move || {
                d.find("Kabul denies it.", &lines("Kabul denies it."), None)
                    .len()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
}
