//! `sitrep export` end to end, from a readings file (the store's own tests cover `--db`).

use std::path::PathBuf;
use std::process::{Command, Output};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn readings() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../sitrep-export/test_data/readings.jsonl")
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-export-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn gdelt_writes_61_columns_and_a_sidecar() {
    let out = scratch("events.tsv");
    let o = sitrep(&[
        "export",
        "--readings",
        &readings(),
        "--format",
        "gdelt",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.lines().count() > 10);
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
    let side = std::fs::read_to_string(format!("{}.sidecar.tsv", out.display())).unwrap();
    assert!(side.starts_with("GLOBALEVENTID\tdoc\t"));
    assert_eq!(side.lines().count(), text.lines().count() + 1);
}

#[test]
fn csv_and_acled_go_to_standard_output() {
    let o = sitrep(&[
        "export",
        "--readings",
        &readings(),
        "--format",
        "csv",
        "--table",
        "claims",
    ]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("doc,story,duplicate_of,claim_index,"));
    let o = sitrep(&[
        "export",
        "--readings",
        &readings(),
        "--format",
        "acled",
        "-q",
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .starts_with("event_date,event_type,sub_event_type,actor1,actor2,country,admin1,"));
}

#[test]
fn misuse_is_a_usage_error() {
    let r = readings();
    for args in [
        vec![
            "export",
            "--readings",
            &r,
            "--format",
            "gdelt",
            "--table",
            "claims",
        ],
        vec![
            "export",
            "--readings",
            &r,
            "--format",
            "csv",
            "--actor",
            "AFG",
        ],
        vec![
            "export",
            "--readings",
            "/nonexistent/readings.jsonl",
            "--format",
            "csv",
        ],
        vec!["export", "--readings", &r, "--format", "parquet"],
    ] {
        let o = sitrep(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_needs_the_feature() {
    let out = scratch("x.parquet");
    let o = sitrep(&[
        "export",
        "--readings",
        &readings(),
        "--format",
        "parquet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--features parquet"));
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_is_written_to_a_file() {
    let out = scratch("events.parquet");
    let o = sitrep(&[
        "export",
        "--readings",
        &readings(),
        "--format",
        "parquet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn exports_from_a_store_under_filters() {
    let db = scratch("store.db");
    let _ = std::fs::remove_file(&db);
    let root = repo_root();
    let o = sitrep(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "-q",
        root.join("examples/seed").to_str().unwrap(),
        root.join("examples/samples/sudan-el-fasher.html")
            .to_str()
            .unwrap(),
        root.join("examples/samples/wire.jsonl").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let db = db.to_str().unwrap();

    let o = sitrep(&["export", "--db", db, "--format", "gdelt", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.lines().count() > 5);
    assert!(text.lines().all(|l| l.split('\t').count() == 61));

    // The seed story: Kabul and UNAMA both say 76 civilians, the reporter 107 people: the
    // lowest best estimate for the clash in Afghanistan is 76.
    let o = sitrep(&[
        "export",
        "--db",
        db,
        "--format",
        "acled",
        "--country",
        "AFG",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut rd = csv::Reader::from_reader(o.stdout.as_slice());
    let head = rd.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| &r[col("country")] == "Afghanistan"));
    assert!(
        rows.iter()
            .any(|r| &r[col("event_type")] == "Battles" && &r[col("fatalities")] == "76"),
        "{rows:?}"
    );

    let o = sitrep(&[
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "--table",
        "documents",
        "-q",
    ]);
    assert!(o.status.success());
    let documents = String::from_utf8(o.stdout).unwrap().lines().count() - 1;
    let o = sitrep(&["export", "--db", db, "--format", "jsonl", "-q"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().lines().count(),
        documents
    );
    assert!(documents >= 3, "the seed, El Fasher and the wire stories");

    let missing = scratch("missing.db");
    let o = sitrep(&[
        "export",
        "--db",
        missing.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists(), "an export never creates a database");
}
