//! Readers: recognise an input and split it into [`RawDocument`]s.
//!
//! [`read`] takes any byte stream, looks through gzip, recognises the kind of input by its
//! content first and its name second, and returns an iterator of documents. Multi-record inputs
//! (JSON Lines, feeds, WARC) stream record by record, so memory stays bounded by the largest
//! record, which [`IngestConfig::max_document_bytes`] caps. A bad record yields an `Err` naming
//! the input and the record; the iterator then goes on with the next record where the format
//! allows it. Nothing here opens a file or panics on input.
//!
//! ```
//! use sitrep_pipeline::ingest::{read, IngestConfig};
//! let docs: Vec<_> = read("a.txt", &b"Title\n\nBody text."[..], &IngestConfig::default()).collect();
//! assert_eq!(docs.len(), 1);
//! ```
//!
//! The files, in the order bytes pass through them:
//! - `source`: peeking without losing bytes, gzip (multi-member), capped line reads;
//! - `sniff`: which [`InputKind`] an input is;
//! - `decode`: bytes to Unicode (BOM, HTTP charset, `<meta>`, UTF-8, detection);
//! - `single`: a text or HTML file as one document;
//! - `jsonl`: JSON Lines, a document per line;
//! - `xml`, `entities`, `feed`: RSS 2.0, RSS 1.0 and Atom, a document per item;
//! - `warc`, `http`: WARC files, a document per HTML response.
//!
//! Errors read `<input>[: record <n>][ (byte <offset>)]: <what went wrong>`, for example
//! `crawl.warc.gz: record 7 (byte 1682): truncated or corrupt gzip stream: unexpected end of
//! compressed data`.

mod decode;
mod entities;
mod feed;
mod http;
mod jsonl;
mod single;
mod sniff;
mod source;
mod warc;
mod xml;

use std::io::Read;

use sitrep_model::{RawDocument, RecordRef};

pub use decode::{charset_param, decode, Hints};
pub use sniff::sniff;

use crate::{Error, ErrorKind, Result};
use sniff::Sniffed;
use source::{error_kind, gunzip, peek, Source};

/// Limits for the readers, typed and checked once: a configuration file may set them under
/// their own names, and an unknown name is an error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// The largest document (or record, or JSON line) accepted; larger ones are a `TooLarge`
    /// error, read past without being buffered, not a crash.
    pub max_document_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_document_bytes: 32 * 1024 * 1024,
        }
    }
}

/// The kinds of input sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text: one document, its first line maybe the headline.
    Text,
    /// An HTML page: one document.
    Html,
    /// JSON Lines: a document per line.
    JsonLines,
    /// RSS 2.0, RSS 1.0 (RDF) or Atom: a document per item or entry.
    Feed,
    /// WARC: a document per `response` record with an HTML page.
    Warc,
}

/// The documents of one input, in input order.
pub type Documents<'a> = Box<dyn Iterator<Item = Result<RawDocument>> + Send + 'a>;

/// How many bytes recognition looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// How many gzip layers are looked through (`.gz` of a `.gz` is seen through too).
const GZIP_LAYERS: usize = 2;

/// Reads the input called `name` (a path, or `-`) from `input`.
///
/// Gzip is looked through, the kind recognised (see [`sniff`]), and the input split into
/// documents. An input that cannot be read at all yields a single `Err`; a multi-record input
/// yields an `Err` per bad record and goes on where the format allows it.
pub fn read<'a, R: Read + Send + 'a>(name: &str, input: R, cfg: &IngestConfig) -> Documents<'a> {
    let (kind, source) = match open(name, Box::new(input)) {
        Ok(opened) => opened,
        Err(e) => return one(Err(e)),
    };
    match kind {
        InputKind::Text | InputKind::Html => one(single::read_single(name, source, kind, cfg)),
        InputKind::JsonLines => Box::new(jsonl::JsonLines::new(name, source, cfg)),
        InputKind::Feed => Box::new(feed::Feed::new(name, source, cfg)),
        InputKind::Warc => Box::new(warc::Warc::new(name, source, cfg)),
    }
}

/// Looks through gzip and recognises the input.
fn open<'a>(name: &str, input: Source<'a>) -> Result<(InputKind, Source<'a>)> {
    let fail = |kind| Error::new(RecordRef::whole(name), kind);
    let (mut prefix, mut source) = peek(input, SNIFF_BYTES).map_err(|e| fail(error_kind(e)))?;
    let mut layers = 0;
    loop {
        match sniff::classify(&prefix, name) {
            Sniffed::Kind(kind) => return Ok((kind, source)),
            Sniffed::Empty => return Err(fail(ErrorKind::Empty)),
            Sniffed::Binary => return Err(fail(ErrorKind::Binary)),
            Sniffed::Gzip if layers >= GZIP_LAYERS => return Err(fail(ErrorKind::Binary)),
            Sniffed::Gzip => {
                layers += 1;
                (prefix, source) =
                    peek(gunzip(source), SNIFF_BYTES).map_err(|e| fail(error_kind(e)))?;
            }
        }
    }
}

fn one<'a>(item: Result<RawDocument>) -> Documents<'a> {
    Box::new(std::iter::once(item))
}

/// The id of a single-document input: the file name without its extensions
/// (`page.html.gz` → `page`).
pub fn file_id(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    // Compression suffixes first, then one format suffix: `page.html.gz` → `page`, while
    // `notes.json.html` keeps `notes.json`, since only the last format suffix says what it is.
    let mut id = base;
    while let Some(stem) = strip_ext(id, &["gz"]) {
        id = stem;
    }
    let formats = [
        "html", "htm", "xhtml", "txt", "text", "jsonl", "ndjson", "json", "xml", "rss", "atom",
        "warc",
    ];
    if let Some(stem) = strip_ext(id, &formats) {
        id = stem;
    }
    if id.is_empty() || id == "-" {
        "stdin".to_string()
    } else {
        id.to_string()
    }
}

/// `name` without its last extension when that is one of `exts` (any case) and a stem remains.
fn strip_ext<'a>(name: &'a str, exts: &[&str]) -> Option<&'a str> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && exts.iter().any(|e| ext.eq_ignore_ascii_case(e))).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_known_extensions_only() {
        assert_eq!(file_id("dir/page.html.gz"), "page");
        assert_eq!(file_id("article.txt"), "article");
        assert_eq!(file_id("a.b.c"), "a.b.c");
        assert_eq!(file_id("lemire.me.json.html"), "lemire.me.json");
        assert_eq!(file_id("crawl.warc.gz"), "crawl");
        assert_eq!(file_id("feed.XML.GZ"), "feed");
        assert_eq!(file_id("-"), "stdin");
        assert_eq!(
            file_id("Ile jest warta godzina pracy_ W tych.html.gz"),
            "Ile jest warta godzina pracy_ W tych"
        );
    }
}
