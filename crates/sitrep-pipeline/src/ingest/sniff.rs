//! Recognition: which kind of input a prefix of bytes is, by content first and name second.
//!
//! [`sniff`] looks at the first few kilobytes of an input (after gzip): `WARC/1.` opens a WARC
//! file; an XML root named `rss`, `feed` or `rdf:RDF` makes a feed; a first line that opens with
//! `{` makes JSON Lines; HTML markers (`<!doctype html`, `<html`, `<head`, `<body`) or a prefix
//! made mostly of tags make HTML. Only when the content says no more than "text" does the name's
//! extension decide (`.html`, `.jsonl`, `.warc`, `.rss`).

use memchr::memmem;

use super::source::GZIP_MAGIC;
use super::InputKind;

/// What a prefix looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Kind(InputKind),
    Gzip,
    Empty,
    Binary,
}

/// The kind of the input called `name` whose first bytes are `prefix`, or `None` when it is
/// empty, binary, or gzip-compressed (look inside first).
///
/// ```
/// use sitrep_pipeline::ingest::{sniff, InputKind};
/// assert_eq!(sniff(b"WARC/1.0\r\n", "x"), Some(InputKind::Warc));
/// assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "x"), Some(InputKind::Feed));
/// assert_eq!(sniff(b"{\"id\": 1}\n", "x"), Some(InputKind::JsonLines));
/// assert_eq!(sniff(b"Headline\n\nBody.", "page.html"), Some(InputKind::Html));
/// ```
pub fn sniff(prefix: &[u8], name: &str) -> Option<InputKind> {
    match classify(prefix, name) {
        Sniffed::Kind(k) => Some(k),
        _ => None,
    }
}

pub(crate) fn classify(prefix: &[u8], name: &str) -> Sniffed {
    if prefix.starts_with(&GZIP_MAGIC) {
        return Sniffed::Gzip;
    }
    if prefix.starts_with(&[0xff, 0xfe]) || prefix.starts_with(&[0xfe, 0xff]) {
        // UTF-16 text: recognise it on a decoded copy; only text and HTML come this way.
        let (enc, bom) =
            encoding_rs::Encoding::for_bom(prefix).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, _) = enc.decode_without_bom_handling(&prefix[bom..]);
        return match classify(text.as_bytes(), name) {
            Sniffed::Kind(InputKind::Html) => Sniffed::Kind(InputKind::Html),
            Sniffed::Empty => Sniffed::Empty,
            _ => Sniffed::Kind(InputKind::Text),
        };
    }
    let body = prefix.strip_prefix(b"\xef\xbb\xbf").unwrap_or(prefix);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Sniffed::Empty;
    };
    let body = &body[start..];
    if body.starts_with(b"WARC/1.") {
        return Sniffed::Kind(InputKind::Warc);
    }
    if body.starts_with(b"{") {
        return Sniffed::Kind(InputKind::JsonLines);
    }
    let lower = body.to_ascii_lowercase();
    if body.starts_with(b"<") {
        match xml_root(body) {
            Some(root) if is_feed_root(root) => return Sniffed::Kind(InputKind::Feed),
            Some(root) if root.eq_ignore_ascii_case(b"html") => {
                return Sniffed::Kind(InputKind::Html)
            }
            _ => {}
        }
    }
    if is_binary(prefix) {
        return Sniffed::Binary;
    }
    let head = &lower[..lower.len().min(2048)];
    let marked = [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|m| memmem::find(if body.starts_with(b"<") { &lower } else { head }, m).is_some());
    if marked || (body.starts_with(b"<") && mostly_tags(body)) {
        return Sniffed::Kind(InputKind::Html);
    }
    Sniffed::Kind(by_name(name))
}

/// The kind an extension names, where the content only says "text".
fn by_name(name: &str) -> InputKind {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" => InputKind::Html,
        "jsonl" | "ndjson" => InputKind::JsonLines,
        "warc" => InputKind::Warc,
        "rss" | "atom" => InputKind::Feed,
        _ => InputKind::Text,
    }
}

fn is_feed_root(root: &[u8]) -> bool {
    let local = root.rsplit(|&b| b == b':').next().unwrap_or(root);
    root == b"rss" || local == b"feed" || local == b"RDF"
}

/// The name of the first element of an XML or HTML prefix, past the declaration, processing
/// instructions, comments and doctype.
fn xml_root(mut s: &[u8]) -> Option<&[u8]> {
    loop {
        s = trim_start(s);
        if s.starts_with(b"<?") {
            s = &s[memmem::find(s, b"?>")? + 2..];
        } else if s.starts_with(b"<!--") {
            s = &s[memmem::find(s, b"-->")? + 3..];
        } else if s.starts_with(b"<!") {
            s = &s[memchr::memchr(b'>', s)? + 1..];
        } else if s.starts_with(b"<") {
            let name = &s[1..];
            let end = name
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
                .unwrap_or(name.len());
            return Some(&name[..end]);
        } else {
            return None;
        }
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// NUL bytes, or more than one control byte in a hundred, mean binary data.
fn is_binary(prefix: &[u8]) -> bool {
    if memchr::memchr(0, prefix).is_some() {
        return true;
    }
    let controls = prefix
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 100 > prefix.len()
}

/// Whether a prefix that opens with `<` is mostly markup: at least a third of its bytes inside
/// tags, and some closing tag.
fn mostly_tags(s: &[u8]) -> bool {
    let mut in_tag = 0usize;
    let mut inside = false;
    for (i, &b) in s.iter().enumerate() {
        if b == b'<'
            && s.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
        {
            inside = true;
        }
        if inside {
            in_tag += 1;
        }
        if b == b'>' {
            inside = false;
        }
    }
    memmem::find(s, b"</").is_some() && in_tag * 3 >= s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(prefix: &[u8], name: &str, expect: Sniffed) {
        assert_eq!(
            classify(prefix, name),
            expect,
            "{:?}",
            String::from_utf8_lossy(prefix)
        );
    }

    #[test]
    fn content_first() {
        use InputKind::*;
        check(b"\r\nWARC/1.1\r\n", "a.txt", Sniffed::Kind(Warc));
        check(b"<rdf:RDF xmlns:rdf=\"x\">", "a", Sniffed::Kind(Feed));
        check(
            b"<?xml version='1.0'?><!-- c --><feed xmlns='a'>",
            "a",
            Sniffed::Kind(Feed),
        );
        check(b"\xef\xbb\xbf{\"a\":1}", "a", Sniffed::Kind(JsonLines));
        check(
            b"<!DOCTYPE html><title>x</title>",
            "a.txt",
            Sniffed::Kind(Html),
        );
        check(b"<?xml version='1.0'?><html>", "a", Sniffed::Kind(Html));
        check(b"<div><p>One</p><p>Two</p></div>", "a", Sniffed::Kind(Html));
        check(
            b"<3 this story. It is long enough.",
            "a",
            Sniffed::Kind(Text),
        );
        check(b"Plain words.", "a", Sniffed::Kind(Text));
        check(b"\x1f\x8b\x08", "a", Sniffed::Gzip);
    }

    #[test]
    fn name_second() {
        use InputKind::*;
        check(b"Plain words.", "a.htm", Sniffed::Kind(Html));
        check(b"Plain words.", "a.jsonl.gz", Sniffed::Kind(JsonLines));
        check(b"garbled", "crawl.warc.gz", Sniffed::Kind(Warc));
    }

    #[test]
    fn empty_and_binary() {
        check(b"", "a", Sniffed::Empty);
        check(b" \n\t ", "a", Sniffed::Empty);
        check(b"\x00\x01\x02garbage", "a.txt", Sniffed::Binary);
        check(b"\xff\xfeh\x00i\x00", "a", Sniffed::Kind(InputKind::Text));
    }
}
