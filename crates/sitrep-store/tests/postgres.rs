//! The PostgreSQL backend against a real server: the backend-generic suite (`suite/`), and what
//! only a shared server has: writers racing on the same documents, concurrent migrations.
//!
//! The server is named by `SITREP_TEST_POSTGRES` (a `postgres://` URL of a database the tests may
//! create schemas in). Without it the tests say they are skipped and pass; with
//! `SITREP_REQUIRE_POSTGRES=1` a missing or unreachable server fails them instead, so that CI
//! cannot pass without having run them. Each test works in a schema of its own, dropped at the
//! end.

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_backend_not_compiled() {
    if std::env::var("SITREP_REQUIRE_POSTGRES").as_deref() == Ok("1") {
        panic!("SITREP_REQUIRE_POSTGRES=1 but the postgres feature is off (--features postgres)");
    }
    eprintln!("postgres store tests skipped: build with --features postgres");
}

#[cfg(feature = "postgres")]
mod suite;

#[cfg(feature = "postgres")]
mod pg {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier};

    use sitrep_model::RecordRef;
    use sitrep_pipeline::extract::Extractor;
    use sitrep_pipeline::ingest::{self, IngestConfig};
    use sitrep_store::postgres::PgStore;
    use sitrep_store::{Filter, NewDocument, PutMode, PutOutcome, Query, Store, StoreError};

    /// A schema of its own on the test server, dropped when done.
    pub struct Scratch {
        admin: String,
        schema: String,
        pub url: String,
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
            }
        }
    }

    /// The test server's URL, or `None` (the test is skipped) when none is configured.
    pub fn server() -> Option<String> {
        let required = std::env::var("SITREP_REQUIRE_POSTGRES").as_deref() == Ok("1");
        match std::env::var("SITREP_TEST_POSTGRES") {
            Ok(url) if !url.trim().is_empty() => Some(url),
            _ if required => {
                panic!("SITREP_REQUIRE_POSTGRES=1 but SITREP_TEST_POSTGRES names no server")
            }
            _ => {
                eprintln!("postgres store tests skipped: set SITREP_TEST_POSTGRES=postgres://...");
                None
            }
        }
    }

    /// A fresh, empty schema on the server; fails (never skips) when the server is unreachable.
    pub fn scratch() -> Option<Scratch> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let admin = server()?;
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot reach the postgres test server {admin}: {e}"));
        let schema = format!(
            "sitrep_test_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .expect("create test schema");
        let sep = if admin.contains('?') { '&' } else { '?' };
        let url = format!("{admin}{sep}options=-csearch_path%3D{schema}");
        Some(Scratch { admin, schema, url })
    }

    /// The documents of a bundled sample, read as `sitrep extract` reads them.
    pub fn sample(name: &str) -> Vec<NewDocument> {
        let path = format!(
            "{}/../../examples/samples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).expect("sample");
        let extractor = Extractor::default();
        ingest::read(name, &bytes[..], &IngestConfig::default())
            .filter_map(Result::ok)
            .map(|raw| {
                use sha2::Digest;
                let hash = sha2::Sha256::digest(raw.body.as_str().as_bytes());
                let content_hash = hash.iter().map(|b| format!("{b:02x}")).collect();
                let origin = raw.origin.clone();
                NewDocument {
                    reading: extractor.read(raw),
                    origin,
                    content_hash,
                    raw: None,
                    captured: None,
                    reader_version: "test".into(),
                }
            })
            .collect()
    }

    /// A fresh store in a schema of its own, for the suite (the schema is left for inspection;
    /// the next run of the same process id replaces it).
    fn make() -> Box<dyn Store> {
        let s = scratch().expect("a server, checked before");
        let store = PgStore::connect(&s.url).expect("connect");
        std::mem::forget(s);
        Box::new(store)
    }

    macro_rules! cases {
        ($($name:ident),* $(,)?) => {
            $(#[test] fn $name() {
                if server().is_some() {
                    crate::suite::$name(&make);
                }
            })*
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

    fn stored(outcomes: &[PutOutcome]) -> usize {
        outcomes
            .iter()
            .filter(|o| matches!(o, PutOutcome::Stored { .. }))
            .count()
    }

    #[test]
    fn puts_are_idempotent_by_hash_and_url() {
        let Some(s) = scratch() else { return };
        let store = PgStore::connect(&s.url).unwrap();
        let docs = sample("wire.jsonl");
        assert!(docs.len() >= 2);
        let first = store.put(docs.clone(), PutMode::Skip).unwrap();
        assert_eq!(stored(&first), docs.len());
        let again = store.put(docs.clone(), PutMode::Skip).unwrap();
        assert!(again
            .iter()
            .all(|o| matches!(o, PutOutcome::Unchanged { .. })));
        let redo = store.put(docs.clone(), PutMode::Reprocess).unwrap();
        assert!(redo
            .iter()
            .all(|o| matches!(o, PutOutcome::Replaced { .. })));
        let stats = store.stats().unwrap();
        assert_eq!(stats.documents, docs.len() as u64);
        assert_eq!(stats.backend, "postgres");
        let PutOutcome::Stored { doc, .. } = first[0] else {
            unreachable!()
        };
        assert_eq!(
            store
                .contains(&docs[0].content_hash, docs[0].reading.url.as_deref())
                .unwrap(),
            Some(doc)
        );
        let back = store.document(doc).unwrap().unwrap();
        assert_eq!(back.reading, docs[0].reading);
        // The same body under another URL is another document.
        let mut moved = docs[0].clone();
        moved.reading.url = Some("https://elsewhere.example/x".into());
        let out = store.put(vec![moved], PutMode::Skip).unwrap();
        assert_eq!(stored(&out), 1);
    }

    #[test]
    fn syndicated_copies_are_near_duplicates_in_one_story() {
        let Some(s) = scratch() else { return };
        let store = PgStore::connect(&s.url).unwrap();
        // The WARC holds the El Fasher report that the HTML sample carries too.
        let warc = sample("crawl.warc.gz");
        let html = sample("sudan-el-fasher.html");
        store.put(warc, PutMode::Skip).unwrap();
        let out = store.put(html, PutMode::Skip).unwrap();
        let PutOutcome::Stored {
            doc,
            duplicate_of: Some(original),
            story,
        } = out[0]
        else {
            panic!("expected a near-duplicate, got {out:?}")
        };
        let original_story = store.document(original).unwrap().unwrap().story;
        assert_eq!(original_story, Some(story));
        // Counts leave the copy out unless asked.
        let all = Query::default();
        let docs = store.documents(&all).unwrap();
        assert!(docs.iter().all(|d| d.doc != doc));
        let mut with = Query::default();
        with.filter.include_duplicates = true;
        assert!(store.documents(&with).unwrap().iter().any(|d| d.doc == doc));
        let detail = store.story(story).unwrap().unwrap();
        assert_eq!(detail.story.duplicates, 1);
        assert!(detail.story.documents >= 2);
    }

    #[test]
    fn filters_narrow_and_text_search_finds_words() {
        let Some(s) = scratch() else { return };
        let store = PgStore::connect(&s.url).unwrap();
        for f in ["wire.jsonl", "crawl.warc.gz", "world.rss", "europe.atom"] {
            store.put(sample(f), PutMode::Skip).unwrap();
        }
        let q = |filter: Filter| Query {
            filter,
            ..Query::default()
        };
        let all = store.events(&Query::default()).unwrap();
        assert!(!all.is_empty());
        let quad4 = store
            .events(&q(Filter {
                quad: Some(4),
                ..Filter::default()
            }))
            .unwrap();
        assert!(quad4.iter().all(|e| e.event.quad == 4));
        assert!(quad4.len() < all.len());
        let code = all[0].event.cameo[..2].to_string();
        let by_root = store
            .events(&q(Filter {
                cameo: Some(code.clone()),
                ..Filter::default()
            }))
            .unwrap();
        assert!(!by_root.is_empty() && by_root.iter().all(|e| e.event.cameo.starts_with(&code)));
        let gaza = store
            .documents(&q(Filter {
                text: Some("Gaza convoy".into()),
                ..Filter::default()
            }))
            .unwrap();
        assert!(!gaza.is_empty());
        assert!(gaza
            .iter()
            .all(|d| d.snippet.to_lowercase().contains("gaza")
                || d.title
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("gaza")));
        let none = store
            .documents(&q(Filter {
                text: Some("zyzzyva".into()),
                ..Filter::default()
            }))
            .unwrap();
        assert!(none.is_empty());
        let bad = store.documents(&q(Filter {
            since: Some("yesterday".into()),
            ..Filter::default()
        }));
        assert!(matches!(bad, Err(StoreError::Query(_))));
        let stats = store.stats().unwrap();
        assert!(stats.events > 0 && stats.claims > 0);
        assert!(!store.timeline(&Query::default()).unwrap().is_empty());
        assert!(!store.actors(&Query::default()).unwrap().is_empty());
        assert!(!store.places(&Query::default()).unwrap().is_empty());
        assert!(!store.map(&Query::default()).unwrap().is_empty());
        assert!(!store.stories(&Query::default()).unwrap().is_empty());
        let mut n = 0;
        store
            .scan(&Filter::default(), &mut |_| {
                n += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(n as u64, stats.documents - stats.duplicates);
    }

    #[test]
    fn racing_writers_store_each_document_once() {
        let Some(s) = scratch() else { return };
        let mut docs = Vec::new();
        for f in ["wire.jsonl", "crawl.warc.gz", "world.rss", "europe.atom"] {
            docs.extend(sample(f));
        }
        let n = docs.len();
        let url = Arc::new(s.url.clone());
        let start = Arc::new(Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (url, start) = (Arc::clone(&url), Arc::clone(&start));
                let mut docs = docs.clone();
                // Each writer in its own order and batch size, so that batches overlap.
                docs.rotate_left(i % n);
                std::thread::spawn(move || {
                    // Concurrent first connections race on the migration too.
                    start.wait();
                    let store = PgStore::connect(&url).unwrap();
                    let mut stored = 0;
                    for chunk in docs.chunks(1 + i) {
                        let out = store.put(chunk.to_vec(), PutMode::Skip).unwrap();
                        stored += out
                            .iter()
                            .filter(|o| matches!(o, PutOutcome::Stored { .. }))
                            .count();
                    }
                    stored
                })
            })
            .collect();
        let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(total, n, "each document stored by exactly one writer");
        let store = PgStore::connect(&s.url).unwrap();
        assert_eq!(store.stats().unwrap().documents, n as u64);
    }

    #[test]
    fn unreachable_servers_are_errors_not_panics() {
        if server().is_none() {
            return;
        }
        let e = PgStore::connect("postgres://nobody@127.0.0.1:1/none").unwrap_err();
        assert!(matches!(e, StoreError::Open { .. }), "{e}");
        let _ = RecordRef::whole("x");
    }
}
