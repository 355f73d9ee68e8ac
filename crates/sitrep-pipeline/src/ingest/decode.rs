//! Decoding to Unicode: which encoding a text or HTML body is in, and its text.
//!
//! The evidence is weighed in the order browsers use: a byte order mark; the charset of the HTTP
//! `Content-Type` (from a WARC response); a `<meta charset>` or `<meta http-equiv=Content-Type>`
//! in the first few kilobytes of HTML; valid UTF-8; and last a statistical guess by `chardetng`,
//! told the top-level domain of the page's URL where there is one. Invalid bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use memchr::memmem;

/// What a container says about a body's encoding.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hints<'a> {
    /// The `charset` of an HTTP `Content-Type`, or the whole header value.
    pub content_type: Option<&'a str>,
    /// Whether the body is HTML, so that `<meta>` declarations count.
    pub html: bool,
    /// The page's URL, whose top-level domain helps the guess.
    pub url: Option<&'a str>,
}

/// How far into an HTML body a `<meta>` charset declaration is looked for.
const META_SCAN: usize = 4096;

/// Decodes `bytes` to text, by the evidence in [`Hints`] and in the bytes themselves.
pub fn decode(bytes: &[u8], hints: Hints<'_>) -> String {
    let (enc, skip) = encoding_of(bytes, hints);
    let (text, _had_errors) = enc.decode_without_bom_handling(&bytes[skip..]);
    text.into_owned()
}

/// The encoding of `bytes`, and how many bytes of byte order mark to skip.
pub fn encoding_of(bytes: &[u8], hints: Hints<'_>) -> (&'static Encoding, usize) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (enc, len);
    }
    if let Some(enc) = hints.content_type.and_then(charset_param).and_then(label) {
        return (enc, 0);
    }
    if hints.html {
        if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_SCAN)]) {
            return (enc, 0);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, 0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = hints.url.and_then(tld);
    let enc = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    (enc, 0)
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"` → `utf-8`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).trim())
    })
}

/// The encoding an HTML or HTTP label names, with the HTML rule that a declared UTF-16 in an
/// ASCII-compatible document means UTF-8, and `x-user-defined` means windows-1252.
fn label(name: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(name.trim().as_bytes())?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    if enc == encoding_rs::X_USER_DEFINED || enc == encoding_rs::REPLACEMENT {
        return Some(WINDOWS_1252);
    }
    Some(enc)
}

/// The charset declared by the first `<meta>` tag that declares one, or by the XML declaration
/// of an XHTML page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let start = lower.trim_ascii_start();
    if start.starts_with(b"<?xml") {
        let decl = &start[..memmem::find(start, b"?>").unwrap_or(start.len())];
        if let Some(enc) = declared(decl, b"encoding") {
            return Some(enc);
        }
    }
    let mut rest = &lower[..];
    while let Some(at) = memmem::find(rest, b"<meta") {
        let after = &rest[at + 5..];
        let end = memchr::memchr(b'>', after).unwrap_or(after.len());
        if let Some(enc) = declared(&after[..end], b"charset") {
            return Some(enc);
        }
        rest = &after[end..];
    }
    None
}

/// Finds `key = value` in the text of one tag (an attribute, or inside a `content` value) and
/// the encoding the value names.
fn declared(tag: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let at = memmem::find(tag, key)?;
    let rest = tag[at + key.len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    label(std::str::from_utf8(&rest[..end]).ok()?)
}

/// The top-level domain of a URL, lower-case ASCII without dots, as `chardetng` wants it.
fn tld(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let host = after_scheme.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    let ok = !tld.is_empty()
        && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !tld.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(tld)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(bytes: &[u8]) -> String {
        decode(
            bytes,
            Hints {
                html: true,
                ..Hints::default()
            },
        )
    }

    #[test]
    fn evidence_order() {
        // A BOM beats everything.
        assert_eq!(
            html(b"\xef\xbb\xbf<meta charset=koi8-r>\xc3\xa9"),
            "<meta charset=koi8-r>é"
        );
        // The HTTP charset beats the meta tag.
        let h = Hints {
            content_type: Some("text/html; charset=\"UTF-8\""),
            html: true,
            url: None,
        };
        assert_eq!(
            decode(b"<meta charset=koi8-r>\xc3\xa9", h),
            "<meta charset=koi8-r>é"
        );
        // The meta tag beats valid UTF-8.
        assert_eq!(
            html(b"<meta charset='windows-1252'>\xc3\xa9"),
            "<meta charset='windows-1252'>Ã©"
        );
        let http_equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">\xcf\xf0";
        assert!(html(http_equiv).ends_with("Пр"));
        // UTF-16 declared in an ASCII document means UTF-8.
        assert_eq!(
            html(b"<meta charset=utf-16>\xc3\xa9"),
            "<meta charset=utf-16>é"
        );
        // An XHTML page's XML declaration counts as a declaration.
        let xhtml = b"<?xml version='1.0' encoding='windows-1251'?><html>\xcf\xf0";
        assert!(html(xhtml).ends_with("Пр"));
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let h = Hints {
            content_type: Some("text/plain; charset=utf-8"),
            ..Hints::default()
        };
        assert_eq!(decode(b"a\xffb", h), "a\u{fffd}b");
    }

    #[test]
    fn charset_params_and_tlds() {
        assert_eq!(
            charset_param("text/html;charset=Shift_JIS"),
            Some("Shift_JIS")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            tld("https://user@news.example.RU:8080/a?b").as_deref(),
            Some("ru")
        );
        assert_eq!(tld("http://127.0.0.1/"), None);
        assert_eq!(tld("http://xn--p1ai/"), Some("xn--p1ai".to_string()));
    }
}
