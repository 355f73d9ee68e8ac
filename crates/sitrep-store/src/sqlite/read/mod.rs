//! Reading: rows for lists, whole documents, stories ([`stories`]) and totals ([`totals`]).
//!
//! Each list query joins its records to `documents d` under the `WHERE` clause of
//! [`filter::build`]. Pages are `LIMIT`/`OFFSET` in SQL, except when a `near` circle must still be
//! checked in Rust: then the rows inside the bounding box are read, kept if inside the circle, and
//! paged here.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use sitrep_model::{CasualtyClaim, Event, Quote, Reading, RecordRef};

mod stories;
mod totals;

pub use stories::{stories, story};
pub use totals::{actors, map, places, stats, timeline};

use super::filter::{self, within, Kind, Where};
use super::{DbResult, Op};
use crate::error::StoreError;
use crate::query::{Filter, Page, Query};
use crate::rows::*;

pub(super) fn decode<T: DeserializeOwned>(table: &str, json: &str) -> DbResult<T> {
    serde_json::from_str(json).map_err(|e| {
        StoreError::Corrupt {
            table: table.to_string(),
            reason: e.to_string(),
        }
        .into()
    })
}

/// Reads back gzip-compressed JSON.
pub(super) fn decode_gzip<T: DeserializeOwned>(table: &str, bytes: &[u8]) -> DbResult<T> {
    let corrupt = |reason: String| StoreError::Corrupt {
        table: table.to_string(),
        reason,
    };
    let mut json = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut json)
        .map_err(|e| corrupt(format!("cannot decompress: {e}")))?;
    serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()).into())
}

pub(super) fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

pub(super) fn count64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Runs a list query: `sql` ends with its `ORDER BY`; the page is added here or applied after
/// the circle check. `coords` gives a row's coordinates for that check.
pub(super) fn list<T>(
    conn: &Connection,
    op: &'static str,
    sql: &str,
    w: Where,
    page: Page,
    row: impl Fn(&Row) -> rusqlite::Result<T>,
    coords: impl Fn(&T) -> (Option<f64>, Option<f64>),
) -> DbResult<Vec<T>> {
    let mut params = w.params;
    let paged_in_sql = w.near.is_none();
    let sql = if paged_in_sql {
        params.push(Value::Integer(page.limit.into()));
        params.push(Value::Integer(
            i64::try_from(page.offset).unwrap_or(i64::MAX),
        ));
        format!("{sql} LIMIT ? OFFSET ?")
    } else {
        sql.to_string()
    };
    let mut stmt = conn.prepare(&sql).op(op)?;
    let rows = stmt.query_map(params_from_iter(params), row).op(op)?;
    let mut out = Vec::new();
    let mut skipped = 0u64;
    for r in rows {
        let r = r.op(op)?;
        if let Some(n) = &w.near {
            let (lat, lon) = coords(&r);
            if !within(n, lat, lon) {
                continue;
            }
            if skipped < page.offset {
                skipped += 1;
                continue;
            }
            if out.len() >= page.limit as usize {
                break;
            }
        }
        out.push(r);
    }
    Ok(out)
}

/// One document, whole.
pub fn document(conn: &Connection, doc: DocId) -> DbResult<Option<StoredDocument>> {
    let row = conn
        .prepare_cached(&format!("{DOCUMENT_COLUMNS} WHERE d.id = ?1"))
        .op("document")?
        .query_row([doc], raw_document)
        .optional()
        .op("document")?;
    row.map(RawStored::decode).transpose()
}

const DOCUMENT_COLUMNS: &str = "SELECT d.id, d.content_hash, d.origin_input, d.origin_record,
    d.origin_offset, d.captured, d.ingested_at, d.reader_version, d.duplicate_of, d.similarity,
    d.story, d.reading FROM documents d";

struct RawStored {
    doc: StoredDocument,
    /// gzip-compressed JSON.
    reading: Vec<u8>,
}

fn raw_document(r: &Row) -> rusqlite::Result<RawStored> {
    Ok(RawStored {
        doc: StoredDocument {
            doc: r.get(0)?,
            content_hash: r.get(1)?,
            origin: RecordRef {
                input: r.get(2)?,
                record: r.get::<_, Option<i64>>(3)?.map(|n| n as u64),
                offset: r.get::<_, Option<i64>>(4)?.map(|n| n as u64),
            },
            captured: r.get(5)?,
            ingested_at: r.get(6)?,
            reader_version: r.get(7)?,
            duplicate_of: r.get(8)?,
            similarity: r.get(9)?,
            story: r.get(10)?,
            reading: Reading::new(""),
        },
        reading: r.get(11)?,
    })
}

impl RawStored {
    fn decode(self) -> DbResult<StoredDocument> {
        Ok(StoredDocument {
            reading: decode_gzip("documents", &self.reading)?,
            ..self.doc
        })
    }
}

/// Every matching document, in storage order, one at a time.
pub fn scan(
    conn: &Connection,
    f: &Filter,
    each: &mut dyn FnMut(StoredDocument) -> crate::Result<()>,
) -> DbResult<()> {
    let w = filter::build(conn, f, Kind::Documents)?;
    let mut stmt = conn
        .prepare(&format!("{DOCUMENT_COLUMNS} WHERE {} ORDER BY d.id", w.sql))
        .op("scan")?;
    let mut rows = stmt.query(params_from_iter(w.params)).op("scan")?;
    while let Some(row) = rows.next().op("scan")? {
        let doc = raw_document(row).op("scan")?.decode()?;
        each(doc)?;
    }
    Ok(())
}

pub(super) const DOCUMENT_ROW: &str = "SELECT d.id, d.title, d.url, d.published, d.language,
    d.duplicate_of, d.story, d.n_events, d.n_claims,
    (SELECT substr(f.text, 1, 200) FROM documents_fts f WHERE f.rowid = d.id)
    FROM documents d";

pub(super) fn document_row(r: &Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        doc: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        published: r.get(3)?,
        language: r.get(4)?,
        duplicate_of: r.get(5)?,
        story: r.get(6)?,
        events: count(r.get(7)?),
        claims: count(r.get(8)?),
        snippet: r
            .get::<_, Option<String>>(9)?
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// Documents, newest first; with a text search, the snippet shows the words found.
pub fn documents(conn: &Connection, q: &Query) -> DbResult<Vec<DocumentRow>> {
    let w = filter::build(conn, &q.filter, Kind::Documents)?;
    let sql = format!(
        "{DOCUMENT_ROW} WHERE {} ORDER BY d.published DESC, d.id DESC",
        w.sql
    );
    let mut rows = list(conn, "documents", &sql, w, q.page, document_row, |_| {
        (None, None)
    })?;
    if let Some(t) = &q.filter.text {
        let mut stmt = conn
            .prepare_cached(
                "SELECT snippet(documents_fts, -1, '[', ']', '…', 16) FROM documents_fts
                 WHERE documents_fts MATCH ?1 AND rowid = ?2",
            )
            .op("documents")?;
        for row in &mut rows {
            if let Some(s) = stmt
                .query_row(params![t, row.doc], |r| r.get::<_, String>(0))
                .optional()
                .op("documents")?
            {
                row.snippet = s.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
    Ok(rows)
}

struct Coordinated<T> {
    row: T,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// Events by date, then document.
pub fn events(conn: &Connection, q: &Query) -> DbResult<Vec<EventRow>> {
    let w = filter::build(conn, &q.filter, Kind::Events)?;
    let sql = format!(
        "SELECT e.doc, e.idx, d.story, d.duplicate_of, d.published, d.title, d.url,
             e.sentence_text, e.json, e.lat, e.lon
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE {} ORDER BY e.date, e.doc, e.idx",
        w.sql
    );
    let rows = list(
        conn,
        "events",
        &sql,
        w,
        q.page,
        |r| {
            Ok(Coordinated {
                row: (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ),
                lat: r.get(9)?,
                lon: r.get(10)?,
            })
        },
        |c| (c.lat, c.lon),
    )?;
    rows.into_iter()
        .map(|c| {
            let (doc, idx, story, duplicate_of, published, title, url, sentence_text, json) = c.row;
            Ok(EventRow {
                doc,
                index: count(idx),
                story,
                duplicate_of,
                published,
                title,
                url,
                sentence_text,
                event: decode::<Event>("events", &json)?,
            })
        })
        .collect()
}

/// Casualty claims by date, then document.
pub fn claims(conn: &Connection, q: &Query) -> DbResult<Vec<ClaimRow>> {
    let w = filter::build(conn, &q.filter, Kind::Claims)?;
    let sql = format!(
        "SELECT c.doc, c.idx, d.story, d.duplicate_of, d.published, d.title, d.url, c.json,
             c.lat, c.lon
         FROM claims c JOIN documents d ON d.id = c.doc
         WHERE {} ORDER BY coalesce(c.period_end, d.published), c.doc, c.idx",
        w.sql
    );
    let rows = list(
        conn,
        "claims",
        &sql,
        w,
        q.page,
        |r| {
            Ok(Coordinated {
                row: (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get::<_, String>(7)?,
                ),
                lat: r.get(8)?,
                lon: r.get(9)?,
            })
        },
        |c| (c.lat, c.lon),
    )?;
    rows.into_iter()
        .map(|c| {
            let (doc, idx, story, duplicate_of, published, title, url, json) = c.row;
            Ok(ClaimRow {
                doc,
                index: count(idx),
                story,
                duplicate_of,
                published,
                title,
                url,
                claim: decode::<CasualtyClaim>("claims", &json)?,
            })
        })
        .collect()
}

/// Quotes by publication date, then document.
pub fn quotes(conn: &Connection, q: &Query) -> DbResult<Vec<QuoteRow>> {
    let w = filter::build(conn, &q.filter, Kind::Quotes)?;
    let sql = format!(
        "SELECT q.doc, q.idx, d.published, q.json
         FROM quotes q JOIN documents d ON d.id = q.doc
         WHERE {} ORDER BY d.published, q.doc, q.idx",
        w.sql
    );
    let rows = list(
        conn,
        "quotes",
        &sql,
        w,
        q.page,
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
        |_| (None, None),
    )?;
    rows.into_iter()
        .map(|(doc, idx, published, json)| {
            Ok(QuoteRow {
                doc,
                index: count(idx),
                published,
                quote: decode::<Quote>("quotes", &json)?,
            })
        })
        .collect()
}
