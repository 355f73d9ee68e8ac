//! Measures the sentence splitter and the date finder:
//! `cargo run --release -p sitrep-pipeline --example split_speed [FILE...]`.
//!
//! Without files it times a synthetic corpus made of the hand-made sentence cases and the seed
//! article; with files it times their text (plain text, read as UTF-8). Results go to stderr.

use std::hint::black_box;
use std::time::Instant;

use sitrep_pipeline::analyze::{dates, sentences};

const CASES: &str = include_str!("../test_data/sentences/cases.txt");
const SEED: &str = include_str!("../../../examples/seed/article.txt");

fn corpus() -> String {
    let mut one = String::new();
    for line in CASES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        one.push_str(&line.replace(['|', '@', '!'], "").replace("\\n", "\n"));
        one.push_str("\n\n");
    }
    one.push_str(SEED);
    one.push_str("\n\n");
    one.repeat((4 << 20) / one.len().max(1) + 1)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let text = if files.is_empty() {
        corpus()
    } else {
        files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let rounds = 5;
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        n = black_box(sentences::split(black_box(&text), Some("en")))
            .sentences
            .len();
    }
    let split_secs = start.elapsed().as_secs_f64() / f64::from(rounds);
    let doc = sentences::split(&text, Some("en"));
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found = black_box(dates::find(&text, &doc, Some("2026-03-17"), Some("en"))).len();
    }
    let date_secs = start.elapsed().as_secs_f64() / f64::from(rounds);
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "split: {n} sentences, {} tokens in {:.1} MB: {:.0} sentences/s, {:.1} MB/s",
        doc.tokens.len(),
        mb,
        n as f64 / split_secs,
        mb / split_secs
    );
    eprintln!(
        "dates: {found} mentions: {:.0} sentences/s, {:.1} MB/s",
        n as f64 / date_secs,
        mb / date_secs
    );
}
