//! WARC files (`WARC/1.0`, `WARC/1.1`), read record by record: only `response` records that carry
//! an HTML page become documents.
//!
//! A record is a header block (`WARC/1.x`, then `Name: value` lines, then a blank line), a block of
//! `Content-Length` bytes, and `\r\n\r\n`. Records other than responses (`warcinfo`, `request`,
//! `metadata`, ...), unsuccessful responses and responses whose HTTP `Content-Type` is not HTML
//! (or, when it is missing, whose body does not look like HTML) are passed over without a word:
//! they are not documents. Blocks are streamed past without being buffered, so a record larger
//! than [`IngestConfig::max_document_bytes`] costs no memory; it is a `TooLarge` error.
//!
//! A document's `id` is the `WARC-Record-ID` without `<urn:uuid:` and `>`, its `url` the
//! `WARC-Target-URI`, and `captured` the `WARC-Date`, else the HTTP `Date` (the crawl date, not
//! the publication date: the page's own metadata wins over it).
//! Records are numbered from 1 in file order, all types counted, and their offsets are in the
//! decompressed stream. A garbled header is an error, and reading resumes at the next line that
//! starts with `WARC/1.`; a truncated record is an error that ends the input.

use std::io::{BufRead, BufReader, Read};

use sitrep_model::{Body, RawDocument, RecordRef};

use super::decode::{decode, Hints};
use super::http::Head;
use super::sniff::classify;
use super::sniff::Sniffed;
use super::source::{error_kind, read_capped, read_line_capped, skip, Source};
use super::{IngestConfig, InputKind};
use crate::datetime::normalize_date;
use crate::{Error, ErrorKind, Result};

/// The longest header line kept, and the most header bytes read, for WARC and HTTP headers.
const MAX_LINE: usize = 16 * 1024;
const MAX_HEADER: u64 = 256 * 1024;

/// The documents of a WARC input.
pub struct Warc<'a> {
    r: BufReader<Source<'a>>,
    name: String,
    limit: u64,
    offset: u64,
    n: u64,
    /// A version line found while resynchronising, with its offset: the next record's start.
    pending: Option<(Vec<u8>, u64)>,
    /// Where the record read last began.
    record_start: u64,
    done: bool,
}

/// A WARC header block.
#[derive(Default)]
struct Header {
    kind: Option<String>,
    id: Option<String>,
    uri: Option<String>,
    date: Option<String>,
    length: Option<u64>,
}

/// What became of one record.
enum Outcome {
    Document(Box<RawDocument>),
    Skipped,
}

impl<'a> Warc<'a> {
    pub fn new(name: &str, input: Source<'a>, cfg: &IngestConfig) -> Warc<'a> {
        Warc {
            r: BufReader::with_capacity(64 * 1024, input),
            name: name.to_string(),
            limit: cfg.max_document_bytes,
            offset: 0,
            n: 0,
            pending: None,
            record_start: 0,
            done: false,
        }
    }

    fn origin(&self, offset: u64) -> RecordRef {
        RecordRef::record(&self.name, self.n.max(1), Some(offset))
    }

    fn err(&self, offset: u64, kind: ErrorKind) -> Error {
        Error::new(self.origin(offset), kind)
    }

    fn line(&mut self, buf: &mut Vec<u8>) -> Result<u64> {
        let read = read_line_capped(&mut self.r, buf, MAX_LINE);
        let read = read.map_err(|e| self.err(self.offset, error_kind(e)))?;
        self.offset += read.consumed;
        Ok(read.consumed)
    }

    /// The next version line and its offset, past blank lines; `None` at the end of the input.
    fn version_line(&mut self) -> Result<Option<(Vec<u8>, u64)>> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let mut buf = Vec::new();
        loop {
            let start = self.offset;
            if self.line(&mut buf)? == 0 {
                return Ok(None);
            }
            if !buf.trim_ascii().is_empty() {
                return Ok(Some((buf, start)));
            }
        }
    }

    /// Skips to the next line that starts with `WARC/1.`, and keeps it for the next record.
    fn resync(&mut self) -> Result<()> {
        let mut buf = Vec::new();
        loop {
            let start = self.offset;
            if self.line(&mut buf)? == 0 {
                return Ok(());
            }
            if buf.starts_with(b"WARC/1.") {
                self.pending = Some((buf, start));
                return Ok(());
            }
        }
    }

    /// Reads one record; `Ok(None)` at the end of the input.
    fn record(&mut self) -> Result<Option<Outcome>> {
        let Some((version, start)) = self.version_line()? else {
            return Ok(None);
        };
        self.n += 1;
        self.record_start = start;
        if !version.starts_with(b"WARC/1.") {
            let found = String::from_utf8_lossy(&version[..version.len().min(40)])
                .trim()
                .to_string();
            self.resync()?;
            let msg = format!("garbled header: expected a WARC/1.x version line, found {found:?}");
            return Err(self.err(start, ErrorKind::Warc(msg)));
        }
        let header = match self.header(start)? {
            Ok(h) => h,
            Err(msg) => {
                self.resync()?;
                return Err(self.err(start, ErrorKind::Warc(format!("garbled header: {msg}"))));
            }
        };
        let Some(length) = header.length else {
            self.resync()?;
            let msg = "garbled header: no valid Content-Length".to_string();
            return Err(self.err(start, ErrorKind::Warc(msg)));
        };
        let block_start = self.offset;
        let mut block = (&mut self.r).take(length);
        let outcome = if header.kind.as_deref() == Some("response") {
            response(&mut block, &header, self.limit)
        } else {
            Ok(Outcome::Skipped)
        };
        // A failed read leaves the stream unusable: nothing more can be read after it.
        let outcome = match outcome {
            Err(kind @ (ErrorKind::Io(_) | ErrorKind::Gzip(_))) => {
                self.done = true;
                return Err(self.err(start, kind));
            }
            other => other,
        };
        // Whatever the block held, pass over the rest of it.
        let rest = block.limit();
        let skipped = skip(&mut block, rest).map_err(|e| self.err(start, error_kind(e)))?;
        self.offset = block_start + length - rest + skipped;
        if skipped < rest {
            self.done = true;
            let msg = format!(
                "truncated record: the block should have {length} bytes, the input ends after {}",
                length - rest + skipped
            );
            return Err(self.err(start, ErrorKind::Warc(msg)));
        }
        match outcome {
            Ok(out) => Ok(Some(out)),
            Err(kind) => Err(self.err(start, kind)),
        }
    }

    /// Reads the header fields after the version line; the inner `Err` is a garbled header.
    fn header(&mut self, start: u64) -> Result<std::result::Result<Header, String>> {
        let mut h = Header::default();
        let mut buf = Vec::new();
        loop {
            if self.line(&mut buf)? == 0 {
                self.done = true;
                let msg = "truncated record: the input ends inside its header".to_string();
                return Err(self.err(start, ErrorKind::Warc(msg)));
            }
            let line = buf.trim_ascii_end();
            if line.is_empty() {
                return Ok(Ok(h));
            }
            if self.offset - start > MAX_HEADER {
                return Ok(Err(format!("header longer than {MAX_HEADER} bytes")));
            }
            if line.starts_with(b" ") || line.starts_with(b"\t") {
                continue; // a folded continuation of a field sitrep does not read
            }
            let text = String::from_utf8_lossy(line);
            let Some((key, value)) = text.split_once(':') else {
                return Ok(Err(format!(
                    "field without a colon: {:?}",
                    truncate(&text, 40)
                )));
            };
            let value = value.trim().to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = Some(value.to_ascii_lowercase()),
                "warc-record-id" => h.id = Some(record_id(&value)),
                "warc-target-uri" => h.uri = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = normalize_date(&value),
                "content-length" => match value.parse() {
                    Ok(n) => h.length = Some(n),
                    Err(_) => {
                        return Ok(Err(format!(
                            "bad Content-Length {:?}",
                            truncate(&value, 40)
                        )))
                    }
                },
                _ => {}
            }
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// `<urn:uuid:1234>` → `1234`.
fn record_id(value: &str) -> String {
    let v = value.trim().trim_start_matches('<').trim_end_matches('>');
    v.strip_prefix("urn:uuid:").unwrap_or(v).to_string()
}

/// Reads a response block: its HTTP head, then, if it is an HTML page, its body.
fn response(
    block: &mut impl BufRead,
    header: &Header,
    limit: u64,
) -> std::result::Result<Outcome, ErrorKind> {
    let mut lines = Vec::new();
    let mut body = Vec::new();
    let mut head_bytes = 0u64;
    let mut buf = Vec::new();
    loop {
        let read = read_line_capped(block, &mut buf, MAX_LINE).map_err(error_kind)?;
        head_bytes += read.consumed;
        if read.consumed == 0 {
            break;
        }
        if lines.is_empty() && !buf.starts_with(b"HTTP/") {
            // Not an HTTP message: the whole block is the body, unless its first line was too
            // long to keep, which HTML's is not.
            if read.overflow {
                return Ok(Outcome::Skipped);
            }
            body = std::mem::take(&mut buf);
            head_bytes = 0;
            break;
        }
        let line = buf.trim_ascii_end();
        if line.is_empty() {
            break;
        }
        lines.push(line.to_vec());
        if head_bytes > MAX_HEADER {
            return Err(ErrorKind::Warc(format!(
                "http header longer than {MAX_HEADER} bytes"
            )));
        }
    }
    let head = Head::parse(&lines);
    if !head.is_success() || head.is_html() == Some(false) {
        return Ok(Outcome::Skipped);
    }
    let body_len = header.length.unwrap_or(0).saturating_sub(head_bytes);
    if body_len > limit {
        return Err(ErrorKind::TooLarge {
            size: body_len,
            limit,
        });
    }
    match read_capped(block, limit).map_err(error_kind)? {
        Ok(rest) => body.extend_from_slice(&rest),
        Err(size) => return Err(ErrorKind::TooLarge { size, limit }),
    }
    let body = head.decode_body(body, limit).map_err(ErrorKind::Warc)?;
    if head.is_html().is_none() && classify(&body, "") != Sniffed::Kind(InputKind::Html) {
        return Ok(Outcome::Skipped);
    }
    let hints = Hints {
        content_type: head.content_type.as_deref(),
        html: true,
        url: header.uri.as_deref(),
    };
    let text = decode(&body, hints);
    Ok(Outcome::Document(Box::new(RawDocument {
        origin: RecordRef::whole(""),
        id: header.id.clone().unwrap_or_default(),
        url: header.uri.clone(),
        title: None,
        published: None,
        captured: header
            .date
            .clone()
            .or_else(|| head.date.as_deref().and_then(normalize_date)),
        body: Body::Html(text),
    })))
}

impl Iterator for Warc<'_> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let start_n = self.n;
            match self.record() {
                Ok(None) => self.done = true,
                Ok(Some(Outcome::Skipped)) => {}
                Ok(Some(Outcome::Document(mut doc))) => {
                    doc.origin = RecordRef::record(&self.name, self.n, Some(self.record_start));
                    if doc.id.is_empty() {
                        doc.id = format!("{}#{}", super::file_id(&self.name), self.n);
                    }
                    return Some(Ok(*doc));
                }
                Err(e) => {
                    // An I/O failure (or gzip damage) leaves the stream unusable.
                    if matches!(e.kind, ErrorKind::Io(_) | ErrorKind::Gzip(_)) || self.n == start_n
                    {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}
