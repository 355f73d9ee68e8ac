//! Integration tests of the readers: one fixture per kind of input under `test_data/ingest/`,
//! gzip variants built here, and the failure cases (damage, limits, junk) that must come out as
//! errors naming the input and the record, never as panics. One test binary: the kinds with
//! records of their own have their tests in `ingest/`.

use std::io::Write;

use sitrep_model::{Body, RawDocument, RecordRef};
use sitrep_pipeline::ingest::{read, sniff, IngestConfig, InputKind};
use sitrep_pipeline::{Error, ErrorKind};

#[path = "ingest/feeds.rs"]
mod feeds;
#[path = "ingest/limits.rs"]
mod limits;
#[path = "ingest/warc.rs"]
mod warc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/test_data/ingest/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_with(name: &str, bytes: Vec<u8>, cfg: &IngestConfig) -> Vec<Result<RawDocument, Error>> {
    read(name, std::io::Cursor::new(bytes), cfg).collect()
}

fn read_all(name: &str, bytes: Vec<u8>) -> Vec<Result<RawDocument, Error>> {
    read_with(name, bytes, &IngestConfig::default())
}

/// The documents, failing the test on any error.
fn docs(name: &str, bytes: Vec<u8>) -> Vec<RawDocument> {
    read_all(name, bytes)
        .into_iter()
        .map(|d| d.unwrap_or_else(|e| panic!("unexpected error: {e}")))
        .collect()
}

fn only_error(name: &str, bytes: Vec<u8>) -> Error {
    let mut out = read_all(name, bytes);
    assert_eq!(out.len(), 1, "expected exactly one item");
    match out.pop() {
        Some(Err(e)) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The WARC fixture with each record in its own gzip member, as Common Crawl writes it.
fn warc_gz_per_record() -> Vec<u8> {
    let warc = fixture("crawl.warc");
    let mut starts: Vec<usize> = (0..warc.len())
        .filter(|&i| warc[i..].starts_with(b"WARC/1.0\r\n") && (i == 0 || warc[i - 1] == b'\n'))
        .collect();
    starts.push(warc.len());
    starts
        .windows(2)
        .flat_map(|w| gz(&warc[w[0]..w[1]]))
        .collect()
}

fn html(doc: &RawDocument) -> &str {
    match &doc.body {
        Body::Html(s) => s,
        Body::Text(_) => panic!("expected an HTML body for {}", doc.id),
    }
}

/// One line per item an input yields: the document's fields and the start of its body, or the
/// error message.
fn summary(name: &str, bytes: Vec<u8>) -> String {
    let mut out = String::new();
    for item in read_all(name, bytes) {
        let value = match item {
            Ok(d) => {
                let (kind, body) = match &d.body {
                    Body::Html(s) => ("html", s),
                    Body::Text(s) => ("text", s),
                };
                let start: String = body.chars().take(80).collect();
                serde_json::json!({
                    "origin": d.origin.to_string(), "id": d.id, "url": d.url, "title": d.title,
                    "published": d.published, "captured": d.captured, kind: start,
                })
            }
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        };
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

/// Golden files: every fixture's summary is kept beside it as `<fixture>.expect`, reviewed as a
/// diff. `UPDATE_EXPECT=1 cargo test -p sitrep-pipeline --test ingest` rewrites them.
#[test]
fn fixtures_read_as_expected() {
    let dir = format!("{}/test_data/ingest", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".expect") && !n.starts_with('.'))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for name in names {
        let actual = summary(&name, fixture(&name));
        let path = format!("{dir}/{name}.expect");
        if update {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}+++ actual\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(UPDATE_EXPECT=1 rewrites the golden files)",
        failures.join("\n")
    );
}

#[test]
fn plain_text_is_one_document() {
    let d = docs("dir/article.txt", fixture("article.txt"));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].id, "article");
    assert_eq!(d[0].origin, RecordRef::whole("dir/article.txt"));
    let Body::Text(text) = &d[0].body else {
        panic!("expected text")
    };
    assert!(text.starts_with("Russia says ready to mediate"));
}

#[test]
fn html_and_gzipped_html() {
    for (name, bytes) in [
        ("page.html", fixture("page.html")),
        ("page.html.gz", gz(&fixture("page.html"))),
    ] {
        let d = docs(name, bytes);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].id, "page");
        assert!(html(&d[0]).contains("Doha on Monday — the third"), "{name}");
    }
    // Gzip is recognised by content, whatever the name says.
    assert_eq!(docs("noext", gz(&fixture("page.html")))[0].id, "noext");
}

#[test]
fn json_lines() {
    let d = docs("feed/news.jsonl", fixture("news.jsonl"));
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].id, "a-1");
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/a"));
    assert_eq!(d[0].published.as_deref(), Some("2026-03-17"));
    assert_eq!(d[0].body, Body::Text("First story text.".into()));
    assert_eq!(d[1].id, "news#2");
    assert_eq!(d[1].published.as_deref(), Some("2026-03-17"));
    assert_eq!(d[1].body, Body::Html("<p>Second story.</p>".into()));
    assert_eq!(d[2].id, "42");
    assert_eq!(d[2].published, None);
    assert_eq!(d[1].origin.record, Some(2));
    assert_eq!(d[1].origin.offset, Some(126));
    // Gzipped JSON Lines stream the same.
    let zipped = docs("news.jsonl.gz", gz(&fixture("news.jsonl")));
    let ids: Vec<_> = zipped.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a-1", "news#2", "42"]);
    assert_eq!(
        zipped[1].origin,
        RecordRef::record("news.jsonl.gz", 2, Some(126))
    );
}

#[test]
fn a_bad_json_line_is_an_error_between_good_documents() {
    let out = read_all("bad_line.jsonl", fixture("bad_line.jsonl"));
    assert_eq!(out.len(), 4);
    let ids: Vec<_> = out
        .iter()
        .filter_map(|d| d.as_ref().ok())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["ok-1", "ok-2", "ok-4"]);
    let Err(e) = &out[2] else {
        panic!("line 3 should fail")
    };
    assert!(matches!(e.kind, ErrorKind::Json(_)));
    assert_eq!(e.origin.record, Some(3));
    assert!(
        e.to_string()
            .starts_with("bad_line.jsonl: record 3 (byte 63): malformed JSON: "),
        "{e}"
    );
}

#[test]
fn legacy_encodings_read_right() {
    let d = docs("cp1251_meta.html", fixture("cp1251_meta.html"));
    assert!(html(&d[0]).contains("Стороны договорились о прекращении огня"));
    let d = docs("cp1251_plain.txt", fixture("cp1251_plain.txt"));
    assert!(
        d[0].body.as_str().starts_with("Переговоры в Стамбуле"),
        "{}",
        d[0].body.as_str()
    );
    let d = docs("shift_jis.html", fixture("shift_jis.html"));
    assert!(html(&d[0]).contains("外務省によると"));
    let d = docs("shift_jis_nometa.html", fixture("shift_jis_nometa.html"));
    assert!(html(&d[0]).contains("外務省によると"), "{}", html(&d[0]));
    // Invalid UTF-8 in a JSON string costs a character, not the record.
    let d = docs("x.jsonl", b"{\"text\":\"a\xffb\"}\n".to_vec());
    assert_eq!(d[0].body, Body::Text("a\u{fffd}b".into()));
}

#[test]
fn junk_and_empty_inputs() {
    assert!(matches!(
        only_error("junk.bin", fixture("junk.bin")).kind,
        ErrorKind::Binary
    ));
    assert!(matches!(
        only_error("empty.txt", Vec::new()).kind,
        ErrorKind::Empty
    ));
    assert!(matches!(
        only_error("blank.txt", b"  \n\n ".to_vec()).kind,
        ErrorKind::Empty
    ));
    assert!(matches!(
        only_error("empty.gz", gz(b"")).kind,
        ErrorKind::Empty
    ));
    let e = only_error("cut.html.gz", gz(&fixture("page.html"))[..60].to_vec());
    assert!(matches!(e.kind, ErrorKind::Gzip(_)), "{e}");
    assert!(
        e.to_string()
            .starts_with("cut.html.gz: truncated or corrupt gzip stream"),
        "{e}"
    );
}

#[test]
fn recognition_by_content_then_name() {
    assert_eq!(
        sniff(&fixture("crawl.warc")[..100], "a.txt"),
        Some(InputKind::Warc)
    );
    assert_eq!(
        sniff(&fixture("news.atom")[..100], "a.txt"),
        Some(InputKind::Feed)
    );
    assert_eq!(
        sniff(&fixture("news.jsonl")[..100], "a.txt"),
        Some(InputKind::JsonLines)
    );
    assert_eq!(
        sniff(&fixture("article.txt"), "a.html"),
        Some(InputKind::Html)
    );
    assert_eq!(sniff(&fixture("junk.bin"), "a.txt"), None);
}
