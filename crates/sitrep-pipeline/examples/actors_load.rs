//! Times building the embedded actor dictionary and finding the actors of a text.
//!
//! `cargo run --release -p sitrep-pipeline --example actors_load -- [FILE]`

use std::time::Instant;

use sitrep_pipeline::analyze::{actors::ActorDictionary, sentences};

fn main() {
    let t0 = Instant::now();
    let mut d = ActorDictionary::default();
    let load = t0.elapsed();
    // SYNTH=N adds N made-up person names, to see how matching scales with the dictionary.
    if let Some(n) = std::env::var("SYNTH")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let mut extra = String::from("@kind person\n");
        for i in 0..n {
            extra.push_str(&format!("XXXGOV\tZed{i} Quorvan{}\n", i % 977));
        }
        let t = Instant::now();
        let _ = d.extend_from_str("synthetic.txt", &extra);
        eprintln!("extend with {n} names: {:?}", t.elapsed());
    }
    let text = std::env::args()
        .nth(1)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| {
            "Islamabad accuses Afghanistan of harboring militants, which Kabul denies.".into()
        });
    let doc = sentences::split(&text, Some("en"));
    let t1 = Instant::now();
    let n = 20;
    let mut found = 0;
    for _ in 0..n {
        found = d.find(&text, &doc, Some("en")).len();
    }
    let per = t1.elapsed() / n;
    eprintln!(
        "load {load:?}; find {per:?} per text of {} bytes ({found} entities)",
        text.len()
    );
    if std::env::var_os("DUMP").is_some() {
        for line in text.lines() {
            let doc = sentences::split(line, Some("en"));
            let ents: Vec<String> = d
                .find(line, &doc, Some("en"))
                .iter()
                .map(|e| {
                    format!(
                        "{}[{:?} {} {}]",
                        e.text,
                        e.kind,
                        e.country.as_deref().unwrap_or("-"),
                        e.code.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            eprintln!("{line}\n    {}", ents.join("; "));
        }
    }
    for (kind, count) in d.counts() {
        eprintln!("{kind:<14} {count}");
    }
}
