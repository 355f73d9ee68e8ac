//! Scores story clustering on the generated variants (`examples/feeds/`), and prints the figures.
//!
//! ```sh
//! cargo run --release -p sitrep-store --example cluster_eval            # the figures
//! cargo run --release -p sitrep-store --example cluster_eval -- --explain
//! ```
//!
//! `--explain` also lists every wrong join (a document put in the story of a document of another
//! true story) and every missed one, with the evidence between the two. `--cache FILE` keeps the
//! readings in FILE (JSON Lines) between runs, to tune without re-reading. `--news` shows instead
//! the evidence between every two hand-written articles of `examples/news/`.

#[path = "../tests/support/eval.rs"]
mod eval;

use std::io::Write;

use sitrep_model::Reading;
use sitrep_store::story::{evidence, is_candidate};

/// Every pair of the hand-written articles of `examples/news/`, with its evidence and verdict.
fn news_pairs(out: &mut impl Write) -> std::io::Result<()> {
    use sitrep_pipeline::ingest::{read, IngestConfig};
    let dir = eval::repo_root().join("examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let ex = sitrep_pipeline::extract::Extractor::default();
    let mut docs = Vec::new();
    for p in paths {
        let Ok(f) = std::fs::File::open(&p) else {
            continue;
        };
        let name = p.to_string_lossy().into_owned();
        for raw in read(&name, f, &IngestConfig::default()).flatten() {
            let r = ex.read(raw);
            let f = sitrep_store::story::Features::of(
                &r,
                sitrep_store::minhash::Signature::of(&r.text),
            );
            docs.push((r.id.clone(), f));
        }
    }
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let ev = evidence(&docs[i].1, &docs[j].1);
            if ev.score() > 1.0 || ev.is_duplicate() {
                writeln!(
                    out,
                    "{:>6.2} {} {} {:<28} {:<28} {ev:?}",
                    ev.score(),
                    if ev.is_duplicate() { "DUP" } else { "   " },
                    if ev.same_story() { "JOIN" } else { "    " },
                    docs[i].0,
                    docs[j].0
                )?;
            }
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--news") {
        return news_pairs(&mut out);
    }
    let explain = args.iter().any(|a| a == "--explain");
    let cache = args
        .iter()
        .position(|a| a == "--cache")
        .and_then(|i| args.get(i + 1));
    let readings: Vec<Reading> = match cache.and_then(|c| std::fs::read_to_string(c).ok()) {
        Some(text) => text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
        None => {
            let r = eval::readings();
            if let Some(c) = cache {
                let lines: Vec<String> = r
                    .iter()
                    .filter_map(|x| serde_json::to_string(x).ok())
                    .collect();
                if let Err(e) = std::fs::write(c, lines.join("\n")) {
                    writeln!(std::io::stderr(), "{c}: {e}")?;
                }
            }
            r
        }
    };
    let (report, d) = eval::score(&readings);
    writeln!(out, "{report}")?;
    if !explain {
        return Ok(());
    }
    let title = |i: usize| readings[i].title.clone().unwrap_or_default();
    for i in 0..readings.len() {
        let a = &d.assigned[i];
        // The earliest document of the predicted story, and of the true story.
        let pred_first = (0..i).find(|&j| d.assigned[j].story == a.story);
        let true_first = (0..i).find(|&j| d.truth[j].0 == d.truth[i].0);
        if let Some(j) = pred_first {
            if d.truth[j].0 != d.truth[i].0 {
                let best = (0..i)
                    .filter(|&k| d.assigned[k].story == a.story)
                    .filter(|&k| is_candidate(&d.features[i], &d.features[k]))
                    .map(|k| (k, evidence(&d.features[i], &d.features[k])))
                    .max_by(|x, y| x.1.score().total_cmp(&y.1.score()));
                writeln!(out, "\nWRONG JOIN [{}] {}", d.truth[i].0, title(i))?;
                if let Some((k, ev)) = best {
                    writeln!(out, "  with [{}] {}", d.truth[k].0, title(k))?;
                    writeln!(out, "  score {:.2} {ev:?}", ev.score())?;
                }
            }
        }
        if let Some(j) = true_first {
            if pred_first.is_none() || d.assigned[j].story != a.story {
                let best = (0..i)
                    .filter(|&k| d.truth[k].0 == d.truth[i].0)
                    .map(|k| (k, evidence(&d.features[i], &d.features[k])))
                    .max_by(|x, y| x.1.score().total_cmp(&y.1.score()));
                writeln!(out, "\nMISSED [{}] {}", d.truth[i].0, title(i))?;
                if let Some((k, ev)) = best {
                    writeln!(out, "  best {}", title(k))?;
                    writeln!(out, "  score {:.2} {ev:?}", ev.score())?;
                }
            }
        }
    }
    Ok(())
}
