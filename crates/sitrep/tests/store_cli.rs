//! `sitrep ingest`, `query` and `stats` against real databases: a killed ingest finished by a
//! second run, a read-only database, a full one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-store-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const WORDS: &[&str] = &[
    "river", "market", "council", "harbour", "winter", "border", "village", "convoy", "bridge",
    "school", "office", "station", "valley", "road", "field", "mountain", "city", "port",
];

/// A JSON Lines input of `n` short documents, each with its own text and URL.
fn corpus(dir: &Path, name: &str, n: usize) -> PathBuf {
    let mut lines = String::new();
    let mut x: u64 = 0x2545F4914F6CDD1D ^ name.len() as u64;
    for i in 0..n {
        let mut words = Vec::new();
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words.push(WORDS[(x % WORDS.len() as u64) as usize]);
        }
        let text = format!(
            "Report {name} {i}.\n\nOfficials in Kabul said on Monday that {}.",
            words.join(" ")
        );
        let record = serde_json::json!({
            "id": format!("{name}-{i}"),
            "url": format!("https://example.org/{name}/{i}"),
            "title": format!("Report {name} {i}"),
            "published": "2026-03-10",
            "text": text,
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join(format!("{name}.jsonl"));
    std::fs::write(&path, lines).expect("write corpus");
    path
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .unwrap_or(0)
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).expect("open for integrity check");
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check")
}

fn ingest(db: &str, input: &Path, extra: &[&str]) -> Output {
    sitrep()
        .args(["ingest", "--db", db, "--progress", "json", "--threads", "1"])
        .args(extra)
        .arg(input)
        .output()
        .expect("run sitrep ingest")
}

/// The closing JSON summary of an ingest run with `--progress json`.
fn summary(out: &Output) -> serde_json::Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|v| v.get("summary").cloned())
        .unwrap_or_else(|| panic!("no summary in:\n{stderr}"))
}

#[test]
fn a_killed_ingest_is_finished_by_running_it_again() {
    let dir = temp_dir("kill");
    const N: usize = 600;
    let input = corpus(&dir, "kill", N);
    let db = dir.join("sitrep.db");
    let mut child = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .args(["--threads", "1", "--batch", "4", "--progress", "none"])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sitrep ingest");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut before = 0;
    while Instant::now() < deadline {
        before = count(&db, "SELECT count(*) FROM documents");
        if before > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // SIGKILL: no destructor, no rollback, no chance to tidy up.
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    assert!(before > 0, "nothing was stored within two minutes");
    assert!(
        !status.success(),
        "the ingest finished before it could be killed; make the corpus larger"
    );
    assert_eq!(integrity(&db), "ok");
    let committed = count(&db, "SELECT count(*) FROM documents");
    assert!(committed < N as i64, "{committed}");

    let out = ingest(db.to_str().expect("utf-8 path"), &input, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    assert_eq!(s["documents"], N);
    assert_eq!(s["unchanged"], committed);
    assert_eq!(s["stored"], N as i64 - committed);
    assert_eq!(s["failed"], 0);
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), N as i64);
    assert_eq!(
        count(
            &db,
            "SELECT count(DISTINCT content_hash || ifnull(url, '')) FROM documents"
        ),
        N as i64
    );
    assert_eq!(count(&db, "SELECT count(*) FROM documents_fts"), N as i64);
    assert_eq!(integrity(&db), "ok");

    // A third run changes nothing.
    let out = ingest(db.to_str().expect("utf-8 path"), &input, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(summary(&out)["unchanged"], N);

    // And the database answers.
    let out = sitrep()
        .args(["stats", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .expect("stats");
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    assert_eq!(stats["documents"], N);
    let out = sitrep()
        .args([
            "query",
            "--what",
            "documents",
            "--format",
            "csv",
            "--limit",
            "2",
            "--db",
        ])
        .arg(&db)
        .output()
        .expect("query");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("doc,published,lang,"), "{csv}");
    assert_eq!(csv.lines().count(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_read_only_database_is_a_clear_error() {
    let dir = temp_dir("ro");
    let input = corpus(&dir, "ro", 5);
    let db = dir.join("sitrep.db");
    let path = db.to_str().expect("utf-8 path");
    assert_eq!(ingest(path, &input, &[]).status.code(), Some(0));
    let more = corpus(&dir, "ro-more", 5);

    // Opened read-only: the same path SQLite takes for a write-protected file.
    let out = ingest(&format!("{path}?mode=ro"), &more, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("read-only") && stderr.contains(path),
        "{stderr}"
    );

    // File permissions, where they bind (not for root, who may write anyway).
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(true);
    if !root {
        use std::os::unix::fs::PermissionsExt;
        let set = |p: &Path, mode| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod")
        };
        for f in ["sitrep.db-wal", "sitrep.db-shm"] {
            let _ = std::fs::remove_file(dir.join(f));
        }
        set(&db, 0o444);
        set(&dir, 0o555);
        let out = ingest(path, &more, &[]);
        set(&dir, 0o755);
        set(&db, 0o644);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(path), "{stderr}");
    }
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_full_database_stops_cleanly_and_keeps_what_was_committed() {
    let dir = temp_dir("full");
    let first = corpus(&dir, "first", 40);
    let db = dir.join("sitrep.db");
    let path = db.to_str().expect("utf-8 path");
    assert_eq!(ingest(path, &first, &[]).status.code(), Some(0));
    // Fold the WAL into the file so that the page count is the database's size.
    let pages = {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        c.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
            .expect("page count")
    };
    let second = corpus(&dir, "second", 300);
    let out = ingest(
        &format!("{path}?max_pages={}", pages + 30),
        &second,
        &["--batch", "16"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("is full") && stderr.contains(path),
        "{stderr}"
    );
    assert_eq!(integrity(&db), "ok");
    let stored = count(&db, "SELECT count(*) FROM documents");
    assert!((40..340).contains(&stored), "{stored}");
    // Whole batches only: the first run's 40, then batches of 16.
    assert_eq!((stored - 40) % 16, 0, "{stored}");
    // Without the cap, the same ingest finishes the job.
    let out = ingest(path, &second, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 340);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn not_a_database_is_a_usage_error() {
    let dir = temp_dir("garbage");
    let db = dir.join("notes.txt");
    std::fs::write(&db, "these are my notes, not a database\n".repeat(200)).expect("write");
    let input = corpus(&dir, "g", 1);
    let out = ingest(db.to_str().expect("utf-8 path"), &input, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("notes.txt"), "{stderr}");
    let out = sitrep()
        .args(["stats", "--db", "postgres://localhost/x"])
        .output()
        .expect("stats");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    if cfg!(feature = "postgres") {
        // Built with the backend: nothing listens there, and the message names the server.
        assert!(stderr.contains("postgres://localhost/x"), "{stderr}");
    } else {
        assert!(stderr.contains("--features postgres"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
