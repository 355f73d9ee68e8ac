//! What the readers hand to the cleaner: one document, decoded to text, with whatever metadata its
//! container gave.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a document came from: the input as the user named it, and for multi-record inputs
/// (JSON Lines, feeds, WARC) the record within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    /// The input as the user named it (a path, or `-` for standard input).
    pub input: String,
    /// 1-based record number inside a multi-record input.
    pub record: Option<u64>,
    /// Byte offset of the record in the (decompressed) input, where known.
    pub offset: Option<u64>,
}

impl RecordRef {
    /// A whole single-document input.
    pub fn whole(input: impl Into<String>) -> RecordRef {
        RecordRef {
            input: input.into(),
            record: None,
            offset: None,
        }
    }

    /// Record `record` (1-based) of a multi-record input, found at byte `offset`.
    pub fn record(input: impl Into<String>, record: u64, offset: Option<u64>) -> RecordRef {
        RecordRef {
            input: input.into(),
            record: Some(record),
            offset,
        }
    }
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.input)?;
        if let Some(n) = self.record {
            write!(f, ": record {n}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (byte {o})")?;
        }
        Ok(())
    }
}

/// The body of a raw document, already decoded to Unicode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// An HTML page (or fragment): the cleaner finds its main text.
    Html(String),
    /// Plain text: paragraphs separated by blank lines, maybe a headline on the first line.
    Text(String),
}

impl Body {
    pub fn as_str(&self) -> &str {
        match self {
            Body::Html(s) | Body::Text(s) => s,
        }
    }
}

/// One document as a reader found it, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    pub origin: RecordRef,
    /// The record's own id, else the file name without its extensions.
    pub id: String,
    /// The URL the container gave (WARC target URI, feed item link, JSONL `url`).
    pub url: Option<String>,
    /// A title the container gave (feed item title, JSONL `title`).
    pub title: Option<String>,
    /// A publication date the container gave, normalised to `YYYY-MM-DD` (feed item dates,
    /// JSONL `published`). It wins over dates found inside the page.
    pub published: Option<String>,
    /// When the document was fetched (WARC-Date, HTTP Date), `YYYY-MM-DD`: the last resort for
    /// the publication date, after the page's own metadata.
    pub captured: Option<String>,
    pub body: Body,
}
