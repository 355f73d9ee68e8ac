//! Explains the event coding of texts and times the coder:
//! `cargo run --release -p sitrep-pipeline --example events_explain [--quiet] FILE...`.
//!
//! A FILE ending in `.jsonl` is read as one document per line (`text` field, as
//! `score_events_dev.py to-input` writes it); any other file is one plain-text document. The
//! explanation of every sentence goes to stdout (unless `--quiet`), the timing of the coder
//! alone (analysis excluded) to stderr.

use std::io::Write as _;
use std::time::{Duration, Instant};

use sitrep_pipeline::analyze::Analyzer;
use sitrep_pipeline::extract::events::EventCoder;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quiet = args.iter().any(|a| a == "--quiet");
    let mut docs: Vec<(String, String)> = Vec::new();
    for f in args.iter().filter(|a| !a.starts_with("--")) {
        let Ok(body) = std::fs::read_to_string(f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        if f.ends_with(".jsonl") {
            for line in body.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                let id = v["id"].as_str().unwrap_or("").to_string();
                docs.push((id, v["text"].as_str().unwrap_or("").to_string()));
            }
        } else {
            docs.push((f.clone(), body));
        }
    }
    let analyzer = Analyzer::default();
    let coder = EventCoder::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut spent, mut analysis, mut sentences, mut events) =
        (Duration::ZERO, Duration::ZERO, 0usize, 0usize);
    for (id, text) in &docs {
        let t = Instant::now();
        let layers = analyzer.layers(text, Some("2026-03-17"), Some("en"));
        analysis += t.elapsed();
        let t = Instant::now();
        let ev = coder.code(text, &layers, Some("2026-03-17"));
        spent += t.elapsed();
        sentences += layers.doc.len();
        events += ev.len();
        if !quiet {
            let _ = writeln!(out, "## {id}");
            for ex in coder.explain(text, &layers, Some("2026-03-17")) {
                let _ = write!(out, "{ex}");
            }
        }
    }
    let us = spent.as_secs_f64() * 1e6 / sentences.max(1) as f64;
    let an = analysis.as_secs_f64() * 1e6 / sentences.max(1) as f64;
    eprintln!(
        "{} documents, {sentences} sentences, {events} events; coding {us:.1} µs/sentence ({:.0} sentences/s); analysis {an:.1} µs/sentence",
        docs.len(),
        sentences as f64 / spent.as_secs_f64().max(1e-9)
    );
}
