//! Reading: rows for lists, whole documents, stories and totals.
//!
//! Each list query joins its records to `documents d` under the `WHERE` clause of
//! [`filter::build`]. Pages are `LIMIT`/`OFFSET` in SQL, except when a `near` circle must still be
//! checked in Rust: then the rows inside the bounding box are read, kept if inside the circle, and
//! paged here.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use sitrep_model::{CasualtyClaim, Event, Quote, Reading, RecordRef};

use super::filter::{self, within, Kind, Where};
use super::{DbResult, Op};
use crate::error::StoreError;
use crate::query::{Filter, Page, Query};
use crate::rows::*;

fn decode<T: DeserializeOwned>(table: &str, json: &str) -> DbResult<T> {
    serde_json::from_str(json).map_err(|e| {
        StoreError::Corrupt {
            table: table.to_string(),
            reason: e.to_string(),
        }
        .into()
    })
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

fn count64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Runs a list query: `sql` ends with its `ORDER BY`; the page is added here or applied after
/// the circle check. `coords` gives a row's coordinates for that check.
fn list<T>(
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
    reading: String,
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
            reading: decode("documents", &self.reading)?,
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

const DOCUMENT_ROW: &str = "SELECT d.id, d.title, d.url, d.published, d.language,
    d.duplicate_of, d.story, d.n_events, d.n_claims,
    (SELECT substr(f.text, 1, 200) FROM documents_fts f WHERE f.rowid = d.id)
    FROM documents d";

fn document_row(r: &Row) -> rusqlite::Result<DocumentRow> {
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
         WHERE {} ORDER BY coalesce(e.date, d.published), e.doc, e.idx",
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

/// One story's row: aggregates over all of its documents.
fn story_row(conn: &Connection, story: StoryId) -> DbResult<Option<StoryRow>> {
    let head = conn
        .prepare_cached(
            "SELECT count(*), count(d.duplicate_of), count(DISTINCT d.host), min(d.published),
                 max(d.published),
                 (SELECT sum(n_claims) FROM documents WHERE story = ?1 AND duplicate_of IS NULL),
                 (SELECT title FROM documents WHERE story = ?1
                  ORDER BY published IS NULL, published, id LIMIT 1)
             FROM documents d WHERE d.story = ?1",
        )
        .op("story")?
        .query_row([story], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .op("story")?;
    let (documents, duplicates, outlets, first, last, claims, title) = head;
    if documents == 0 {
        return Ok(None);
    }
    let events: i64 = conn
        .prepare_cached(
            "SELECT count(DISTINCT e.event_key) FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.story = ?1 AND d.duplicate_of IS NULL",
        )
        .op("story")?
        .query_row([story], |r| r.get(0))
        .op("story")?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.country FROM places p JOIN documents d ON d.id = p.doc
             WHERE d.story = ?1 AND p.country IS NOT NULL
             GROUP BY p.country ORDER BY count(*) DESC, p.country LIMIT 3",
        )
        .op("story")?;
    let countries = stmt
        .query_map([story], |r| r.get::<_, String>(0))
        .op("story")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("story")?;
    Ok(Some(StoryRow {
        story,
        title,
        first_published: first,
        last_published: last,
        documents: count(documents),
        duplicates: count(duplicates),
        outlets: count(outlets),
        events: count(events),
        claims: count(claims.unwrap_or(0)),
        countries,
    }))
}

/// Stories with a matching document, largest and newest first; their figures cover every
/// document of the story.
pub fn stories(conn: &Connection, q: &Query) -> DbResult<Vec<StoryRow>> {
    let w = filter::build(conn, &q.filter, Kind::Documents)?;
    let sql = format!(
        "WITH matched AS (SELECT DISTINCT d.story AS story FROM documents d
                          WHERE {} AND d.story IS NOT NULL)
         SELECT m.story FROM matched m JOIN documents d ON d.story = m.story
         GROUP BY m.story ORDER BY count(*) DESC, max(d.published) DESC, m.story",
        w.sql
    );
    let ids = list(
        conn,
        "stories",
        &sql,
        w,
        q.page,
        |r| r.get::<_, i64>(0),
        |_| (None, None),
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = story_row(conn, id)? {
            out.push(row);
        }
    }
    Ok(out)
}

/// One story: its documents, its claims reconciled, its events counted once.
pub fn story(conn: &Connection, id: StoryId) -> DbResult<Option<StoryDetail>> {
    let Some(row) = story_row(conn, id)? else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "{DOCUMENT_ROW} WHERE d.story = ?1 ORDER BY d.published IS NULL, d.published, d.id"
        ))
        .op("story")?;
    let documents = stmt
        .query_map([id], document_row)
        .op("story")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("story")?;

    let mut stmt = conn
        .prepare_cached(
            "SELECT c.doc, c.idx, d.url, d.published, c.json FROM claims c
             JOIN documents d ON d.id = c.doc
             WHERE d.story = ?1 AND d.duplicate_of IS NULL
             ORDER BY d.published IS NULL, d.published, c.doc, c.idx",
        )
        .op("story")?;
    let raw = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .op("story")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("story")?;
    let mut claims = Vec::with_capacity(raw.len());
    for (doc, idx, url, published, json) in raw {
        let claim: CasualtyClaim = decode("claims", &json)?;
        let source = ClaimSource {
            doc,
            index: count(idx),
            url,
            published,
        };
        claims.push((source, claim));
    }
    let casualties = crate::story::reconcile(&claims);

    let mut stmt = conn
        .prepare_cached(
            "SELECT e.event_key, e.doc, e.json FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.story = ?1 AND d.duplicate_of IS NULL
             ORDER BY d.published IS NULL, d.published, e.doc, e.idx",
        )
        .op("story")?;
    let raw = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .op("story")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("story")?;
    // The first report of each event stands for it; `reports` counts the documents that carry it.
    let mut events: Vec<StoryEvent> = Vec::new();
    let mut by_key: BTreeMap<String, (usize, Vec<DocId>)> = BTreeMap::new();
    for (key, doc, json) in raw {
        match by_key.get_mut(&key) {
            Some((i, docs)) => {
                if !docs.contains(&doc) {
                    docs.push(doc);
                    events[*i].reports += 1;
                }
            }
            None => {
                by_key.insert(key, (events.len(), vec![doc]));
                events.push(StoryEvent {
                    event: decode("events", &json)?,
                    doc,
                    reports: 1,
                });
            }
        }
    }
    Ok(Some(StoryDetail {
        story: row,
        documents,
        casualties,
        events,
    }))
}

/// Actors by number of documents.
pub fn actors(conn: &Connection, q: &Query) -> DbResult<Vec<ActorCount>> {
    let w = filter::build(conn, &q.filter, Kind::Entities)?;
    let sql = format!(
        "SELECT en.code, en.country, count(DISTINCT en.doc) AS docs
         FROM entities en JOIN documents d ON d.id = en.doc
         WHERE {} AND (en.code IS NOT NULL OR en.country IS NOT NULL)
         GROUP BY en.code, en.country ORDER BY docs DESC, en.code, en.country",
        w.sql
    );
    let rows = list(
        conn,
        "actors",
        &sql,
        w,
        q.page,
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
        |_| (None, None),
    )?;
    let dups = q.filter.include_duplicates;
    let mut text_stmt = conn
        .prepare_cached(
            "SELECT text FROM entities WHERE code IS ?1 AND country IS ?2
             GROUP BY text ORDER BY count(*) DESC, text LIMIT 1",
        )
        .op("actors")?;
    let mut events_stmt = conn
        .prepare_cached(
            "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc
             WHERE (?3 OR d.duplicate_of IS NULL)
               AND ((?1 IS NOT NULL AND (e.source_code = ?1 OR e.target_code = ?1))
                 OR (?1 IS NULL AND ((e.source_code IS NULL AND e.source_country = ?2)
                                  OR (e.target_code IS NULL AND e.target_country = ?2))))",
        )
        .op("actors")?;
    let mut out = Vec::with_capacity(rows.len());
    for (code, country, docs) in rows {
        let text: String = text_stmt
            .query_row(params![code, country], |r| r.get(0))
            .optional()
            .op("actors")?
            .unwrap_or_default();
        let events: i64 = events_stmt
            .query_row(params![code, country, dups], |r| r.get(0))
            .op("actors")?;
        out.push(ActorCount {
            code,
            country,
            text,
            documents: count(docs),
            events: count(events),
        });
    }
    Ok(out)
}

/// Places by number of documents.
pub fn places(conn: &Connection, q: &Query) -> DbResult<Vec<PlaceCount>> {
    let w = filter::build(conn, &q.filter, Kind::Places)?;
    let sql = format!(
        "SELECT min(p.name), p.country, avg(p.lat), avg(p.lon), p.geonames_id,
             count(DISTINCT p.doc) AS docs
         FROM places p JOIN documents d ON d.id = p.doc
         WHERE {}
         GROUP BY ifnull(CAST(p.geonames_id AS TEXT), lower(p.name)), p.country
         ORDER BY docs DESC, min(p.name)",
        w.sql
    );
    let rows = list(
        conn,
        "places",
        &sql,
        w,
        q.page,
        |r| {
            Ok(PlaceCount {
                name: r.get(0)?,
                country: r.get(1)?,
                lat: r.get(2)?,
                lon: r.get(3)?,
                geonames_id: r.get::<_, Option<i64>>(4)?.map(|g| g as u64),
                documents: count(r.get(5)?),
                events: 0,
                claims: 0,
            })
        },
        |p| (Some(p.lat), Some(p.lon)),
    )?;
    let dups = q.filter.include_duplicates;
    let mut out = Vec::with_capacity(rows.len());
    for mut p in rows {
        for (table, field) in [("events", 0), ("claims", 1)] {
            let n: i64 = conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM {table} x JOIN documents d ON d.id = x.doc
                     WHERE (?4 OR d.duplicate_of IS NULL)
                       AND ((?1 IS NOT NULL AND x.geonames_id = ?1)
                         OR (?1 IS NULL AND x.geonames_id IS NULL AND x.place_name = ?2
                             AND x.place_country IS ?3))"
                ))
                .op("places")?
                .query_row(
                    params![p.geonames_id.map(|g| g as i64), p.name, p.country, dups],
                    |r| r.get(0),
                )
                .op("places")?;
            if field == 0 {
                p.events = count(n);
            } else {
                p.claims = count(n);
            }
        }
        out.push(p);
    }
    Ok(out)
}

/// Map points: event and claim places, aggregated by coordinates and name.
pub fn map(conn: &Connection, q: &Query) -> DbResult<Vec<MapPoint>> {
    type Key = (String, Option<String>, u64, u64);
    let mut points: BTreeMap<Key, MapPoint> = BTreeMap::new();
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    for kind in [Kind::Events, Kind::Claims] {
        let w = filter::build(conn, &q.filter, kind)?;
        let (alias, table, killed) = match kind {
            Kind::Events => ("e", "events", "0"),
            _ => (
                "c",
                "claims",
                "sum(CASE WHEN c.outcome = 'killed' THEN ifnull(c.count, 0) ELSE 0 END)",
            ),
        };
        let sql = format!(
            "SELECT {alias}.lat, {alias}.lon, {alias}.place_name, {alias}.place_country,
                 count(*), {killed}
             FROM {table} {alias} JOIN documents d ON d.id = {alias}.doc
             WHERE {} AND {alias}.lat IS NOT NULL AND {alias}.lon IS NOT NULL
             GROUP BY {alias}.lat, {alias}.lon, {alias}.place_name, {alias}.place_country
             ORDER BY 1, 2",
            w.sql
        );
        let rows = list(
            conn,
            "map",
            &sql,
            w,
            all,
            |r| {
                Ok((
                    r.get::<_, f64>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
            |r| (Some(r.0), Some(r.1)),
        )?;
        for (lat, lon, name, country, n, k) in rows {
            let key = (name.clone(), country.clone(), lat.to_bits(), lon.to_bits());
            let p = points.entry(key).or_insert_with(|| MapPoint {
                lat,
                lon,
                name,
                country,
                events: 0,
                claims: 0,
                killed: 0,
            });
            if kind == Kind::Events {
                p.events += count(n);
            } else {
                p.claims += count(n);
                p.killed += count64(k);
            }
        }
    }
    let mut out: Vec<MapPoint> = points.into_values().collect();
    out.sort_by(|a, b| {
        (b.events + b.claims)
            .cmp(&(a.events + a.claims))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out
        .into_iter()
        .skip(usize::try_from(q.page.offset).unwrap_or(usize::MAX))
        .take(q.page.limit as usize)
        .collect())
}

/// Events per day and quad class.
pub fn timeline(conn: &Connection, q: &Query) -> DbResult<Vec<TimelinePoint>> {
    let w = filter::build(conn, &q.filter, Kind::Events)?;
    // With a circle to check, rows keep their coordinates until the check.
    let coords = if w.near.is_some() {
        "e.lat, e.lon"
    } else {
        "NULL, NULL"
    };
    let sql = format!(
        "SELECT coalesce(e.date, d.published) AS day, e.quad, count(*), {coords}
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE {} AND coalesce(e.date, d.published) IS NOT NULL
         GROUP BY day, e.quad, 4, 5 ORDER BY day",
        w.sql
    );
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    let rows = list(
        conn,
        "timeline",
        &sql,
        w,
        all,
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<f64>>(4)?,
            ))
        },
        |r| (r.3, r.4),
    )?;
    let mut out: Vec<TimelinePoint> = Vec::new();
    for (date, quad, n, _, _) in rows {
        if out.last().is_none_or(|p| p.date != date) {
            out.push(TimelinePoint {
                date: date.clone(),
                quad: [0; 4],
            });
        }
        if let (Some(p), Ok(i)) = (out.last_mut(), usize::try_from(quad - 1)) {
            if let Some(slot) = p.quad.get_mut(i) {
                *slot += count(n);
            }
        }
    }
    Ok(out)
}

/// Totals. Events, claims and quotes are those of documents that are not near-duplicate copies;
/// events by quad class count each event once per story.
pub fn stats(conn: &Connection) -> DbResult<Stats> {
    let one = |sql: &str| -> DbResult<i64> { conn.query_row(sql, [], |r| r.get(0)).op("stats") };
    let mut s = Stats {
        backend: "sqlite".to_string(),
        schema_version: super::schema::version(conn).op("stats")?,
        documents: count64(one("SELECT count(*) FROM documents")?),
        duplicates: count64(one(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL",
        )?),
        stories: count64(one(
            "SELECT count(DISTINCT story) FROM documents WHERE story IS NOT NULL",
        )?),
        multi_document_stories: count64(one(
            "SELECT count(*) FROM (SELECT story FROM documents WHERE story IS NOT NULL
             GROUP BY story HAVING count(*) > 1)",
        )?),
        events: count64(one(
            "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.duplicate_of IS NULL",
        )?),
        claims: count64(one(
            "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc
             WHERE d.duplicate_of IS NULL",
        )?),
        quotes: count64(one(
            "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc
             WHERE d.duplicate_of IS NULL",
        )?),
        entities: count64(one("SELECT count(*) FROM entities")?),
        places: count64(one("SELECT count(*) FROM places")?),
        size_bytes: Some(count64(one(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        )?)),
        ..Stats::default()
    };
    let (first, last) = conn
        .query_row(
            "SELECT min(published), max(published) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .op("stats")?;
    s.first_published = first;
    s.last_published = last;

    let mut stmt = conn
        .prepare(
            "SELECT quad, count(*) FROM (
                 SELECT DISTINCT d.story, e.event_key, e.quad FROM events e
                 JOIN documents d ON d.id = e.doc WHERE d.duplicate_of IS NULL)
             GROUP BY quad",
        )
        .op("stats")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .op("stats")?;
    for row in rows {
        let (quad, n) = row.op("stats")?;
        if let Some(slot) = usize::try_from(quad - 1)
            .ok()
            .and_then(|i| s.events_by_quad.get_mut(i))
        {
            *slot = count64(n);
        }
    }

    let mut stmt = conn
        .prepare(
            "SELECT coalesce(c.claimant_text, '(reporter)') AS who, count(*) AS n
             FROM claims c JOIN documents d ON d.id = c.doc WHERE d.duplicate_of IS NULL
             GROUP BY who ORDER BY n DESC, who",
        )
        .op("stats")?;
    s.claims_by_claimant = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, count64(r.get(1)?))))
        .op("stats")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("stats")?;
    Ok(s)
}
