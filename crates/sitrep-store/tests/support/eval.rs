//! Clustering evaluation against a ground truth: shared by the `cluster_eval` test and example.
//!
//! Reads `examples/feeds/variants.jsonl` through the real pipeline, clusters the readings in
//! file order with `story::cluster` and scores the result against
//! `examples/feeds/variants.truth.tsv` (url, story label, duplicate_of url):
//! - stories: pairwise precision, recall and F1 over pairs of documents put in one story, and
//!   B-cubed precision, recall and F1;
//! - near-duplicates: the same over families of copies (documents linked by `duplicate_of`,
//!   transitively), counting only pairs inside a family.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sitrep_model::Reading;
use sitrep_pipeline::extract::Extractor;
use sitrep_pipeline::ingest::{read, IngestConfig};
use sitrep_store::minhash::Signature;
use sitrep_store::story::{cluster, Assignment, Features};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn of(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}",
            self.precision, self.recall, self.f1
        )
    }
}

/// The figures of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: usize,
    pub true_stories: usize,
    pub predicted_stories: usize,
    pub story_pairs: Prf,
    pub story_bcubed: Prf,
    pub true_duplicates: usize,
    pub predicted_duplicates: usize,
    pub duplicate_pairs: Prf,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "documents            {}", self.documents)?;
        writeln!(
            f,
            "stories              truth {}  predicted {}",
            self.true_stories, self.predicted_stories
        )?;
        writeln!(f, "stories, pairwise    {}", self.story_pairs)?;
        writeln!(f, "stories, B-cubed     {}", self.story_bcubed)?;
        writeln!(
            f,
            "near-duplicates      truth {}  predicted {}",
            self.true_duplicates, self.predicted_duplicates
        )?;
        write!(f, "duplicates, pairwise {}", self.duplicate_pairs)
    }
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Pairwise precision/recall of a predicted partition against a true one (labels per item).
pub fn pairwise(truth: &[usize], predicted: &[usize]) -> Prf {
    let (mut tp, mut pred, mut real) = (0u64, 0u64, 0u64);
    for i in 0..truth.len() {
        for j in i + 1..truth.len() {
            let t = truth[i] == truth[j];
            let p = predicted[i] == predicted[j];
            tp += u64::from(t && p);
            pred += u64::from(p);
            real += u64::from(t);
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Prf::of(ratio(tp, pred), ratio(tp, real))
}

/// B-cubed precision/recall: per item, the share of its predicted cluster that is truly with
/// it, and the share of its true cluster that is predicted with it, averaged.
pub fn bcubed(truth: &[usize], predicted: &[usize]) -> Prf {
    let n = truth.len();
    if n == 0 {
        return Prf::of(1.0, 1.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_pred = (0..n).filter(|&j| predicted[j] == predicted[i]).count();
        let same_true = (0..n).filter(|&j| truth[j] == truth[i]).count();
        let both = (0..n)
            .filter(|&j| predicted[j] == predicted[i] && truth[j] == truth[i])
            .count();
        p += both as f64 / same_pred as f64;
        r += both as f64 / same_true as f64;
    }
    Prf::of(p / n as f64, r / n as f64)
}

fn labels<T: std::hash::Hash + Eq>(keys: impl IntoIterator<Item = T>) -> Vec<usize> {
    let mut ids: HashMap<T, usize> = HashMap::new();
    keys.into_iter()
        .map(|k| {
            let next = ids.len();
            *ids.entry(k).or_insert(next)
        })
        .collect()
}

/// Reads the variants through the pipeline, clusters them and scores the result.
#[allow(dead_code)]
pub fn evaluate() -> Report {
    score(&readings()).0
}

/// What the evaluation saw, for explaining its errors.
#[allow(dead_code)]
pub struct Detail {
    pub features: Vec<Features>,
    pub assigned: Vec<Assignment>,
    /// True story label and duplicate_of per document.
    pub truth: Vec<(String, Option<String>)>,
}

/// The variants, read by the pipeline in file order.
pub fn readings() -> Vec<Reading> {
    let feed = repo_root().join("examples/feeds/variants.jsonl");
    let file = std::fs::File::open(&feed).unwrap_or_else(|e| panic!("{}: {e}", feed.display()));
    let name = feed.to_string_lossy().into_owned();
    let raws: Vec<_> = read(
        &name,
        std::io::BufReader::new(file),
        &IngestConfig::default(),
    )
    .filter_map(Result::ok)
    .collect();
    let extractor = Extractor::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = raws.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = raws
            .chunks(chunk)
            .map(|part| {
                let ex = &extractor;
                s.spawn(move || {
                    part.iter()
                        .map(|raw| ex.read(raw.clone()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Clusters the readings and scores the result against the truth file.
pub fn score(readings: &[Reading]) -> (Report, Detail) {
    let truth_path = repo_root().join("examples/feeds/variants.truth.tsv");
    let truth_text = std::fs::read_to_string(&truth_path)
        .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
    let mut truth: HashMap<String, (String, Option<String>)> = HashMap::new();
    for line in truth_text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [url, story, dup] = cols[..] {
            let dup = (!dup.is_empty()).then(|| dup.to_string());
            truth.insert(url.to_string(), (story.to_string(), dup));
        }
    }

    let features: Vec<Features> = readings
        .iter()
        .map(|r| Features::of(r, Signature::of(&r.text)))
        .collect();
    let assigned = cluster(&features);

    let urls: Vec<String> = readings
        .iter()
        .map(|r| r.url.clone().unwrap_or_default())
        .collect();
    let known: Vec<usize> = (0..urls.len())
        .filter(|&i| truth.contains_key(&urls[i]))
        .collect();
    assert_eq!(known.len(), urls.len(), "documents without truth");

    let true_story = labels(known.iter().map(|&i| truth[&urls[i]].0.clone()));
    let pred_story: Vec<usize> = known.iter().map(|&i| assigned[i].story).collect();

    // Families: truth by duplicate_of url; predicted by following duplicate_of links.
    let true_family = labels(
        known
            .iter()
            .map(|&i| truth[&urls[i]].1.clone().unwrap_or_else(|| urls[i].clone())),
    );
    let root_of = |mut i: usize| {
        while let Some(j) = assigned[i].duplicate_of {
            i = j;
        }
        i
    };
    let pred_family: Vec<usize> = known.iter().map(|&i| root_of(i)).collect();

    let count = |v: &[usize]| {
        let mut s = v.to_vec();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    let report = Report {
        documents: known.len(),
        true_stories: count(&true_story),
        predicted_stories: count(&pred_story),
        story_pairs: pairwise(&true_story, &pred_story),
        story_bcubed: bcubed(&true_story, &pred_story),
        true_duplicates: known
            .iter()
            .filter(|&&i| truth[&urls[i]].1.is_some())
            .count(),
        predicted_duplicates: assigned.iter().filter(|a| a.duplicate_of.is_some()).count(),
        duplicate_pairs: pairwise(&true_family, &pred_family),
    };
    let truth = urls
        .iter()
        .map(|u| truth.get(u).cloned().unwrap_or_default())
        .collect();
    (
        report,
        Detail {
            features,
            assigned,
            truth,
        },
    )
}
