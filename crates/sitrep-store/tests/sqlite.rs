//! The backend-generic suite on SQLite, each case on a fresh temporary database file, and the
//! failures only a file can have: read-only, full, not a database, a newer schema.

mod suite;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sitrep_store::sqlite::{SqliteOptions, SqliteStore};
use sitrep_store::{PutMode, Store, StoreError};

/// A fresh path in a folder of its own under the system's temporary folder.
fn temp_db(name: &str) -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sitrep-store-test-{}-{}-{name}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("test.db")
}

fn make() -> Box<dyn Store> {
    Box::new(SqliteStore::open(temp_db("suite")).expect("open"))
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { suite::$name(&make); })*
    };
}

cases!(
    idempotence,
    reprocess_replaces_every_derived_row,
    near_duplicates_are_linked_and_left_out,
    stories_join_and_reconcile,
    event_filters,
    claim_and_quote_filters,
    document_filters_and_text_search,
    near_filter,
    stats_count_once,
    scan_streams_every_document,
    pagination,
    aggregates,
);

#[test]
fn reopening_keeps_everything() {
    let path = temp_db("reopen");
    let ids = suite::load(&SqliteStore::open(&path).unwrap());
    let again = sitrep_store::open(&format!("sqlite:{}", path.display())).unwrap();
    assert_eq!(again.stats().unwrap().documents, 4);
    assert!(again.document(ids[3]).unwrap().is_some());
}

#[test]
fn read_only_refuses_writes_and_still_reads() {
    let path = temp_db("ro");
    suite::load(&SqliteStore::open(&path).unwrap());
    let ro = sitrep_store::open(&format!("{}?mode=ro", path.display())).unwrap();
    assert_eq!(ro.stats().unwrap().documents, 4);
    let err = ro
        .put(vec![suite::corpus().remove(0)], PutMode::Skip)
        .unwrap_err();
    assert!(matches!(&err, StoreError::ReadOnly { target, .. } if target.ends_with("test.db")));
    // A missing file cannot be opened read-only.
    let missing = temp_db("ro-missing");
    let err = SqliteStore::open_with(
        &missing,
        SqliteOptions {
            read_only: true,
            ..SqliteOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
}

#[test]
fn a_full_database_rolls_back_the_batch() {
    let path = temp_db("full");
    {
        let s = SqliteStore::open(&path).unwrap();
        s.put(suite::corpus()[..1].to_vec(), PutMode::Skip).unwrap();
    }
    let pages: u64 = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap()
    };
    let s = SqliteStore::open_with(
        &path,
        SqliteOptions {
            max_pages: Some(pages + 2),
            ..SqliteOptions::default()
        },
    )
    .unwrap();
    let big: Vec<_> = (0..40)
        .map(|i| {
            let r = suite::reading(
                &format!("big{i}"),
                "Big",
                "2026-01-01",
                &suite::text(500 + i, 3000),
            );
            suite::new_doc(r)
        })
        .collect();
    let err = s.put(big, PutMode::Skip).unwrap_err();
    assert!(
        matches!(&err, StoreError::Full { target, .. } if target.ends_with("test.db")),
        "{err}"
    );
    // Nothing of the failed batch, everything from before.
    assert_eq!(s.stats().unwrap().documents, 1);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn not_a_database_and_newer_schemas_are_refused() {
    let path = temp_db("garbage");
    std::fs::write(&path, vec![b'x'; 8192]).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { target, .. } if target.ends_with("test.db")),
        "{err}"
    );

    let path = temp_db("newer");
    drop(SqliteStore::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", sitrep_store::SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Schema { .. }), "{err}");
}

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_without_the_feature_is_unsupported() {
    match sitrep_store::open("postgres://localhost/sitrep") {
        Err(StoreError::Unsupported(m)) => assert!(m.contains("--features postgres"), "{m}"),
        Err(other) => panic!("expected Unsupported, got {other}"),
        Ok(_) => panic!("a postgres URL opened without the postgres feature"),
    }
}

#[test]
fn stores_are_shared_across_threads() {
    let s: std::sync::Arc<dyn Store> =
        std::sync::Arc::new(SqliteStore::open(temp_db("threads")).unwrap());
    suite::load(s.as_ref());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let s = std::sync::Arc::clone(&s);
            std::thread::spawn(move || s.stats().map(|st| st.documents))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), 4);
    }
}

#[test]
fn a_failed_reprocess_leaves_the_old_reading_whole() {
    let path = temp_db("reprocess-full");
    let original = suite::corpus().remove(0);
    let id = {
        let s = SqliteStore::open(&path).unwrap();
        match &s.put(vec![original.clone()], PutMode::Skip).unwrap()[0] {
            sitrep_store::PutOutcome::Stored { doc, .. } => *doc,
            other => panic!("{other:?}"),
        }
    };
    let pages: u64 = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap()
    };
    let s = SqliteStore::open_with(
        &path,
        SqliteOptions {
            max_pages: Some(pages + 1),
            ..SqliteOptions::default()
        },
    )
    .unwrap();
    // The new reading is far larger: it cannot fit, and replacing it fails half-way.
    let mut bigger = original.clone();
    bigger.reading.text = suite::text(77, 20_000);
    bigger.reading.events.clear();
    let err = s.put(vec![bigger], PutMode::Reprocess).unwrap_err();
    assert!(matches!(err, StoreError::Full { .. }), "{err}");
    let back = s.document(id).unwrap().unwrap();
    assert_eq!(back.reading, original.reading);
    let q = sitrep_store::Query::default();
    assert_eq!(s.events(&q).unwrap().len(), original.reading.events.len());
    let found = s
        .documents(&sitrep_store::Query {
            filter: sitrep_store::Filter {
                text: Some("\"Clashes on the border\"".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}
