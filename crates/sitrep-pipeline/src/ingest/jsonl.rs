//! JSON Lines: one document per line, read as a stream so that memory stays bounded by the
//! longest line, which [`IngestConfig::max_document_bytes`] caps.
//!
//! Each line is a JSON object with any of `id`, `url`, `title`, `published`, `text` and `html`;
//! other fields are ignored. `html` makes a [`Body::Html`], else `text` a [`Body::Text`] (an
//! object with neither gives an empty text body: its title may still be worth reading).
//!
//! **Ids.** A record's own `id` (a string, or a number written as one) is used as it is. A record
//! without one gets `<file_id>#<n>`, where `n` is its 1-based line number: blank lines count, so
//! that ids do not shift when a line is added or fixed elsewhere. Errors name the same line number.

use std::io::BufReader;

use serde_json::{Map, Value};
use sitrep_model::{Body, RawDocument, RecordRef};

use super::source::{error_kind, read_line_capped, Source};
use super::{file_id, IngestConfig};
use crate::datetime::normalize_date;
use crate::{Error, ErrorKind, Result};

/// The documents of a JSON Lines input, one per non-blank line.
pub struct JsonLines<'a> {
    name: String,
    file_id: String,
    reader: BufReader<Source<'a>>,
    limit: u64,
    line: u64,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<'a> JsonLines<'a> {
    pub fn new(name: &str, input: Source<'a>, cfg: &IngestConfig) -> JsonLines<'a> {
        JsonLines {
            name: name.to_string(),
            file_id: file_id(name),
            reader: BufReader::with_capacity(64 * 1024, input),
            limit: cfg.max_document_bytes,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn origin(&self, offset: u64) -> RecordRef {
        RecordRef::record(&self.name, self.line, Some(offset))
    }

    fn record(&self, origin: RecordRef, line: &[u8]) -> Result<RawDocument> {
        let fail = |msg: String| Error::new(origin.clone(), ErrorKind::Json(msg));
        // JSON is UTF-8; a stray invalid byte costs one character (U+FFFD), not the record.
        let line = String::from_utf8_lossy(line);
        let value: Value = serde_json::from_str(&line).map_err(|e| fail(e.to_string()))?;
        let Value::Object(obj) = value else {
            return Err(fail(format!(
                "expected an object, found {}",
                kind_of(&value)
            )));
        };
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{}#{}", self.file_id, self.line),
        };
        let body = match (string(&obj, "html"), string(&obj, "text")) {
            (Some(html), _) => Body::Html(html),
            (None, Some(text)) => Body::Text(text),
            (None, None) => Body::Text(String::new()),
        };
        Ok(RawDocument {
            id,
            url: string(&obj, "url"),
            title: string(&obj, "title"),
            published: string(&obj, "published").and_then(|d| normalize_date(&d)),
            captured: None,
            body,
            origin,
        })
    }
}

fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Iterator for JsonLines<'_> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let start = self.offset;
            let cap = usize::try_from(self.limit).unwrap_or(usize::MAX);
            let mut buf = std::mem::take(&mut self.buf);
            let read = read_line_capped(&mut self.reader, &mut buf, cap);
            let read = match read {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Err(Error::new(self.origin(start), error_kind(e))));
                }
            };
            if read.consumed == 0 {
                self.done = true;
                break;
            }
            self.line += 1;
            self.offset += read.consumed;
            let origin = self.origin(start);
            if read.overflow {
                self.buf = buf;
                let kind = ErrorKind::TooLarge {
                    size: read.consumed,
                    limit: self.limit,
                };
                return Some(Err(Error::new(origin, kind)));
            }
            let mut line = &buf[..];
            if self.line == 1 {
                line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
            }
            let line = line.trim_ascii();
            if line.is_empty() {
                self.buf = buf;
                continue;
            }
            let doc = self.record(origin, line);
            self.buf = buf;
            return Some(doc);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(input: &'static [u8]) -> Vec<Result<RawDocument>> {
        JsonLines::new("in.jsonl", Box::new(input), &IngestConfig::default()).collect()
    }

    #[test]
    fn ids_fields_and_bodies() {
        let out = docs(b"{\"id\":\"a\",\"html\":\"<p>x</p>\",\"text\":\"t\",\"published\":\"March 2, 2026\"}\n\n{\"id\":7,\"title\":\"T\",\"text\":\"y\"}\n{\"text\":\"z\"}");
        let out: Vec<RawDocument> = out.into_iter().map(|d| d.unwrap()).collect();
        assert_eq!(out[0].id, "a");
        assert_eq!(out[0].body, Body::Html("<p>x</p>".into()));
        assert_eq!(out[0].published.as_deref(), Some("2026-03-02"));
        assert_eq!(out[1].id, "7");
        assert_eq!(out[1].title.as_deref(), Some("T"));
        assert_eq!(out[2].id, "in#4");
        assert_eq!(out[2].origin, RecordRef::record("in.jsonl", 4, Some(101)));
    }

    #[test]
    fn non_objects_are_errors() {
        let out = docs(b"[1]\n");
        let err = out[0].as_ref().unwrap_err().to_string();
        assert_eq!(
            err,
            "in.jsonl: record 1 (byte 0): malformed JSON: expected an object, found an array"
        );
    }
}
