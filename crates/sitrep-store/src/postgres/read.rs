//! Reading: rows for lists, whole documents, stories and totals, as the SQLite backend reads
//! them (`sqlite/read.rs`), query for query.
//!
//! Each list query joins its records to `documents d` under the `WHERE` clause of
//! [`filter::build`]. Pages are `LIMIT`/`OFFSET` in SQL, except when a `near` circle must still be
//! checked in Rust: then the rows inside the bounding box are read, kept if inside the circle, and
//! paged here.

use std::collections::BTreeMap;

use postgres::Row;
use serde::de::DeserializeOwned;
use sitrep_model::{CasualtyClaim, Event, Quote, Reading, RecordRef};

use super::filter::{self, number, refs, within, Kind, Param, Where};
use super::{db_err, Conn};
use crate::error::StoreError;
use crate::query::{Filter, Page, Query};
use crate::rows::*;
use crate::{Result, SCHEMA_VERSION};

/// Rows fetched at a time by [`scan`].
const SCAN_BATCH: i32 = 256;

fn decode<T: DeserializeOwned>(table: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        table: table.to_string(),
        reason: e.to_string(),
    })
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

fn count64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Runs a list query: `sql` (with `?` placeholders) ends with its `ORDER BY`; the page is added
/// here or applied after the circle check. `coords` gives a row's coordinates for that check.
#[allow(clippy::too_many_arguments)]
fn list<T>(
    conn: &mut Conn,
    target: &str,
    op: &'static str,
    sql: &str,
    w: Where,
    page: Page,
    row: impl Fn(&Row) -> Result<T>,
    coords: impl Fn(&T) -> (Option<f64>, Option<f64>),
) -> Result<Vec<T>> {
    let mut params: Vec<Param> = w.params;
    let paged_in_sql = w.near.is_none();
    let sql = if paged_in_sql {
        params.push(Box::new(i64::from(page.limit)));
        params.push(Box::new(i64::try_from(page.offset).unwrap_or(i64::MAX)));
        format!("{sql} LIMIT ? OFFSET ?")
    } else {
        sql.to_string()
    };
    let rows = conn
        .query(&number(&sql, 1), &refs(&params))
        .map_err(db_err(target, op))?;
    let mut out = Vec::new();
    let mut skipped = 0u64;
    for r in &rows {
        let r = row(r)?;
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

const DOCUMENT_COLUMNS: &str = "SELECT d.id, d.content_hash, d.origin_input, d.origin_record,
    d.origin_offset, d.captured, d.ingested_at, d.reader_version, d.duplicate_of, d.similarity,
    d.story, d.reading FROM documents d";

fn stored(r: &Row) -> Result<StoredDocument> {
    Ok(StoredDocument {
        doc: r.get(0),
        content_hash: r.get(1),
        origin: RecordRef {
            input: r.get(2),
            record: r.get::<_, Option<i64>>(3).map(|n| n as u64),
            offset: r.get::<_, Option<i64>>(4).map(|n| n as u64),
        },
        captured: r.get(5),
        ingested_at: r.get(6),
        reader_version: r.get(7),
        duplicate_of: r.get(8),
        similarity: r.get(9),
        story: r.get(10),
        reading: decode::<Reading>("documents", r.get::<_, &str>(11))?,
    })
}

/// One document, whole.
pub(super) fn document(
    conn: &mut Conn,
    target: &str,
    doc: DocId,
) -> Result<Option<StoredDocument>> {
    let row = conn
        .query_opt(&format!("{DOCUMENT_COLUMNS} WHERE d.id = $1"), &[&doc])
        .map_err(db_err(target, "document"))?;
    row.as_ref().map(stored).transpose()
}

/// Every matching document, in storage order, a batch of rows at a time (a portal), so that
/// memory does not grow with the store.
pub(super) fn scan(
    conn: &mut Conn,
    target: &str,
    f: &Filter,
    each: &mut dyn FnMut(StoredDocument) -> Result<()>,
) -> Result<()> {
    let w = filter::build(conn, target, f, Kind::Documents)?;
    let sql = number(
        &format!("{DOCUMENT_COLUMNS} WHERE {} ORDER BY d.id", w.sql),
        1,
    );
    let mut tx = conn
        .build_transaction()
        .read_only(true)
        .start()
        .map_err(db_err(target, "scan"))?;
    let params = refs(&w.params);
    let portal = tx.bind(&sql, &params).map_err(db_err(target, "scan"))?;
    loop {
        let rows = tx
            .query_portal(&portal, SCAN_BATCH)
            .map_err(db_err(target, "scan"))?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            each(stored(row)?)?;
        }
    }
    tx.commit().map_err(db_err(target, "scan"))
}

const DOCUMENT_ROW: &str = "SELECT d.id, d.title, d.url, d.published, d.language,
    d.duplicate_of, d.story, d.n_events, d.n_claims, d.snippet FROM documents d";

fn document_row(r: &Row) -> Result<DocumentRow> {
    Ok(DocumentRow {
        doc: r.get(0),
        title: r.get(1),
        url: r.get(2),
        published: r.get(3),
        language: r.get(4),
        duplicate_of: r.get(5),
        story: r.get(6),
        events: count(r.get(7)),
        claims: count(r.get(8)),
        snippet: r.get(9),
    })
}

/// Documents, newest first; with a text search, the snippet shows the words found.
pub(super) fn documents(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<DocumentRow>> {
    let w = filter::build(conn, target, &q.filter, Kind::Documents)?;
    let sql = format!(
        "{DOCUMENT_ROW} WHERE {} ORDER BY d.published DESC NULLS LAST, d.id DESC",
        w.sql
    );
    let mut rows = list(
        conn,
        target,
        "documents",
        &sql,
        w,
        q.page,
        document_row,
        |_| (None, None),
    )?;
    if let Some(t) = &q.filter.text {
        let query = filter::fts_query(t)?;
        for row in &mut rows {
            let hit = conn
                .query_opt(
                    "SELECT ts_headline('simple', concat_ws(' ', d.title, d.reading::json->>'text'),
                         to_tsquery('simple', $1),
                         'StartSel=[, StopSel=], MaxWords=16, MinWords=8, MaxFragments=1,
                          FragmentDelimiter=…')
                     FROM documents d WHERE d.id = $2",
                    &[&query, &row.doc],
                )
                .map_err(db_err(target, "documents"))?;
            if let Some(hit) = hit {
                let s: String = hit.get(0);
                row.snippet = s.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
    Ok(rows)
}

/// Events by date, then document.
pub(super) fn events(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<EventRow>> {
    let w = filter::build(conn, target, &q.filter, Kind::Events)?;
    let sql = format!(
        "SELECT e.doc, e.idx, d.story, d.duplicate_of, d.published, d.title, d.url,
             e.sentence_text, e.json, e.lat, e.lon
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE {} ORDER BY coalesce(e.date, d.published), e.doc, e.idx",
        w.sql
    );
    let rows = list(
        conn,
        target,
        "events",
        &sql,
        w,
        q.page,
        |r| {
            Ok((
                EventRow {
                    doc: r.get(0),
                    index: count(r.get(1)),
                    story: r.get(2),
                    duplicate_of: r.get(3),
                    published: r.get(4),
                    title: r.get(5),
                    url: r.get(6),
                    sentence_text: r.get(7),
                    event: decode::<Event>("events", r.get::<_, &str>(8))?,
                },
                r.get::<_, Option<f64>>(9),
                r.get::<_, Option<f64>>(10),
            ))
        },
        |c| (c.1, c.2),
    )?;
    Ok(rows.into_iter().map(|c| c.0).collect())
}

/// Casualty claims by date, then document.
pub(super) fn claims(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<ClaimRow>> {
    let w = filter::build(conn, target, &q.filter, Kind::Claims)?;
    let sql = format!(
        "SELECT c.doc, c.idx, d.story, d.duplicate_of, d.published, d.title, d.url, c.json,
             c.lat, c.lon
         FROM claims c JOIN documents d ON d.id = c.doc
         WHERE {} ORDER BY coalesce(c.period_end, d.published), c.doc, c.idx",
        w.sql
    );
    let rows = list(
        conn,
        target,
        "claims",
        &sql,
        w,
        q.page,
        |r| {
            Ok((
                ClaimRow {
                    doc: r.get(0),
                    index: count(r.get(1)),
                    story: r.get(2),
                    duplicate_of: r.get(3),
                    published: r.get(4),
                    title: r.get(5),
                    url: r.get(6),
                    claim: decode::<CasualtyClaim>("claims", r.get::<_, &str>(7))?,
                },
                r.get::<_, Option<f64>>(8),
                r.get::<_, Option<f64>>(9),
            ))
        },
        |c| (c.1, c.2),
    )?;
    Ok(rows.into_iter().map(|c| c.0).collect())
}

/// Quotes by publication date, then document.
pub(super) fn quotes(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<QuoteRow>> {
    let w = filter::build(conn, target, &q.filter, Kind::Quotes)?;
    let sql = format!(
        "SELECT q.doc, q.idx, d.published, q.json
         FROM quotes q JOIN documents d ON d.id = q.doc
         WHERE {} ORDER BY d.published, q.doc, q.idx",
        w.sql
    );
    list(
        conn,
        target,
        "quotes",
        &sql,
        w,
        q.page,
        |r| {
            Ok(QuoteRow {
                doc: r.get(0),
                index: count(r.get(1)),
                published: r.get(2),
                quote: decode::<Quote>("quotes", r.get::<_, &str>(3))?,
            })
        },
        |_| (None, None),
    )
}

/// One story's row: aggregates over all of its documents.
fn story_row(conn: &mut Conn, target: &str, story: StoryId) -> Result<Option<StoryRow>> {
    let err = || db_err(target, "story");
    let head = conn
        .query_one(
            "SELECT count(*), count(d.duplicate_of), count(DISTINCT d.host), min(d.published),
                 max(d.published),
                 (SELECT sum(n_claims)::bigint FROM documents
                  WHERE story = $1 AND duplicate_of IS NULL),
                 (SELECT title FROM documents WHERE story = $1
                  ORDER BY published IS NULL, published, id LIMIT 1)
             FROM documents d WHERE d.story = $1",
            &[&story],
        )
        .map_err(err())?;
    let documents: i64 = head.get(0);
    if documents == 0 {
        return Ok(None);
    }
    let events: i64 = conn
        .query_one(
            "SELECT count(DISTINCT e.event_key) FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.story = $1 AND d.duplicate_of IS NULL",
            &[&story],
        )
        .map_err(err())?
        .get(0);
    let countries = conn
        .query(
            "SELECT p.country FROM places p JOIN documents d ON d.id = p.doc
             WHERE d.story = $1 AND p.country IS NOT NULL
             GROUP BY p.country ORDER BY count(*) DESC, p.country LIMIT 3",
            &[&story],
        )
        .map_err(err())?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    Ok(Some(StoryRow {
        story,
        title: head.get(6),
        first_published: head.get(3),
        last_published: head.get(4),
        documents: count(documents),
        duplicates: count(head.get(1)),
        outlets: count(head.get(2)),
        events: count(events),
        claims: count(head.get::<_, Option<i64>>(5).unwrap_or(0)),
        countries,
    }))
}

/// Stories with a matching document, largest and newest first; their figures cover every
/// document of the story.
pub(super) fn stories(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<StoryRow>> {
    let w = filter::build(conn, target, &q.filter, Kind::Documents)?;
    let sql = format!(
        "WITH matched AS (SELECT DISTINCT d.story AS story FROM documents d
                          WHERE {} AND d.story IS NOT NULL)
         SELECT m.story FROM matched m JOIN documents d ON d.story = m.story
         GROUP BY m.story ORDER BY count(*) DESC, max(d.published) DESC NULLS LAST, m.story",
        w.sql
    );
    let ids = list(
        conn,
        target,
        "stories",
        &sql,
        w,
        q.page,
        |r| Ok(r.get::<_, i64>(0)),
        |_| (None, None),
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = story_row(conn, target, id)? {
            out.push(row);
        }
    }
    Ok(out)
}

/// One story: its documents, its claims reconciled, its events counted once.
pub(super) fn story(conn: &mut Conn, target: &str, id: StoryId) -> Result<Option<StoryDetail>> {
    let Some(row) = story_row(conn, target, id)? else {
        return Ok(None);
    };
    let err = || db_err(target, "story");
    let documents = conn
        .query(
            &format!(
                "{DOCUMENT_ROW} WHERE d.story = $1 ORDER BY d.published IS NULL, d.published, d.id"
            ),
            &[&id],
        )
        .map_err(err())?
        .iter()
        .map(document_row)
        .collect::<Result<Vec<_>>>()?;

    let raw = conn
        .query(
            "SELECT c.doc, c.idx, d.url, d.published, c.json FROM claims c
             JOIN documents d ON d.id = c.doc
             WHERE d.story = $1 AND d.duplicate_of IS NULL
             ORDER BY d.published IS NULL, d.published, c.doc, c.idx",
            &[&id],
        )
        .map_err(err())?;
    let mut claims = Vec::with_capacity(raw.len());
    for r in &raw {
        let claim: CasualtyClaim = decode("claims", r.get::<_, &str>(4))?;
        let source = ClaimSource {
            doc: r.get(0),
            index: count(r.get(1)),
            url: r.get(2),
            published: r.get(3),
        };
        claims.push((source, claim));
    }
    let casualties = crate::story::reconcile(&claims);

    let raw = conn
        .query(
            "SELECT e.event_key, e.doc, e.json FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.story = $1 AND d.duplicate_of IS NULL
             ORDER BY d.published IS NULL, d.published, e.doc, e.idx",
            &[&id],
        )
        .map_err(err())?;
    // The first report of each event stands for it; `reports` counts the documents that carry it.
    let mut events: Vec<StoryEvent> = Vec::new();
    let mut by_key: BTreeMap<String, (usize, Vec<DocId>)> = BTreeMap::new();
    for r in &raw {
        let key: String = r.get(0);
        let doc: DocId = r.get(1);
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
                    event: decode("events", r.get::<_, &str>(2))?,
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
pub(super) fn actors(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<ActorCount>> {
    let w = filter::build(conn, target, &q.filter, Kind::Entities)?;
    let sql = format!(
        "SELECT en.code, en.country, count(DISTINCT en.doc) AS docs
         FROM entities en JOIN documents d ON d.id = en.doc
         WHERE {} AND (en.code IS NOT NULL OR en.country IS NOT NULL)
         GROUP BY en.code, en.country ORDER BY docs DESC, en.code, en.country",
        w.sql
    );
    let rows = list(
        conn,
        target,
        "actors",
        &sql,
        w,
        q.page,
        |r| {
            Ok((
                r.get::<_, Option<String>>(0),
                r.get::<_, Option<String>>(1),
                r.get::<_, i64>(2),
            ))
        },
        |_| (None, None),
    )?;
    let dups = q.filter.include_duplicates;
    let mut out = Vec::with_capacity(rows.len());
    for (code, country, docs) in rows {
        let text: String = conn
            .query_opt(
                "SELECT text FROM entities
                 WHERE code IS NOT DISTINCT FROM $1 AND country IS NOT DISTINCT FROM $2
                 GROUP BY text ORDER BY count(*) DESC, text LIMIT 1",
                &[&code, &country],
            )
            .map_err(db_err(target, "actors"))?
            .map(|r| r.get(0))
            .unwrap_or_default();
        let events: i64 = conn
            .query_one(
                "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc
                 WHERE ($3 OR d.duplicate_of IS NULL)
                   AND (($1::text IS NOT NULL AND (e.source_code = $1 OR e.target_code = $1))
                     OR ($1::text IS NULL AND ((e.source_code IS NULL AND e.source_country = $2)
                                      OR (e.target_code IS NULL AND e.target_country = $2))))",
                &[&code, &country, &dups],
            )
            .map_err(db_err(target, "actors"))?
            .get(0);
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
pub(super) fn places(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<PlaceCount>> {
    let w = filter::build(conn, target, &q.filter, Kind::Places)?;
    let sql = format!(
        "SELECT min(p.name), p.country, avg(p.lat), avg(p.lon), min(p.geonames_id),
             count(DISTINCT p.doc) AS docs
         FROM places p JOIN documents d ON d.id = p.doc
         WHERE {}
         GROUP BY coalesce(p.geonames_id::text, lower(p.name)), p.country
         ORDER BY docs DESC, min(p.name)",
        w.sql
    );
    let rows = list(
        conn,
        target,
        "places",
        &sql,
        w,
        q.page,
        |r| {
            Ok(PlaceCount {
                name: r.get(0),
                country: r.get(1),
                lat: r.get(2),
                lon: r.get(3),
                geonames_id: r.get::<_, Option<i64>>(4).map(|g| g as u64),
                documents: count(r.get(5)),
                events: 0,
                claims: 0,
            })
        },
        |p| (Some(p.lat), Some(p.lon)),
    )?;
    let dups = q.filter.include_duplicates;
    let mut out = Vec::with_capacity(rows.len());
    for mut p in rows {
        for table in ["events", "claims"] {
            let n: i64 = conn
                .query_one(
                    &format!(
                        "SELECT count(*) FROM {table} x JOIN documents d ON d.id = x.doc
                         WHERE ($4 OR d.duplicate_of IS NULL)
                           AND (($1::bigint IS NOT NULL AND x.geonames_id = $1)
                             OR ($1::bigint IS NULL AND x.geonames_id IS NULL
                                 AND x.place_name = $2
                                 AND x.place_country IS NOT DISTINCT FROM $3))"
                    ),
                    &[&p.geonames_id.map(|g| g as i64), &p.name, &p.country, &dups],
                )
                .map_err(db_err(target, "places"))?
                .get(0);
            if table == "events" {
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
pub(super) fn map(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<MapPoint>> {
    type Key = (String, Option<String>, u64, u64);
    let mut points: BTreeMap<Key, MapPoint> = BTreeMap::new();
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    for kind in [Kind::Events, Kind::Claims] {
        let w = filter::build(conn, target, &q.filter, kind)?;
        let (alias, table, killed) = match kind {
            Kind::Events => ("e", "events", "0::bigint"),
            _ => (
                "c",
                "claims",
                "sum(CASE WHEN c.outcome = 'killed' THEN coalesce(c.count, 0) ELSE 0 END)::bigint",
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
            target,
            "map",
            &sql,
            w,
            all,
            |r| {
                Ok((
                    r.get::<_, f64>(0),
                    r.get::<_, f64>(1),
                    r.get::<_, Option<String>>(2).unwrap_or_default(),
                    r.get::<_, Option<String>>(3),
                    r.get::<_, i64>(4),
                    r.get::<_, i64>(5),
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
pub(super) fn timeline(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<TimelinePoint>> {
    let w = filter::build(conn, target, &q.filter, Kind::Events)?;
    let coords = if w.near.is_some() {
        "e.lat, e.lon"
    } else {
        "NULL::double precision, NULL::double precision"
    };
    let sql = format!(
        "SELECT coalesce(e.date, d.published) AS day, e.quad, count(*), {coords}
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE {} AND coalesce(e.date, d.published) IS NOT NULL
         GROUP BY 1, 2, 4, 5 ORDER BY 1",
        w.sql
    );
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    let rows = list(
        conn,
        target,
        "timeline",
        &sql,
        w,
        all,
        |r| {
            Ok((
                r.get::<_, String>(0),
                r.get::<_, i64>(1),
                r.get::<_, i64>(2),
                r.get::<_, Option<f64>>(3),
                r.get::<_, Option<f64>>(4),
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
pub(super) fn stats(conn: &mut Conn, target: &str) -> Result<Stats> {
    let err = || db_err(target, "stats");
    let row = conn
        .query_one(
            "SELECT
                (SELECT count(*) FROM documents),
                (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
                (SELECT count(DISTINCT story) FROM documents WHERE story IS NOT NULL),
                (SELECT count(*) FROM (SELECT story FROM documents WHERE story IS NOT NULL
                 GROUP BY story HAVING count(*) > 1) m),
                (SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc
                 WHERE d.duplicate_of IS NULL),
                (SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc
                 WHERE d.duplicate_of IS NULL),
                (SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc
                 WHERE d.duplicate_of IS NULL),
                (SELECT count(*) FROM entities),
                (SELECT count(*) FROM places),
                (SELECT min(published) FROM documents),
                (SELECT max(published) FROM documents),
                pg_database_size(current_database())",
            &[],
        )
        .map_err(err())?;
    let mut s = Stats {
        backend: "postgres".to_string(),
        schema_version: SCHEMA_VERSION,
        documents: count64(row.get(0)),
        duplicates: count64(row.get(1)),
        stories: count64(row.get(2)),
        multi_document_stories: count64(row.get(3)),
        events: count64(row.get(4)),
        claims: count64(row.get(5)),
        quotes: count64(row.get(6)),
        entities: count64(row.get(7)),
        places: count64(row.get(8)),
        first_published: row.get(9),
        last_published: row.get(10),
        size_bytes: Some(count64(row.get(11))),
        ..Stats::default()
    };
    for r in conn
        .query(
            "SELECT quad, count(*) FROM (
                 SELECT DISTINCT d.story, e.event_key, e.quad FROM events e
                 JOIN documents d ON d.id = e.doc WHERE d.duplicate_of IS NULL) t
             GROUP BY quad",
            &[],
        )
        .map_err(err())?
    {
        let quad: i64 = r.get(0);
        if let Some(slot) = usize::try_from(quad - 1)
            .ok()
            .and_then(|i| s.events_by_quad.get_mut(i))
        {
            *slot = count64(r.get(1));
        }
    }
    s.claims_by_claimant = conn
        .query(
            "SELECT max(coalesce(c.claimant_text, '(reporter)')) AS who, count(*) AS n
             FROM claims c JOIN documents d ON d.id = c.doc WHERE d.duplicate_of IS NULL
             GROUP BY lower(coalesce(c.claimant_text, '(reporter)')) ORDER BY n DESC, who",
            &[],
        )
        .map_err(err())?
        .iter()
        .map(|r| (r.get::<_, String>(0), count64(r.get(1))))
        .collect();
    Ok(s)
}
