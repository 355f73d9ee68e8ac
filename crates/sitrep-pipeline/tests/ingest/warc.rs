//! WARC: which records become documents, gzip members, truncation, garbled headers.

use super::*;

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
