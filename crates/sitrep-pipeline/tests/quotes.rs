//! Quotes and speakers against the hand-written cases of `test_data/quotes/*.txt`.
//!
//! Fixture format, one case per line (`\n` in the text stands for a paragraph break):
//!
//! ```text
//! "We agree," Kabulov said. => Kabulov: We agree
//! ```
//!
//! Quotes are `SPEAKER: TEXT` (`-` for no speaker) joined by ` | `; `-` for none. Every quote's
//! offsets must give back its text. `UPDATE_EXPECT=1` rewrites the expectations.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use sitrep_model::Quote;
use sitrep_pipeline::analyze::Analyzer;
use sitrep_pipeline::extract::quotes;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::default)
}

fn found(text: &str) -> Vec<Quote> {
    let layers = analyzer().layers(text, Some("2026-03-17"), Some("en"));
    quotes::find(text, &layers)
}

fn rendered(text: &str) -> String {
    let qs = found(text);
    for q in &qs {
        assert_eq!(
            text.get(q.start..q.end),
            Some(q.text.as_str()),
            "offsets of {q:?}"
        );
    }
    let got: Vec<String> = qs
        .iter()
        .map(|q| {
            let who = q.speaker.as_ref().map_or("-", |s| s.text.as_str());
            format!("{who}: {}", q.text)
        })
        .collect();
    if got.is_empty() {
        "-".to_string()
    } else {
        got.join(" | ")
    }
}

#[test]
fn fixtures() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let files = common::txt_fixtures("quotes");
    let (mut total, mut failures) = (0, Vec::new());
    for file in &files {
        let data = std::fs::read_to_string(file).expect("fixture");
        let mut out = Vec::new();
        for line in data.lines() {
            out.push(line.to_string());
            let Some((text, want)) = line.split_once(" => ").filter(|_| !line.starts_with('#'))
            else {
                continue;
            };
            total += 1;
            let got = rendered(&text.replace("\\n", "\n\n"));
            if update {
                if let Some(last) = out.last_mut() {
                    *last = format!("{text} => {got}");
                }
            } else if got != want.trim() {
                failures.push(format!("{text}\n  expected {want}\n       got {got}"));
            }
        }
        if update {
            std::fs::write(file, out.join("\n") + "\n").expect("rewrite fixture");
        }
    }
    eprintln!("quote cases: {}/{total} pass", total - failures.len());
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

proptest! {
    #[test]
    fn any_text_gives_quotes_inside_it(text in "[\"“”«»„ a-zA-Z,.\n]{0,80}") {
        for q in found(&text) {
            prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
        }
    }
}
