//! Golden tests: every format on real readings (`test_data/readings.jsonl`, made by
//! `sitrep extract examples/`), wrapped as stored documents with fixed store metadata.
//!
//! Stories: the two Sudan reports are story 1; the two Ukraine reports story 2, the second a
//! near-duplicate of the first; the seed article story 3; the Sahel report story 4; the Istanbul
//! page (no events) story 5.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files, then review the diff.

use std::path::PathBuf;

use sitrep_export::acled::AcledExporter;
use sitrep_export::csv_tables::CsvExporter;
use sitrep_export::gdelt::GdeltExporter;
use sitrep_export::jsonl::JsonlExporter;
use sitrep_export::{run, Exporter, StoredDocument, Table};
use sitrep_model::{Reading, RecordRef};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

fn documents() -> Vec<StoredDocument> {
    let text = std::fs::read_to_string(dir().join("readings.jsonl")).unwrap();
    let stories = [1, 1, 2, 2, 3, 4, 5];
    text.lines()
        .zip(stories)
        .enumerate()
        .map(|(i, (line, story))| {
            let reading: Reading = serde_json::from_str(line).unwrap();
            let doc = i as i64 + 1;
            StoredDocument {
                doc,
                content_hash: format!("{doc:064x}"),
                origin: RecordRef::whole(format!("examples/{}.txt", reading.id)),
                captured: None,
                ingested_at: "2026-03-18T09:30:00Z".into(),
                reader_version: "0.1.0".into(),
                duplicate_of: (doc == 4).then_some(3),
                similarity: (doc == 4).then_some(0.82),
                story: Some(story),
                reading,
            }
        })
        .collect()
}

fn export(e: &mut dyn Exporter) {
    let docs = documents();
    let mut src: &[StoredDocument] = &docs;
    assert_eq!(run(e, &mut src).unwrap(), docs.len() as u64);
}

fn check(name: &str, actual: &[u8]) {
    let path = dir().join("expected").join(name);
    let actual = String::from_utf8(actual.to_vec()).unwrap();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECT=1)", path.display()));
    if expected != actual {
        for (n, (a, b)) in expected.lines().zip(actual.lines()).enumerate() {
            assert_eq!(a, b, "{name}: line {} differs", n + 1);
        }
        assert_eq!(
            expected.lines().count(),
            actual.lines().count(),
            "{name}: line count"
        );
        panic!("{name} differs");
    }
}

#[test]
fn csv_tables() {
    for (table, name) in [
        (Table::Events, "events.csv"),
        (Table::Claims, "claims.csv"),
        (Table::Documents, "documents.csv"),
    ] {
        let mut out = Vec::new();
        export(&mut CsvExporter::new(table, &mut out));
        // Every record parses back with the header's width.
        let mut rd = csv::Reader::from_reader(out.as_slice());
        let width = rd.headers().unwrap().len();
        let n = rd
            .records()
            .map(|r| assert_eq!(r.unwrap().len(), width))
            .count();
        assert!(n > 0, "{name} has rows");
        check(name, &out);
    }
}

#[test]
fn jsonl_round_trips() {
    let mut out = Vec::new();
    export(&mut JsonlExporter::new(&mut out));
    let back: Vec<StoredDocument> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, documents());
}

#[test]
fn gdelt() {
    let (mut out, mut side) = (Vec::new(), Vec::new());
    export(&mut GdeltExporter::new(&mut out, Some(&mut side)));
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.lines().count() > 10);
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    // The near-duplicate (document 4) is never written.
    assert!(!text.lines().any(|l| l.starts_with("4000")));
    let side_text = String::from_utf8(side.clone()).unwrap();
    assert_eq!(side_text.lines().count(), text.lines().count() + 1);
    check("gdelt.tsv", &out);
    check("gdelt.sidecar.tsv", &side);
}

#[test]
fn acled() {
    let mut out = Vec::new();
    export(&mut AcledExporter::new(&mut out));
    let mut rd = csv::Reader::from_reader(out.as_slice());
    let head: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let find = |doc: &str, index: &str| {
        rows.iter()
            .find(|r| &r[col("doc")] == doc && &r[col("event_index")] == index)
            .unwrap_or_else(|| panic!("no row for event {index} of document {doc}"))
    };
    // The seed story: the reporter says 107, Kabul 76, UNAMA 76 for the clash in Afghanistan:
    // the lowest best estimate is 76.
    let clash = find("5", "6");
    assert_eq!(&clash[col("fatalities")], "76");
    assert_eq!(
        &clash[col("claimants")],
        "reporter: 107; Kabul: 76; UN Assistance Mission in Afghanistan: 76"
    );
    // El Fasher: one claimant, 14 killed.
    assert_eq!(&find("1", "0")[col("fatalities")], "14");
    // Events of the second Sudan report repeat the first's: written once, from document 1.
    assert!(rows
        .iter()
        .all(|r| &r[col("doc")] != "2" && &r[col("doc")] != "4"));
    check("acled.csv", &out);
}
