//! Event coding: golden fixtures under `test_data/events/`, the seed's requirements, user
//! patterns, deduplication and properties.
//!
//! Each fixture `NNNN_name.txt` is a text, analysed by the real analyzer; the coding explained
//! sentence by sentence, then the document's merged events, are written to
//! `NNNN_name.events`. `UPDATE_EXPECT=1` rewrites them; review them as diffs.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use sitrep_model::Event;
use sitrep_pipeline::analyze::{Analyzer, Layers};
use sitrep_pipeline::extract::events::EventCoder;

const PUBLISHED: Option<&str> = Some("2026-03-17");

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::default)
}

fn layers(text: &str) -> Layers {
    analyzer().layers(text, PUBLISHED, Some("en"))
}

fn country(a: &Option<sitrep_model::ActorRef>) -> &str {
    a.as_ref().and_then(|a| a.country.as_deref()).unwrap_or("-")
}

fn render(coder: &EventCoder, text: &str) -> String {
    let l = layers(text);
    let mut out = String::new();
    for ex in coder.explain(text, &l, PUBLISHED) {
        let _ = write!(out, "{ex}");
    }
    out.push_str("-- events\n");
    for e in coder.code(text, &l, PUBLISHED) {
        let _ = writeln!(
            out,
            "{} {} {} root={} quad={} goldstein={} plover={} date={} conf={:.2} sentence={}..{}",
            country(&e.source),
            e.cameo,
            country(&e.target),
            e.root,
            e.quad,
            e.goldstein,
            e.plover.as_deref().unwrap_or("-"),
            e.date.as_deref().unwrap_or("-"),
            e.confidence,
            e.sentence.start,
            e.sentence.end,
        );
    }
    out
}

#[test]
fn golden_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/events");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let coder = EventCoder::default();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    let mut failed = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let got = render(&coder, &text);
        let expect_path = path.with_extension("events");
        if update {
            std::fs::write(&expect_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expect_path).unwrap_or_default();
        if got != want {
            failed.push(format!("{}:\n{got}", path.display()));
        }
    }
    assert!(
        failed.is_empty(),
        "changed (UPDATE_EXPECT=1 to accept):\n{}",
        failed.join("\n")
    );
}

fn has(events: &[Event], s: &str, root: &str, t: &str, either: bool) -> bool {
    events.iter().any(|e| {
        let (es, et) = (country(&e.source), country(&e.target));
        e.root == root && ((es, et) == (s, t) || (either && (et, es) == (s, t)))
    })
}

#[test]
fn seed_requirements() {
    let text = include_str!("../../../examples/seed/article.txt");
    let ev = EventCoder::default().code(text, &layers(text), PUBLISHED);
    assert!(has(&ev, "RUS", "03", "AFG", false), "{ev:#?}");
    assert!(has(&ev, "RUS", "03", "PAK", false));
    assert!(has(&ev, "PAK", "11", "AFG", false));
    assert!(has(&ev, "AFG", "19", "PAK", true));
    let mediate = ev.iter().find(|e| e.cameo == "039").unwrap();
    assert_eq!((mediate.quad, mediate.goldstein), (1, 5.0));
    assert_eq!(mediate.plover.as_deref(), Some("AGREE"));
    assert_eq!(mediate.date.as_deref(), Some("2026-03-17"));
}

#[test]
fn repeats_merge_into_the_first_mention() {
    let text =
        "Moscow accused Kyiv of shelling the plant.\n\nMoscow again accused Kyiv of shelling.";
    let ev = EventCoder::default().code(text, &layers(text), PUBLISHED);
    let accuse: Vec<_> = ev.iter().filter(|e| e.root == "11").collect();
    assert_eq!(accuse.len(), 1, "{ev:#?}");
    assert!(accuse[0].sentence.end <= text.find("\n\n").unwrap());
}

#[test]
fn user_patterns_extend_and_override() {
    let text = "Iran zapped Iraq.";
    let mut coder = EventCoder::default();
    assert!(coder.code(text, &layers(text), PUBLISHED).is_empty());
    coder
        .extend_from_str("user.txt", "== zap 190\nzap\n- * with drone = 195\n")
        .unwrap();
    let ev = coder.code(text, &layers(text), PUBLISHED);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        (country(&ev[0].source), ev[0].cameo.as_str()),
        ("IRN", "190")
    );
    let why = coder.explain(text, &layers(text), PUBLISHED)[0].to_string();
    assert!(why.contains("user.txt:2"), "{why}");
    // Errors name the file and line, and leave the coder as it was.
    let err = coder.extend_from_str("bad.txt", "zap\n").unwrap_err();
    assert!(err.starts_with("bad.txt:1"), "{err}");
    assert_eq!(coder.code(text, &layers(text), PUBLISHED).len(), 1);
}

#[test]
fn every_root_has_patterns() {
    let by_root = EventCoder::default().vocabulary().patterns_by_root();
    for root in 1..=20 {
        let r = format!("{root:02}");
        assert!(
            by_root.iter().any(|(k, n)| *k == r && *n > 0),
            "no pattern for root {r}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics(text in "\\PC{0,200}") {
        let coder = EventCoder::default();
        let l = layers(&text);
        for e in coder.code(&text, &l, None) {
            prop_assert!(e.sentence.end <= text.len());
            prop_assert!(text.is_char_boundary(e.sentence.start));
        }
        let _ = coder.explain(&text, &l, None);
    }

    #[test]
    fn never_panics_on_newsy_words(words in proptest::collection::vec(
        prop_oneof![
            Just("Russia"), Just("Pakistan"), Just("attacked"), Just("by"), Just("between"),
            Just("and"), Just("ready"), Just("to"), Just("mediate"), Just("not"), Just("if"),
            Just("said"), Just("must"), Just(","), Just("."), Just("'s"), Just("-"), Just("he"),
            Just("the"), Just("clashes"), Just("denies"), Just("which"), Just("\n\n"),
        ],
        0..40,
    )) {
        let text = words.join(" ");
        let coder = EventCoder::default();
        let l = layers(&text);
        let _ = coder.code(&text, &l, PUBLISHED);
        let _ = coder.explain(&text, &l, PUBLISHED);
    }
}
