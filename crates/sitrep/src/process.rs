//! `sitrep process`: a stateless JSON Lines filter for scale-out (Spark's `RDD.pipe`).
//!
//! Each line of standard input asks for documents:
//! - `{"path": "/abs/crawl.warc.gz"}` reads that file, every record of it, whatever its kind (the
//!   same readers as `sitrep extract`);
//! - any other object is one inline document with the JSON Lines reader's fields (`id`, `url`,
//!   `title`, `published`, `html` or `text`). It may also say where it came from, `"input"` (the
//!   file) and `"record"` (its 1-based line there): then its origin, and its id when it has none of
//!   its own (`<file id>#<record>`), are what `sitrep extract FILE` would give it.
//!
//! Each document gives one output line, in input order:
//!
//! ```json
//! {"reading": {...}, "content_hash": "<sha256 hex of the raw body>", "band_keys": [...],
//!  "minhash": "<hex of Signature::to_bytes>", "origin": {"input": ..., "record": ..., "offset": ...},
//!  "published_date": "YYYY-MM-DD" | null, "key": "<input>#<record>", "captured": ...,
//!  "reader_version": "...", "minhash_version": 1}
//! ```
//!
//! and a line or document that cannot be read gives `{"error": "...", "input": "..."}` instead:
//! the filter never stops on bad input, so that one bad record does not fail a Spark partition.
//! The output depends on the input lines and the options only (no clock, no randomness, no
//! thread timing), so the same input gives byte-identical output.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sitrep_model::{RawDocument, Reading, RecordRef};
use sitrep_pipeline::extract::Extractor;
use sitrep_pipeline::ingest::{self, file_id, IngestConfig};
use sitrep_store::minhash::{Signature, MINHASH_VERSION};

use crate::cli::ProcessArgs;
use crate::order::{ordered_map, Flow};

/// How much of a bad input line an error line echoes.
const ECHO_BYTES: usize = 4096;

/// One unit of work: a document to read, or a failure to report.
enum Item {
    Doc(RawDocument),
    Failed { error: String, input: String },
}

/// What one output line says.
enum Outcome {
    Done(Box<Processed>),
    Failed { error: String, input: String },
}

/// The output line of a document read. Field order is the output's order.
#[derive(Debug, Serialize)]
pub(crate) struct Processed {
    pub reading: Reading,
    pub content_hash: String,
    pub band_keys: Vec<i64>,
    pub minhash: String,
    pub origin: RecordRef,
    pub published_date: Option<String>,
    pub key: String,
    pub captured: Option<String>,
    pub reader_version: &'static str,
    pub minhash_version: u32,
}

#[derive(Debug, Serialize)]
struct ErrorLine<'a> {
    error: &'a str,
    input: &'a str,
}

pub fn run(args: ProcessArgs) -> Result<ExitCode> {
    let cfg = IngestConfig {
        max_document_bytes: args.max_document_bytes,
    };
    let extractor = crate::extract::build_extractor(&args.dict, args.published.clone(), false)?;
    let threads = usize::from(args.threads);
    let lines = Lines::new(
        BufReader::with_capacity(1 << 18, io::stdin()),
        args.max_document_bytes,
    );
    let items = lines.flat_map(|line| items_of(line, &cfg));

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut write_error: Option<io::Error> = None;
    let (mut read, mut failed) = (0u64, 0u64);
    ordered_map(
        items,
        threads,
        |item| match item {
            Item::Doc(raw) => match process_one(&extractor, raw) {
                Ok(p) => Outcome::Done(Box::new(p)),
                Err((error, input)) => Outcome::Failed { error, input },
            },
            Item::Failed { error, input } => Outcome::Failed { error, input },
        },
        |outcome| {
            let written = match &outcome {
                Outcome::Done(p) => {
                    read += 1;
                    write_line(&mut out, p.as_ref())
                }
                Outcome::Failed { error, input } => {
                    failed += 1;
                    write_line(&mut out, &ErrorLine { error, input })
                }
            };
            match written {
                Ok(()) => Flow::Continue,
                Err(e) => {
                    write_error = Some(e);
                    Flow::Stop
                }
            }
        },
    );
    if write_error.is_none() {
        write_error = out.flush().err();
    }
    if let Some(e) = write_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(anyhow::Error::new(e).context("cannot write to standard output"));
    }
    if !args.quiet {
        eprintln!("sitrep: {read} documents processed, {failed} failed");
    }
    // Failures are data here (error lines), not a failed run: a Spark task must not be retried
    // for a bad record.
    Ok(ExitCode::SUCCESS)
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Reads one document and computes what a store needs to place it.
pub(crate) fn process_one(
    extractor: &Extractor,
    raw: RawDocument,
) -> std::result::Result<Processed, (String, String)> {
    let content_hash = content_hash(raw.body.as_str().as_bytes());
    let origin = raw.origin.clone();
    let captured = raw.captured.clone();
    let reading =
        crate::extract::read_guarded(extractor, raw).map_err(|e| (e, origin.to_string()))?;
    let signature = Signature::of(&reading.text);
    Ok(Processed {
        content_hash,
        band_keys: signature.band_keys(),
        minhash: hex(&signature.to_bytes()),
        published_date: reading.published.clone(),
        key: doc_key(&origin, &reading.id),
        origin,
        captured,
        reader_version: env!("CARGO_PKG_VERSION"),
        minhash_version: MINHASH_VERSION,
        reading,
    })
}

/// Hex SHA-256 of a raw document body (decoded text, before cleaning): with the URL, a document's
/// identity in a store.
pub(crate) fn content_hash(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// The key of a document in a scale-out run: where it was read (`input#record`, or the input for
/// a single-document file), or its id when the input line did not say where it came from.
pub(crate) fn doc_key(origin: &RecordRef, id: &str) -> String {
    if origin.input.is_empty() {
        return format!("id:{id}");
    }
    match origin.record {
        Some(n) => format!("{}#{n}", origin.input),
        None => origin.input.clone(),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// The work one input line asks for.
fn items_of(
    line: std::result::Result<Vec<u8>, (String, String)>,
    cfg: &IngestConfig,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let line = match line {
        Ok(l) => l,
        Err((error, input)) => return one(Item::Failed { error, input }),
    };
    let text = String::from_utf8_lossy(&line).into_owned();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Box::new(std::iter::empty());
    }
    let fail = |error: String| {
        one(Item::Failed {
            error,
            input: echo(trimmed),
        })
    };
    let obj = match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return fail("expected a JSON object".to_string()),
        Err(e) => return fail(format!("not JSON: {e}")),
    };
    let has_body = obj.contains_key("html") || obj.contains_key("text");
    match obj.get("path") {
        Some(Value::String(path)) if !has_body => file_items(path.clone(), cfg),
        Some(_) if !has_body => fail("\"path\" must be a string".to_string()),
        _ => inline_item(&obj, trimmed, cfg),
    }
}

fn one(item: Item) -> Box<dyn Iterator<Item = Item> + Send> {
    Box::new(std::iter::once(item))
}

/// Every document of a file, read lazily.
fn file_items(path: String, cfg: &IngestConfig) -> Box<dyn Iterator<Item = Item> + Send> {
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            return one(Item::Failed {
                error: format!("{path}: cannot open: {e}"),
                input: path,
            })
        }
    };
    let docs = ingest::read(&path, BufReader::with_capacity(1 << 18, file), cfg);
    Box::new(docs.map(move |d| match d {
        Ok(raw) => Item::Doc(raw),
        Err(e) => Item::Failed {
            error: e.to_string(),
            input: path.clone(),
        },
    }))
}

/// One inline document, read by the JSON Lines reader so that its fields mean what they mean
/// there.
fn inline_item(
    obj: &Map<String, Value>,
    line: &str,
    cfg: &IngestConfig,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let input = match obj.get("input") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let record = obj.get("record").and_then(Value::as_u64).filter(|&n| n > 0);
    let name = input.clone().unwrap_or_default();
    // The reader is told it reads a `.jsonl` input, whatever the origin's name.
    let mut docs = ingest::read(
        "inline.jsonl",
        io::Cursor::new(line.as_bytes().to_vec()),
        cfg,
    );
    let item = match docs.next() {
        Some(Ok(mut raw)) => {
            let own_id = match obj.get("id") {
                Some(Value::String(s)) => !s.trim().is_empty(),
                Some(Value::Number(_)) => true,
                _ => false,
            };
            raw.origin = RecordRef {
                input: name.clone(),
                record,
                offset: None,
            };
            if !own_id {
                raw.id = match (&input, record) {
                    (Some(i), Some(n)) => format!("{}#{n}", file_id(i)),
                    (Some(i), None) => file_id(i),
                    _ => format!("inline#{}", &content_hash(line.as_bytes())[..16]),
                };
            }
            Item::Doc(raw)
        }
        Some(Err(e)) => Item::Failed {
            error: e.to_string(),
            input: echo(line),
        },
        None => Item::Failed {
            error: "empty document".to_string(),
            input: echo(line),
        },
    };
    one(item)
}

/// At most [`ECHO_BYTES`] of a line, cut at a character boundary.
fn echo(line: &str) -> String {
    if line.len() <= ECHO_BYTES {
        return line.to_string();
    }
    let mut end = ECHO_BYTES;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &line[..end])
}

/// Lines of standard input, each capped: a longer line is reported (and read past without
/// being kept), not buffered whole.
struct Lines<R> {
    reader: R,
    cap: u64,
    number: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R, max_document_bytes: u64) -> Lines<R> {
        Lines {
            reader,
            // Room for the JSON around the largest document accepted.
            cap: max_document_bytes.saturating_mul(2).saturating_add(4096),
            number: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = std::result::Result<Vec<u8>, (String, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        let read = (&mut self.reader)
            .take(self.cap)
            .read_until(b'\n', &mut buf);
        self.number += 1;
        let input = format!("standard input line {}", self.number);
        match read {
            Err(e) => {
                self.done = true;
                Some(Err((format!("cannot read standard input: {e}"), input)))
            }
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(n) if n as u64 >= self.cap && !buf.ends_with(b"\n") => {
                // Skip the rest of the overlong line.
                loop {
                    let chunk = match self.reader.fill_buf() {
                        Ok(c) => c,
                        Err(_) => {
                            self.done = true;
                            break;
                        }
                    };
                    if chunk.is_empty() {
                        self.done = true;
                        break;
                    }
                    match chunk.iter().position(|&b| b == b'\n') {
                        Some(i) => {
                            self.reader.consume(i + 1);
                            break;
                        }
                        None => {
                            let len = chunk.len();
                            self.reader.consume(len);
                        }
                    }
                }
                Some(Err((
                    format!("line longer than {} bytes, skipped", self.cap),
                    input,
                )))
            }
            Ok(_) => Some(Ok(buf)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_record() {
        assert_eq!(
            doc_key(&RecordRef::record("a.warc", 3, Some(9)), "x"),
            "a.warc#3"
        );
        assert_eq!(doc_key(&RecordRef::whole("p.html"), "p"), "p.html");
        assert_eq!(doc_key(&RecordRef::whole(""), "p"), "id:p");
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(
            content_hash(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn overlong_lines_are_reported_and_skipped() {
        let data = b"short\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nnext\n";
        let mut lines = Lines {
            reader: &data[..],
            cap: 10,
            number: 0,
            done: false,
        };
        assert_eq!(lines.next(), Some(Ok(b"short\n".to_vec())));
        assert!(matches!(lines.next(), Some(Err(_))));
        assert_eq!(lines.next(), Some(Ok(b"next\n".to_vec())));
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn echo_cuts_at_a_char_boundary() {
        let long = "é".repeat(ECHO_BYTES);
        let e = echo(&long);
        assert!(e.len() <= ECHO_BYTES + 3);
        assert!(e.ends_with("..."));
    }
}
