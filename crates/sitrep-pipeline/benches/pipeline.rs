#![allow(clippy::print_stdout)]
//! `cargo bench -p sitrep-pipeline`: time per document of each stage over the bundled samples and
//! a synthetic large page. A plain harness keeps the build light (no benchmarking framework).
//!
//! Pass a folder to time other pages: `cargo bench -p sitrep-pipeline -- DIR`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sitrep_model::RawDocument;
use sitrep_pipeline::extract::Extractor;
use sitrep_pipeline::ingest::{self, IngestConfig};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Runs `f` repeatedly for about `budget` and returns the mean time per call.
fn time<F: FnMut()>(budget: Duration, mut f: F) -> Duration {
    let start = Instant::now();
    let mut n = 0u32;
    while n < 3 || start.elapsed() < budget {
        f();
        n += 1;
    }
    start.elapsed() / n
}

fn synthetic_page() -> String {
    let mut html = String::from("<html><head><title>Synthetic</title></head><body><nav>");
    for i in 0..200 {
        html.push_str(&format!("<a href='/s{i}'>Section {i}</a> "));
    }
    html.push_str("</nav><article>");
    for i in 0..400 {
        html.push_str(&format!(
            "<p>Paragraph {i} of a long report: officials said on Monday that talks would resume, \
             while <a href='#'>aid groups</a> warned of shortages in the <b>north</b>.</p>"
        ));
    }
    html.push_str("</article><footer>© 2026 Example</footer></body></html>");
    html
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let dir = args.first().map(PathBuf::from).unwrap_or(root);
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let cfg = IngestConfig::default();
    let mut inputs: Vec<(String, Vec<u8>)> = paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    inputs.push(("synthetic-large.html".into(), synthetic_page().into_bytes()));
    let docs: Vec<RawDocument> = inputs
        .iter()
        .flat_map(|(name, bytes)| {
            ingest::read(name, &bytes[..], &cfg)
                .filter_map(Result::ok)
                .collect::<Vec<_>>()
        })
        .collect();
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let extractor = Extractor::default();
    let budget = Duration::from_millis(1500);

    let t_ingest = time(budget, || {
        for (name, b) in &inputs {
            for d in ingest::read(name, &b[..], &cfg) {
                let _ = black_box(d);
            }
        }
    });
    let t_read = time(budget, || {
        for d in &docs {
            black_box(extractor.read(d.clone()));
        }
    });
    let n = docs.len() as f64;
    println!(
        "{} inputs, {} documents, {:.1} KiB",
        inputs.len(),
        docs.len(),
        bytes as f64 / 1024.0
    );
    println!(
        "ingest:        {:>9.1} µs/document",
        t_ingest.as_secs_f64() * 1e6 / n
    );
    println!(
        "clean+extract: {:>9.1} µs/document",
        t_read.as_secs_f64() * 1e6 / n
    );
    println!(
        "whole:         {:>9.0} documents/s on one core",
        n / (t_ingest + t_read).as_secs_f64()
    );
}
