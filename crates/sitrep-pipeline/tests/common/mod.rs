//! Helpers shared by the stage tests: fixture listing and the bundled seed article. Each test
//! binary uses a part of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The seed article, bundled with the repository so that its tests can never be skipped.
pub const SEED: &str = include_str!("../../../../examples/seed/article.txt");

/// The `*.txt` fixtures of `test_data/AREA`, in name order; fails when there are none.
pub fn txt_fixtures(area: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(area);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}
