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
    let mut readings: Vec<Reading> = Vec::new();
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
            readings.push(r);
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
    // The stories, in publication order, with their reconciled figures.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        (&readings[a].published, &docs[a].0).cmp(&(&readings[b].published, &docs[b].0))
    });
    let feats: Vec<_> = order.iter().map(|&i| docs[i].1.clone()).collect();
    let assigned = sitrep_store::story::cluster(&feats);
    let stories = assigned.iter().map(|a| a.story).max().map_or(0, |m| m + 1);
    for story in 0..stories {
        let members: Vec<usize> = (0..order.len())
            .filter(|&k| assigned[k].story == story)
            .collect();
        let names: Vec<String> = members
            .iter()
            .map(|&k| {
                let dup = assigned[k].duplicate_of.map_or(String::new(), |d| {
                    format!(" (copy of {})", docs[order[d]].0)
                });
                format!("{}{dup}", docs[order[k]].0)
            })
            .collect();
        writeln!(out, "\nstory {story}: {}", names.join(", "))?;
        if members.len() < 2 {
            continue;
        }
        let claims: Vec<_> = members
            .iter()
            .filter(|&&k| assigned[k].duplicate_of.is_none())
            .flat_map(|&k| {
                let r = &readings[order[k]];
                r.casualties.iter().enumerate().map(move |(i, c)| {
                    (
                        sitrep_store::ClaimSource {
                            doc: k as i64,
                            index: i as u32,
                            url: r.url.clone(),
                            published: r.published.clone(),
                        },
                        c.clone(),
                    )
                })
            })
            .collect();
        for c in sitrep_store::story::reconcile(&claims) {
            let s = &c.summary;
            writeln!(
                out,
                "  {} {} {:?}: low {:?} best {:?} high {:?}, {} claimants",
                s.outcome, s.victims, s.country, s.low, s.best, s.high, s.claimants
            )?;
            for p in &c.claims {
                let who = p
                    .claimant
                    .as_ref()
                    .map_or("(reporter)", |a| a.text.as_str());
                writeln!(
                    out,
                    "    {:?} per {who}, {} source(s)",
                    p.count,
                    p.sources.len()
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
