//! The hand-written articles of `examples/news/` clustered and reconciled as a store would:
//! the syndicated wire story is one family of near-duplicates, the camp strike told by five
//! outlets (and its follow-up) one story with several claimants, everything else a story of
//! its own.

use std::collections::HashMap;
use std::path::Path;

use sitrep_model::{CasualtyClaim, Reading};
use sitrep_pipeline::extract::Extractor;
use sitrep_pipeline::ingest::{read, IngestConfig};
use sitrep_store::minhash::Signature;
use sitrep_store::story::{cluster, reconcile, Features};
use sitrep_store::ClaimSource;

fn news() -> Vec<Reading> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    let ex = Extractor::default();
    paths
        .iter()
        .flat_map(|p| {
            let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            read(&p.to_string_lossy(), f, &IngestConfig::default())
                .flatten()
                .map(|raw| ex.read(raw))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_news_samples_cluster_as_written() {
    let mut readings = news();
    assert!(readings.len() >= 22);
    // Ingest in publication order, as a store would.
    readings.sort_by(|a, b| (&a.published, &a.id).cmp(&(&b.published, &b.id)));
    let features: Vec<Features> = readings
        .iter()
        .map(|r| Features::of(r, Signature::of(&r.text)))
        .collect();
    let assigned = cluster(&features);
    let story_of: HashMap<&str, usize> = readings
        .iter()
        .zip(&assigned)
        .map(|(r, a)| (r.id.as_str(), a.story))
        .collect();
    let group = |prefix: &str| -> Vec<usize> {
        let mut v: Vec<usize> = story_of
            .iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .map(|(_, s)| *s)
            .collect();
        v.sort_unstable();
        v
    };

    for (prefix, n) in [
        ("red-sea-ship-", 4),
        ("el-fasher-camp-", 6),
        ("afpak-talks-", 2),
    ] {
        let g = group(prefix);
        assert_eq!(g.len(), n, "{prefix}");
        assert!(g.iter().all(|&s| s == g[0]), "{prefix} split: {story_of:?}");
    }
    // Every other article is a story of its own.
    let multi = ["red-sea-ship-", "el-fasher-camp-", "afpak-talks-"];
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for s in story_of.values() {
        *counts.entry(*s).or_default() += 1;
    }
    for (id, s) in &story_of {
        if !multi.iter().any(|m| id.starts_with(m)) {
            assert_eq!(counts[s], 1, "{id} joined another story: {story_of:?}");
        }
    }

    // The wire copies are near-duplicates (all but the first ingested); the outlets' own
    // accounts are not.
    let mut copies = 0;
    for (r, a) in readings.iter().zip(&assigned) {
        if r.id.starts_with("red-sea-ship-") {
            copies += usize::from(a.duplicate_of.is_some());
        } else {
            assert_eq!(a.duplicate_of, None, "{}", r.id);
        }
    }
    assert_eq!(copies, 3);

    // The camp strike's claims, reconciled over its documents.
    let claims: Vec<(ClaimSource, CasualtyClaim)> = readings
        .iter()
        .enumerate()
        .filter(|(_, r)| r.id.starts_with("el-fasher-camp-"))
        .flat_map(|(doc, r)| {
            r.casualties.iter().enumerate().map(move |(i, c)| {
                (
                    ClaimSource {
                        doc: doc as i64,
                        index: i as u32,
                        url: r.url.clone(),
                        published: r.published.clone(),
                    },
                    c.clone(),
                )
            })
        })
        .collect();
    let story = reconcile(&claims);
    let civilians = story
        .iter()
        .find(|s| s.summary.outcome == "killed" && s.summary.victims == "civilians")
        .unwrap_or_else(|| panic!("no civilian toll: {story:?}"));
    assert!(civilians.summary.claimants >= 2, "{civilians:?}");
    // The ministry's 31 is carried by several outlets: one claim, several sources.
    let ministry_31 = civilians
        .claims
        .iter()
        .filter(|c| c.count == Some(31))
        .map(|c| c.sources.len())
        .max();
    assert!(ministry_31.is_some_and(|n| n >= 3), "{civilians:?}");
    // Its running toll counts by its highest figure: 38.
    assert!(civilians.summary.high >= Some(38), "{civilians:?}");
    assert!(civilians.summary.low <= Some(27), "{civilians:?}");
}
