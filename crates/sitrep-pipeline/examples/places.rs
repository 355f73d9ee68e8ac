//! Measures the gazetteer: load time, then places/s and MB/s of resolution over the given text
//! files (each read whole, resolved with no entities), and prints the places of each file with
//! `--show`.
//!
//! ```text
//! cargo run --release -p sitrep-pipeline --example places -- [--show] FILE...
//! ```

use std::time::Instant;

use sitrep_pipeline::analyze::places::{Gazetteer, GazetteerData, PlaceWords};
use sitrep_pipeline::analyze::sentences;

fn main() {
    let mut show = false;
    let mut texts = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--show" {
            show = true;
        } else {
            match std::fs::read_to_string(&arg) {
                Ok(t) => texts.push((arg, t)),
                Err(e) => eprintln!("{arg}: {e}"),
            }
        }
    }
    let t0 = Instant::now();
    let g = Gazetteer::default();
    let load = t0.elapsed();
    // Loading again (the embedded files are paged in by now) shows the work itself.
    let again = (0..10)
        .map(|_| {
            let t = Instant::now();
            let g2 = Gazetteer::new(GazetteerData::embedded(), PlaceWords::embedded());
            let spent = t.elapsed();
            drop(g2);
            spent
        })
        .min()
        .unwrap_or_default();
    eprintln!(
        "load: first {:.2} ms, then {:.2} ms ({} places, {} names, {} context words)",
        load.as_secs_f64() * 1e3,
        again.as_secs_f64() * 1e3,
        g.data().len(),
        g.data().name_count(),
        g.words().len()
    );
    if show {
        for (name, text) in &texts {
            for p in g.resolve(text, &sentences::split(text, None), &[]) {
                eprintln!(
                    "{name}\t{}..{}\t{}\t{}\t{}\t{:.3},{:.3}\t{}",
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
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    if bytes == 0 {
        return;
    }
    // Rounds for about two seconds; the fastest round is the figure least disturbed by other
    // work on the machine.
    let mut per_round = 0usize;
    let mut best = f64::MAX;
    let mut rounds = 0u32;
    let t1 = Instant::now();
    while t1.elapsed().as_secs_f64() < 2.0 {
        let t = Instant::now();
        per_round = 0;
        for (_, text) in &texts {
            per_round += g.resolve(text, &sentences::split(text, None), &[]).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        rounds += 1;
    }
    eprintln!(
        "resolve: {:.0} places/s, {:.2} MB/s, {:.0} µs per text ({} texts, {} KB, {per_round} places; best of {rounds} rounds)",
        per_round as f64 / best,
        bytes as f64 / best / 1e6,
        best * 1e6 / texts.len() as f64,
        texts.len(),
        bytes / 1024,
    );
}
