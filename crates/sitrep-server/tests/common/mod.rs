//! Fixtures for the HTTP tests: a real SQLite store in a fresh temporary file, and readings to
//! put in it.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use sitrep_model::{Reading, RecordRef};
use sitrep_store::sqlite::SqliteStore;
use sitrep_store::NewDocument;

/// A store of its own for each test, in a fresh file under the system's temporary folder (left
/// there on failure, for a look).
pub fn temp_store() -> SqliteStore {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "sitrep-server-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    SqliteStore::open(dir.join("test.db")).expect("open a temporary store")
}

pub fn seed_reading() -> Reading {
    serde_json::from_str(include_str!("../../test_data/seed.jsonl")).expect("seed reading")
}

pub fn new_doc(reading: Reading) -> NewDocument {
    NewDocument {
        content_hash: format!("{:x}", reading.text.len() * 31 + reading.id.len()),
        origin: RecordRef {
            input: reading.id.clone(),
            record: None,
            offset: None,
        },
        reading,
        raw: None,
        captured: None,
        reader_version: "test".into(),
    }
}
