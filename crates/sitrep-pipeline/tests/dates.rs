//! Date expressions against the hand-checked fixtures of `test_data/dates/*.txt`, one file per
//! capability, and the seed article's dates.
//!
//! Fixture format, one case per line:
//!
//! ```text
//! @published 2026-03-17        (or `none`; applies to the lines below it)
//! @language en
//! The strike came late Monday. => late Monday = 2026-03-16
//! Since late February, ... => since late February = 2026-02-21..2026-03-17
//! It was in 2334 BC? No. => -
//! ```
//!
//! Every mention found must be listed, in order: `text = value ; text = value`, where value is a
//! day, a range `start..end`, or `null`; `-` means no mention at all.

mod common;

use proptest::prelude::*;
use sitrep_model::DateMention;
use sitrep_pipeline::analyze::{dates, sentences};

fn value(m: &DateMention) -> String {
    match (&m.date, &m.range) {
        (Some(d), _) => d.clone(),
        (None, Some(r)) => format!("{}..{}", r.start, r.end),
        (None, None) => "null".to_string(),
    }
}

fn found(text: &str, published: Option<&str>, language: Option<&str>) -> Vec<DateMention> {
    let doc = sentences::split(text, language);
    dates::find(text, &doc, published, language)
}

/// Finds the dates of `text` and compares them with `expected`; `Err` describes a mismatch.
fn check(
    text: &str,
    published: Option<&str>,
    language: Option<&str>,
    expected: &str,
) -> Result<(), String> {
    let got: Vec<String> = found(text, published, language)
        .iter()
        .map(|m| format!("{} = {}", m.text, value(m)))
        .collect();
    let want: Vec<String> = match expected.trim() {
        "-" => Vec::new(),
        e => e.split(" ; ").map(|m| m.trim().to_string()).collect(),
    };
    if got == want {
        Ok(())
    } else {
        Err(format!("expected {want:?}\n       got {got:?}"))
    }
}

#[test]
fn fixtures() {
    let files = common::txt_fixtures("dates");
    let (mut total, mut failures) = (0, Vec::new());
    for file in &files {
        let data = std::fs::read_to_string(file).expect("fixture");
        let (mut published, mut language) = (None::<String>, Some("en".to_string()));
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(p) = line.strip_prefix("@published ") {
                published = (p.trim() != "none").then(|| p.trim().to_string());
                continue;
            }
            if let Some(l) = line.strip_prefix("@language ") {
                language = Some(l.trim().to_string());
                continue;
            }
            let (text, expected) = line.split_once(" => ").expect("`text => mentions`");
            total += 1;
            if let Err(e) = check(text, published.as_deref(), language.as_deref(), expected) {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                failures.push(format!("{name}: {text}\n  {e}"));
            }
        }
    }
    eprintln!("date cases: {}/{total} pass", total - failures.len());
    assert!(total >= 100, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The seed article's required dates, checked the way `score_seed.py` does.
#[test]
fn seed_article() {
    let article = common::SEED;
    // The body without the headline, paragraphs joined as the cleaner joins them.
    let body: Vec<&str> = article
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let text = body.join("\n\n");
    let norm = |s: &str| s.to_lowercase().replace('\u{2019}', "'");
    let got = found(&text, Some("2026-03-17"), Some("en"));
    for (want, date) in [
        ("overnight on Tuesday", "2026-03-17"),
        ("Feb. 26", "2026-02-26"),
        ("March 16", "2026-03-16"),
        ("late Monday", "2026-03-16"),
        ("Monday's strike", "2026-03-16"),
    ] {
        let hit = got
            .iter()
            .any(|m| norm(&m.text).contains(&norm(want)) && m.date.as_deref() == Some(date));
        assert!(hit, "{want} = {date} not in {got:?}");
    }
    let late_feb = got.iter().find(|m| norm(&m.text).contains("late february"));
    let start = late_feb
        .and_then(|m| m.range.as_ref())
        .map(|r| r.start.as_str());
    assert_eq!(start, Some("2026-02-21"));
}

proptest! {
    #[test]
    fn any_text_gives_valid_mentions(text in "\\PC{0,60}") {
        for m in found(&text, Some("2026-03-17"), Some("en")) {
            prop_assert!(m.start < m.end && text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
    }

    #[test]
    fn date_like_text_gives_valid_mentions(
        text in "(Monday|March|Feb\\.|late|mid-|since|between|and|in|on|'s|[0-9]{1,4}|[,./\\- ]|yesterday|last week|ago|two|days){0,12}",
        published in "(2026-03-17|2024-02-29|2026-01-01|none|1000-01-01|9999-12-31)",
    ) {
        let published = (published != "none").then_some(published.as_str());
        for language in ["en", "de"] {
            for m in found(&text, published, Some(language)) {
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                if let Some(r) = &m.range {
                    prop_assert!(r.start <= r.end);
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn any_word_file_is_read_or_refused_without_panic(data in "(\\[[a-z_]{0,14}\\]\n|[a-z0-9 =:.\\-]{0,20}\n){0,8}") {
        let mut words = dates::DateWords::for_language(Some("en"));
        let _ = words.extend_from_str(&data);
        let mut abbr = sentences::Abbreviations::for_language(Some("en"));
        let _ = abbr.extend_from_str(&data);
        let text = "Since late February, 13 died between Feb. 26 and March 16 late Monday.";
        let doc = sentences::Splitter::new(abbr).split(text);
        for m in dates::DateFinder::new(words).find(text, &doc, Some("2026-03-17")) {
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
    }
}

#[test]
fn extended_words_are_used() {
    let mut words = dates::DateWords::for_language(Some("en"));
    words
        .extend_from_str("[relative]\nthe other day = day:-2\n[months]\n3 marzo\n")
        .unwrap();
    let finder = dates::DateFinder::new(words);
    let text = "It happened the other day, not on 16 Marzo.";
    let doc = sentences::split(text, Some("en"));
    let got: Vec<String> = finder
        .find(text, &doc, Some("2026-03-17"))
        .iter()
        .map(|m| format!("{} = {}", m.text, value(m)))
        .collect();
    assert_eq!(got, ["the other day = 2026-03-15", "16 Marzo = 2026-03-16"]);
}

#[test]
fn extreme_words_and_dates_do_not_overflow() {
    let mut words = dates::DateWords::for_language(Some("en"));
    words
        .extend_from_str(
            "[relative]\nfar = day:2147483647\nback = year:-2147483648\naway = week:2147483647\n\
             [numbers]\nzillion 9223372036854775807\n[units]\neon 9223372036854775807\n",
        )
        .unwrap();
    let finder = dates::DateFinder::new(words);
    let text = "far back away, zillion eon ago, tomorrow, next week and last year.";
    let doc = sentences::split(text, None);
    for published in ["9999-12-31", "1000-01-01", "2026-03-17"] {
        for m in finder.find(text, &doc, Some(published)) {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
}
