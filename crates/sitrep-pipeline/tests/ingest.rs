//! Integration tests of the readers: one fixture per kind of input under `test_data/ingest/`,
//! gzip variants built here, and the failure cases (damage, limits, junk) that must come out as
//! errors naming the input and the record, never as panics.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use proptest::prelude::*;
use sitrep_model::{Body, RawDocument, RecordRef};
use sitrep_pipeline::ingest::{read, sniff, IngestConfig, InputKind};
use sitrep_pipeline::{Error, ErrorKind};

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
fn rss_items() {
    let d = docs("news.rss", fixture("news.rss"));
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "ex-1001");
    assert_eq!(
        d[0].title.as_deref(),
        Some("Shelling reported near Kharkiv")
    );
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/kharkiv"));
    assert_eq!(d[0].published.as_deref(), Some("2026-03-17"));
    assert_eq!(
        html(&d[0]),
        "<p>Full text of the <em>story</em> &amp; more.</p>"
    );
    assert_eq!(d[1].id, "news#2");
    assert_eq!(d[1].title.as_deref(), Some("Talks & truce"));
    assert_eq!(d[1].published.as_deref(), Some("2026-03-16"));
    assert_eq!(html(&d[1]), "<p>Escaped &amp; HTML</p>&nbsp;");
    assert_eq!(d[1].origin.record, Some(2));
}

#[test]
fn atom_entries() {
    let d = docs("news.atom", fixture("news.atom"));
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "tag:example.com,2026:1");
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/border"));
    assert_eq!(d[0].title.as_deref(), Some("Border <i>clashes</i>"));
    assert_eq!(d[0].published.as_deref(), Some("2026-03-17"));
    assert_eq!(
        html(&d[0]),
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Troops &amp; tanks <b>moved</b>.<br/>Then stopped.</p></div>"
    );
    assert_eq!(d[1].url.as_deref(), Some("https://example.com/summary"));
    assert_eq!(d[1].published.as_deref(), Some("2026-03-15"));
    assert_eq!(html(&d[1]), "A &lt;b&gt; is not bold here");
}

#[test]
fn rdf_items() {
    let d = docs("news.rdf", fixture("news.rdf"));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].id, "https://example.com/rdf1");
    assert_eq!(d[0].published.as_deref(), Some("2026-03-12"));
    assert_eq!(html(&d[0]), "RDF body.");
}

#[test]
fn a_malformed_feed_keeps_the_items_before_the_fault() {
    let out = read_all("broken.rss", fixture("broken.rss"));
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().map(|d| d.id.as_str()).ok(), Some("g1"));
    assert_eq!(out[1].as_ref().map(|d| d.id.as_str()).ok(), Some("g2"));
    let Err(e) = &out[2] else {
        panic!("the third item is broken")
    };
    assert!(matches!(e.kind, ErrorKind::Feed(_)));
    assert_eq!(
        e.to_string(),
        "broken.rss: record 3 (byte 282): malformed feed: mismatched end tag </title>, expected </description> at line 5"
    );
}

#[test]
fn a_fault_between_items_names_no_item() {
    let rss =
        b"<rss><channel><item><guid>https://example.com/p</guid></item></chanel></rss>".to_vec();
    let out = read_all("x.rss", rss);
    assert_eq!(out.len(), 2);
    let Ok(doc) = &out[0] else {
        panic!("the item is fine")
    };
    // A guid that is a URL (and a permalink, by default) serves as the link.
    assert_eq!(doc.url.as_deref(), Some("https://example.com/p"));
    let Err(e) = &out[1] else {
        panic!("the end is broken")
    };
    assert_eq!(
        e.to_string(),
        "x.rss (byte 61): malformed feed: mismatched end tag </chanel>, expected </channel> at line 1"
    );
}

fn check_crawl(name: &str, d: &[RawDocument]) {
    let ids: Vec<_> = d.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "22222222-2222-2222-2222-222222222222",
            "66666666-6666-6666-6666-666666666666",
            "77777777-7777-7777-7777-777777777777",
            "99999999-9999-9999-9999-999999999999",
        ],
        "{name}"
    );
    assert_eq!(d[0].url.as_deref(), Some("https://news.example.com/one"));
    assert_eq!(d[0].captured.as_deref(), Some("2026-03-18"));
    assert_eq!(d[0].published, None);
    assert_eq!(d[0].origin, RecordRef::record(name, 3, Some(486)));
    assert!(html(&d[0]).contains("Ceasefire holds — mostly."));
    // Chunked, gzipped, Shift_JIS by its HTTP charset.
    assert_eq!(d[1].captured.as_deref(), Some("2026-03-19"));
    assert!(
        html(&d[1]).contains("国境地帯での停戦交渉"),
        "{}",
        html(&d[1])
    );
    assert!(html(&d[2]).contains("No content type, but HTML."));
    // Windows-1251 without any declaration, guessed with the help of the .ru domain.
    assert!(
        html(&d[3]).contains("Министерство обороны России"),
        "{}",
        html(&d[3])
    );
}

#[test]
fn warc_responses_with_html_become_documents() {
    let d = docs("crawl.warc", fixture("crawl.warc"));
    check_crawl("crawl.warc", &d);
}

#[test]
fn warc_gz_with_a_member_per_record() {
    let d = docs("crawl.warc.gz", warc_gz_per_record());
    check_crawl("crawl.warc.gz", &d);
}

#[test]
fn a_truncated_warc_gz_keeps_the_records_before_the_damage() {
    let whole = warc_gz_per_record();
    let out = read_all("cut.warc.gz", whole[..whole.len() * 2 / 3].to_vec());
    let (ok, err): (Vec<_>, Vec<_>) = out.into_iter().partition(Result::is_ok);
    // The cut falls in record 7, the second page: the first page still comes out.
    assert_eq!(ok.len(), 1);
    assert_eq!(err.len(), 1);
    let e = err.into_iter().next().and_then(Result::err).unwrap();
    assert!(matches!(e.kind, ErrorKind::Gzip(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "cut.warc.gz: record 7 (byte 1682): truncated or corrupt gzip stream: unexpected end of compressed data"
    );
}

#[test]
fn truncated_gzip_jsonl_and_feeds_keep_what_came_before() {
    let lines: String = (1..=400)
        .map(|i| format!("{{\"id\":\"r{i}\",\"text\":\"story {i}\"}}\n"))
        .collect();
    let zipped = gz(lines.as_bytes());
    let out = read_all("cut.jsonl.gz", zipped[..zipped.len() - 10].to_vec());
    let last = out
        .last()
        .and_then(|r| r.as_ref().err())
        .expect("an error at the end");
    assert!(matches!(last.kind, ErrorKind::Gzip(_)), "{last}");
    assert!(last.origin.record.is_some(), "{last}");
    assert!(out.iter().filter(|d| d.is_ok()).count() > 300);

    let zipped = gz(&fixture("news.rss"));
    let out = read_all("cut.rss.gz", zipped[..zipped.len() - 10].to_vec());
    assert!(out[0].is_ok());
    let last = out
        .last()
        .and_then(|r| r.as_ref().err())
        .expect("an error at the end");
    assert!(matches!(last.kind, ErrorKind::Gzip(_)), "{last}");
}

#[test]
fn warc_1_1_with_bare_newlines() {
    let block = "HTTP/1.1 200 OK\nContent-Type: text/html;charset=windows-1251\n\n<html><p>\u{cf}</p></html>";
    let warc = format!(
        "WARC/1.1\nwarc-type: response\nWARC-Record-ID: <urn:uuid:lf>\nWARC-Target-URI: <http://example.org/>\nWARC-Date: 2026-03-18T04:05:06.123456Z\ncontent-length: {}\n\n{block}\n\n",
        block.len()
    );
    let d = docs("lf.warc", warc.into_bytes());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].id, "lf");
    assert_eq!(d[0].url.as_deref(), Some("http://example.org/"));
    assert_eq!(d[0].captured.as_deref(), Some("2026-03-18"));
    // The UTF-8 bytes of "Ï" read as windows-1251, as the HTTP header says.
    assert_eq!(html(&d[0]), "<html><p>\u{0413}\u{040f}</p></html>");
}

#[test]
fn a_truncated_warc_names_the_record_and_offset() {
    let whole = fixture("crawl.warc");
    let out = read_all("cut.warc", whole[..600].to_vec());
    assert_eq!(out.len(), 1);
    let Err(e) = &out[0] else {
        panic!("expected an error")
    };
    assert_eq!(e.origin, RecordRef::record("cut.warc", 3, Some(486)));
    assert!(
        matches!(&e.kind, ErrorKind::Warc(m) if m.starts_with("truncated")),
        "{e}"
    );
}

#[test]
fn a_garbled_warc_header_is_skipped_to_the_next_record() {
    let warc = fixture("crawl.warc");
    let mut bad = b"WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n".to_vec();
    bad.extend_from_slice(&warc);
    let out = read_all("garbled.warc", bad);
    let Err(e) = &out[0] else {
        panic!("expected an error first")
    };
    assert_eq!(e.origin, RecordRef::record("garbled.warc", 1, Some(0)));
    assert_eq!(e.to_string(), "garbled.warc: record 1 (byte 0): malformed WARC record: garbled header: field without a colon: \"this line has no colon\"");
    assert_eq!(out.iter().filter(|d| d.is_ok()).count(), 4);
}

#[test]
fn an_oversized_warc_record_is_skipped_with_an_error() {
    let cfg = IngestConfig {
        max_document_bytes: 150,
    };
    let out = read_with("crawl.warc", fixture("crawl.warc"), &cfg);
    let errors: Vec<_> = out.iter().filter_map(|d| d.as_ref().err()).collect();
    assert!(!errors.is_empty());
    assert!(errors
        .iter()
        .all(|e| matches!(e.kind, ErrorKind::TooLarge { limit: 150, .. })));
    assert!(out
        .iter()
        .any(|d| d.as_ref().is_ok_and(|d| d.id.starts_with("7777"))));
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

/// A lazily generated input: `len` bytes of `fill`, counting what was served.
struct Lazy {
    head: Vec<u8>,
    len: u64,
    fill: u8,
    tail: Vec<u8>,
    served: Arc<AtomicU64>,
}

impl Read for Lazy {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let pos = self.served.load(Ordering::Relaxed);
        let head = self.head.len() as u64;
        let n = if pos < head {
            let src = &self.head[pos as usize..];
            let n = src.len().min(buf.len());
            buf[..n].copy_from_slice(&src[..n]);
            n
        } else if pos < head + self.len {
            let n = (head + self.len - pos).min(buf.len() as u64) as usize;
            buf[..n].fill(self.fill);
            n
        } else {
            let src = self
                .tail
                .get((pos - head - self.len) as usize..)
                .unwrap_or(&[]);
            let n = src.len().min(buf.len());
            buf[..n].copy_from_slice(&src[..n]);
            n
        };
        self.served.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn a_200_mb_input_is_too_large_without_being_read_whole() {
    let served = Arc::new(AtomicU64::new(0));
    let input = Lazy {
        head: b"Headline\n\n".to_vec(),
        len: 200 << 20,
        fill: b'a',
        tail: Vec::new(),
        served: served.clone(),
    };
    let cfg = IngestConfig {
        max_document_bytes: 1 << 20,
    };
    let out: Vec<_> = read("huge.txt", input, &cfg).collect();
    assert_eq!(out.len(), 1);
    let Some(Err(e)) = out.first() else {
        panic!("expected an error")
    };
    assert!(
        matches!(e.kind, ErrorKind::TooLarge { limit, .. } if limit == 1 << 20),
        "{e}"
    );
    assert!(
        served.load(Ordering::Relaxed) <= (1 << 20) + 64 * 1024,
        "read too much"
    );
}

#[test]
fn a_huge_json_line_is_skipped_and_the_next_read() {
    let served = Arc::new(AtomicU64::new(0));
    let input = Lazy {
        head: b"{\"id\":\"first\",\"text\":\"ok\"}\n{\"text\":\"".to_vec(),
        len: 8 << 20,
        fill: b'x',
        tail: b"\"}\n{\"id\":\"last\",\"text\":\"ok\"}\n".to_vec(),
        served,
    };
    let cfg = IngestConfig {
        max_document_bytes: 64 * 1024,
    };
    let out: Vec<_> = read("huge.jsonl", input, &cfg).collect();
    assert_eq!(out.len(), 3);
    assert!(
        matches!(&out[1], Err(e) if matches!(e.kind, ErrorKind::TooLarge { .. }) && e.origin.record == Some(2))
    );
    assert_eq!(out[2].as_ref().map(|d| d.id.as_str()).ok(), Some("last"));
}

#[test]
fn a_huge_warc_record_is_streamed_past() {
    let served = Arc::new(AtomicU64::new(0));
    let len: u64 = 48 << 20;
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:big>\r\nContent-Length: {}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        len + 44
    );
    let tail = b"\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:small>\r\nContent-Length: 41\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html><p>ok</p></html>\r\n\r\n";
    let input = Lazy {
        head: head.into_bytes(),
        len,
        fill: b'x',
        tail: tail.to_vec(),
        served,
    };
    let cfg = IngestConfig {
        max_document_bytes: 1 << 20,
    };
    let out: Vec<_> = read("big.warc", input, &cfg).collect();
    assert_eq!(out.len(), 2);
    let Err(e) = &out[0] else {
        panic!("expected the big record to fail")
    };
    assert_eq!(
        e.to_string(),
        format!("big.warc: record 1 (byte 0): document of at least {len} bytes exceeds the limit of 1048576 bytes")
    );
    assert_eq!(out[1].as_ref().map(|d| d.id.as_str()).ok(), Some("small"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        prefix in prop::sample::select(vec![
            &b""[..], b"WARC/1.0\r\n", b"{", b"<rss", b"<?xml version='1.0'?><feed>", b"\x1f\x8b", b"<html>",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 41\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n",
        ]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
        gzip in any::<bool>(),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&body);
        let bytes = if gzip { gz(&bytes) } else { bytes };
        let cfg = IngestConfig { max_document_bytes: 1024 };
        let n = read("prop", std::io::Cursor::new(bytes), &cfg).take(10_000).count();
        prop_assert!(n < 10_000);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Damaged real inputs: a fixture cut short and with some bytes changed, maybe gzipped.
    #[test]
    fn damaged_fixtures_never_panic(
        which in 0usize..6,
        cut in 0.0f64..1.0,
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
        gzip in any::<bool>(),
    ) {
        let name = ["crawl.warc", "news.rss", "news.atom", "news.jsonl", "page.html", "shift_jis.html"][which];
        let mut bytes = fixture(name);
        for (at, b) in flips {
            let i = (at * bytes.len() as f64) as usize;
            if let Some(slot) = bytes.get_mut(i) {
                *slot = b;
            }
        }
        let mut bytes = if gzip && name == "crawl.warc" { warc_gz_per_record() } else if gzip { gz(&bytes) } else { bytes };
        bytes.truncate((cut * bytes.len() as f64) as usize + 1);
        let cfg = IngestConfig { max_document_bytes: 600 };
        let n = read(name, std::io::Cursor::new(bytes), &cfg).take(10_000).count();
        prop_assert!(n < 10_000);
    }
}

proptest! {
    #[test]
    fn dates_never_panic_and_come_out_well_formed(s in "\\PC{0,40}") {
        if let Some(d) = sitrep_pipeline::datetime::normalize_date(&s) {
            let b = d.as_bytes();
            prop_assert!(b.len() == 10 && b[4] == b'-' && b[7] == b'-');
        }
    }
}
