//! Limits and damage: huge inputs generated lazily, truncated gzip, and property tests that feed
//! arbitrary or damaged bytes to the readers.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use proptest::prelude::*;

use super::*;

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
