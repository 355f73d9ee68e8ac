//! Reading: the queries of the [`crate::Store`] trait, as SQL over the flattened tables.

use postgres::Row;
use serde::de::DeserializeOwned;
use sitrep_model::{CasualtyClaim, Event, Quote, Reading, RecordRef};

use super::filter::{where_clause, Params, Scope};
use super::{db_err, Conn};
use crate::{
    story, ActorCount, ClaimRow, ClaimSource, DocId, DocumentRow, EventRow, Filter, MapPoint,
    PlaceCount, Query, QuoteRow, Result, Stats, StoreError, StoredDocument, StoryDetail,
    StoryEvent, StoryId, StoryRow, TimelinePoint, SCHEMA_VERSION,
};

/// Rows fetched at a time by [`scan`].
const SCAN_BATCH: i32 = 256;

fn json<T: DeserializeOwned>(table: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        table: table.to_string(),
        reason: e.to_string(),
    })
}

fn page(q: &Query, p: &mut Params) -> String {
    format!(
        "LIMIT {} OFFSET {}",
        p.push(i64::from(q.page.limit)),
        p.push(i64::try_from(q.page.offset).unwrap_or(i64::MAX))
    )
}

fn count(row: &Row, i: usize) -> u32 {
    u32::try_from(row.get::<_, i64>(i).max(0)).unwrap_or(u32::MAX)
}

fn count64(row: &Row, i: usize) -> u64 {
    u64::try_from(row.get::<_, i64>(i).max(0)).unwrap_or(0)
}

const DOCUMENT_COLUMNS: &str = "d.id, d.content_hash, d.origin_input, d.origin_record,
    d.origin_offset, d.captured, d.ingested_at, d.reader_version, d.duplicate_of, d.similarity,
    d.story, d.reading";

fn stored(row: &Row) -> Result<StoredDocument> {
    let reading: Reading = json("documents", row.get::<_, &str>(11))?;
    Ok(StoredDocument {
        doc: row.get(0),
        content_hash: row.get(1),
        origin: RecordRef {
            input: row.get(2),
            record: row.get::<_, Option<i64>>(3).map(|n| n as u64),
            offset: row.get::<_, Option<i64>>(4).map(|n| n as u64),
        },
        captured: row.get(5),
        ingested_at: row.get(6),
        reader_version: row.get(7),
        duplicate_of: row.get(8),
        similarity: row.get(9),
        story: row.get(10),
        reading,
    })
}

pub(super) fn document(
    conn: &mut Conn,
    target: &str,
    doc: DocId,
) -> Result<Option<StoredDocument>> {
    let row = conn
        .query_opt(
            &format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1"),
            &[&doc],
        )
        .map_err(db_err(target, "read document"))?;
    row.as_ref().map(stored).transpose()
}

const ROW_COLUMNS: &str = "d.id, d.title, d.url, d.published, d.language, d.duplicate_of,
    d.story, d.n_events::bigint, d.n_claims::bigint";

fn document_row(row: &Row) -> DocumentRow {
    DocumentRow {
        doc: row.get(0),
        title: row.get(1),
        url: row.get(2),
        published: row.get(3),
        language: row.get(4),
        duplicate_of: row.get(5),
        story: row.get(6),
        events: count(row, 7),
        claims: count(row, 8),
        snippet: row.get::<_, Option<String>>(9).unwrap_or_default(),
    }
}

/// The snippet column: the words around a text search's hits, else the start of the text.
fn snippet(f: &Filter, p: &mut Params) -> String {
    match f.text.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!(
            "ts_headline('simple', d.reading::json->>'text', websearch_to_tsquery('simple', {}),
                'MaxWords=24, MinWords=8, StartSel=[, StopSel=]')",
            p.push(t.to_string())
        ),
        None => "left(d.reading::json->>'text', 200)".to_string(),
    }
}

pub(super) fn documents(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<DocumentRow>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Documents, &mut p)?;
    let snip = snippet(&q.filter, &mut p);
    let sql = format!(
        "SELECT {ROW_COLUMNS}, {snip} FROM documents d WHERE {cond}
         ORDER BY d.published DESC NULLS LAST, d.id DESC {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query documents"))?;
    Ok(rows.iter().map(document_row).collect())
}

pub(super) fn events(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<EventRow>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Events, &mut p)?;
    let sql = format!(
        "SELECT r.doc, r.idx, d.story, d.duplicate_of, d.published, d.title, d.url,
                r.sentence_text, r.json
         FROM events r JOIN documents d ON d.id = r.doc WHERE {cond}
         ORDER BY coalesce(r.date, d.published) NULLS LAST, r.doc, r.idx {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query events"))?;
    rows.iter()
        .map(|row| {
            Ok(EventRow {
                doc: row.get(0),
                index: row.get::<_, i32>(1) as u32,
                story: row.get(2),
                duplicate_of: row.get(3),
                published: row.get(4),
                title: row.get(5),
                url: row.get(6),
                sentence_text: row.get(7),
                event: json("events", row.get::<_, &str>(8))?,
            })
        })
        .collect()
}

pub(super) fn claims(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<ClaimRow>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Claims, &mut p)?;
    let sql = format!(
        "SELECT r.doc, r.idx, d.story, d.duplicate_of, d.published, d.title, d.url, r.json
         FROM claims r JOIN documents d ON d.id = r.doc WHERE {cond}
         ORDER BY coalesce(r.date, d.published) NULLS LAST, r.doc, r.idx {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query claims"))?;
    rows.iter()
        .map(|row| {
            Ok(ClaimRow {
                doc: row.get(0),
                index: row.get::<_, i32>(1) as u32,
                story: row.get(2),
                duplicate_of: row.get(3),
                published: row.get(4),
                title: row.get(5),
                url: row.get(6),
                claim: json("claims", row.get::<_, &str>(7))?,
            })
        })
        .collect()
}

pub(super) fn quotes(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<QuoteRow>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Quotes, &mut p)?;
    let sql = format!(
        "SELECT r.doc, r.idx, d.published, r.json
         FROM quotes r JOIN documents d ON d.id = r.doc WHERE {cond}
         ORDER BY d.published DESC NULLS LAST, r.doc, r.idx {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query quotes"))?;
    rows.iter()
        .map(|row| {
            Ok(QuoteRow {
                doc: row.get(0),
                index: row.get::<_, i32>(1) as u32,
                published: row.get(2),
                quote: json::<Quote>("quotes", row.get::<_, &str>(3))?,
            })
        })
        .collect()
}

/// Story rows for the stories selected by `selection` (SQL yielding story ids), sorted largest
/// and newest first.
fn story_rows(
    conn: &mut Conn,
    target: &str,
    selection: &str,
    tail: &str,
    p: &Params,
) -> Result<Vec<StoryRow>> {
    let sql = format!(
        "WITH s AS ({selection}),
         agg AS (
             SELECT d.story AS id, count(*) AS documents, count(d.duplicate_of) AS duplicates,
                    count(DISTINCT d.host) AS outlets, min(d.published) AS first,
                    max(d.published) AS last
             FROM documents d JOIN s ON s.id = d.story GROUP BY d.story)
         SELECT agg.id,
             (SELECT x.title FROM documents x WHERE x.story = agg.id
              ORDER BY x.published NULLS LAST, x.id LIMIT 1),
             agg.first, agg.last, agg.documents, agg.duplicates, agg.outlets,
             (SELECT count(DISTINCT e.event_key) FROM events e JOIN documents x ON x.id = e.doc
              WHERE x.story = agg.id AND x.duplicate_of IS NULL),
             (SELECT count(*) FROM claims c JOIN documents x ON x.id = c.doc
              WHERE x.story = agg.id AND x.duplicate_of IS NULL),
             coalesce((SELECT array_agg(t.country ORDER BY t.n DESC, t.country) FROM (
                 SELECT pl.country, count(DISTINCT pl.doc) AS n FROM places pl
                 JOIN documents x ON x.id = pl.doc
                 WHERE x.story = agg.id AND pl.country IS NOT NULL
                 GROUP BY pl.country ORDER BY n DESC, pl.country LIMIT 5) t), ARRAY[]::text[])
         FROM agg
         ORDER BY agg.documents DESC, agg.last DESC NULLS LAST, agg.id DESC {tail}"
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query stories"))?;
    Ok(rows
        .iter()
        .map(|row| StoryRow {
            story: row.get(0),
            title: row.get(1),
            first_published: row.get(2),
            last_published: row.get(3),
            documents: count(row, 4),
            duplicates: count(row, 5),
            outlets: count(row, 6),
            events: count(row, 7),
            claims: count(row, 8),
            countries: row.get(9),
        })
        .collect())
}

pub(super) fn stories(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<StoryRow>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Documents, &mut p)?;
    let selection = format!(
        "SELECT DISTINCT d.story AS id FROM documents d WHERE d.story IS NOT NULL AND {cond}"
    );
    let tail = page(q, &mut p);
    story_rows(conn, target, &selection, &tail, &p)
}

pub(super) fn story(conn: &mut Conn, target: &str, id: StoryId) -> Result<Option<StoryDetail>> {
    let mut p = Params::default();
    let selection = format!("SELECT {}::bigint AS id", p.push(id));
    let Some(row) = story_rows(conn, target, &selection, "", &p)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let docs = conn
        .query(
            &format!(
                "SELECT {ROW_COLUMNS}, left(d.reading::json->>'text', 200) FROM documents d
                 WHERE d.story = $1 ORDER BY d.published NULLS LAST, d.id"
            ),
            &[&id],
        )
        .map_err(db_err(target, "read story documents"))?;
    let documents: Vec<DocumentRow> = docs.iter().map(document_row).collect();

    let claim_rows = conn
        .query(
            "SELECT c.doc, c.idx, d.url, d.published, c.json
             FROM claims c JOIN documents d ON d.id = c.doc
             WHERE d.story = $1 AND d.duplicate_of IS NULL
             ORDER BY d.published NULLS LAST, d.id, c.idx",
            &[&id],
        )
        .map_err(db_err(target, "read story claims"))?;
    let mut claims = Vec::with_capacity(claim_rows.len());
    for r in &claim_rows {
        let claim: CasualtyClaim = json("claims", r.get::<_, &str>(4))?;
        let source = ClaimSource {
            doc: r.get(0),
            index: r.get::<_, i32>(1) as u32,
            url: r.get(2),
            published: r.get(3),
        };
        claims.push((source, claim));
    }
    let casualties = story::reconcile(&claims);

    let event_rows = conn
        .query(
            "SELECT e.event_key, e.doc, e.json FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.story = $1 AND d.duplicate_of IS NULL
             ORDER BY d.published NULLS LAST, d.id, e.idx",
            &[&id],
        )
        .map_err(db_err(target, "read story events"))?;
    let mut events: Vec<(String, StoryEvent, Vec<DocId>)> = Vec::new();
    for r in &event_rows {
        let key: String = r.get(0);
        let doc: DocId = r.get(1);
        match events.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, e, docs)) => {
                if !docs.contains(&doc) {
                    docs.push(doc);
                    e.reports += 1;
                }
            }
            None => {
                let event: Event = json("events", r.get::<_, &str>(2))?;
                events.push((
                    key,
                    StoryEvent {
                        event,
                        doc,
                        reports: 1,
                    },
                    vec![doc],
                ));
            }
        }
    }
    Ok(Some(StoryDetail {
        story: row,
        documents,
        casualties,
        events: events.into_iter().map(|(_, e, _)| e).collect(),
    }))
}

pub(super) fn actors(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<ActorCount>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Documents, &mut p)?;
    let sql = format!(
        "WITH docs AS (SELECT d.id FROM documents d WHERE {cond}),
         ent AS (SELECT x.code, x.country, x.text, x.doc FROM entities x
                 JOIN docs ON docs.id = x.doc WHERE x.code IS NOT NULL),
         ev AS (SELECT t.code, count(*) AS n FROM (
                    SELECT e.source_code AS code FROM events e JOIN docs ON docs.id = e.doc
                    UNION ALL
                    SELECT e.target_code FROM events e JOIN docs ON docs.id = e.doc) t
                WHERE t.code IS NOT NULL GROUP BY t.code)
         SELECT ent.code, ent.country, mode() WITHIN GROUP (ORDER BY ent.text),
                count(DISTINCT ent.doc), coalesce(max(ev.n), 0)
         FROM ent LEFT JOIN ev ON ev.code = ent.code
         GROUP BY ent.code, ent.country
         ORDER BY 4 DESC, 5 DESC, ent.code {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query actors"))?;
    Ok(rows
        .iter()
        .map(|r| ActorCount {
            code: r.get(0),
            country: r.get(1),
            text: r.get(2),
            documents: count(r, 3),
            events: count(r, 4),
        })
        .collect())
}

pub(super) fn places(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<PlaceCount>> {
    let mut p = Params::default();
    let cond = where_clause(&q.filter, Scope::Documents, &mut p)?;
    let sql = format!(
        "WITH docs AS (SELECT d.id FROM documents d WHERE {cond}),
         pl AS (SELECT x.key, x.name, x.country, x.lat, x.lon, x.geonames_id, x.doc
                FROM places x JOIN docs ON docs.id = x.doc),
         ev AS (SELECT e.place_name AS name, e.place_country AS country, count(*) AS n
                FROM events e JOIN docs ON docs.id = e.doc WHERE e.place_name IS NOT NULL
                GROUP BY 1, 2),
         cl AS (SELECT c.place_name AS name, c.place_country AS country, count(*) AS n
                FROM claims c JOIN docs ON docs.id = c.doc WHERE c.place_name IS NOT NULL
                GROUP BY 1, 2),
         g AS (SELECT pl.key, min(pl.name) AS name, min(pl.country) AS country,
                      min(pl.lat) AS lat, min(pl.lon) AS lon, min(pl.geonames_id) AS geonames_id,
                      count(DISTINCT pl.doc) AS documents
               FROM pl GROUP BY pl.key)
         SELECT g.name, g.country, g.lat, g.lon, g.geonames_id, g.documents,
                coalesce(ev.n, 0), coalesce(cl.n, 0)
         FROM g
         LEFT JOIN ev ON ev.name = g.name AND ev.country IS NOT DISTINCT FROM g.country
         LEFT JOIN cl ON cl.name = g.name AND cl.country IS NOT DISTINCT FROM g.country
         ORDER BY g.documents DESC, 7 DESC, g.name {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query places"))?;
    Ok(rows
        .iter()
        .map(|r| PlaceCount {
            name: r.get(0),
            country: r.get(1),
            lat: r.get(2),
            lon: r.get(3),
            geonames_id: r.get::<_, Option<i64>>(4).map(|g| g as u64),
            documents: count(r, 5),
            events: count(r, 6),
            claims: count(r, 7),
        })
        .collect())
}

pub(super) fn map(conn: &mut Conn, target: &str, q: &Query) -> Result<Vec<MapPoint>> {
    let mut p = Params::default();
    let ev = where_clause(&q.filter, Scope::Events, &mut p)?;
    let cl = where_clause(&q.filter, Scope::Claims, &mut p)?;
    let sql = format!(
        "SELECT t.lat, t.lon, min(t.name), min(t.country), sum(t.ev)::bigint, sum(t.cl)::bigint,
                sum(t.killed)::bigint
         FROM (
             SELECT r.lat, r.lon, r.place_name AS name, r.place_country AS country,
                    1 AS ev, 0 AS cl, 0::bigint AS killed
             FROM events r JOIN documents d ON d.id = r.doc
             WHERE r.lat IS NOT NULL AND r.lon IS NOT NULL AND {ev}
             UNION ALL
             SELECT r.lat, r.lon, r.place_name, coalesce(r.place_country, r.country), 0, 1,
                    CASE WHEN r.outcome = 'killed' THEN coalesce(r.count, 0) ELSE 0 END
             FROM claims r JOIN documents d ON d.id = r.doc
             WHERE r.lat IS NOT NULL AND r.lon IS NOT NULL AND {cl}) t
         GROUP BY t.lat, t.lon
         ORDER BY 5 + 6 DESC, 7 DESC, t.lat, t.lon {}",
        page(q, &mut p)
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query map"))?;
    Ok(rows
        .iter()
        .map(|r| MapPoint {
            lat: r.get(0),
            lon: r.get(1),
            name: r.get::<_, Option<String>>(2).unwrap_or_default(),
            country: r.get(3),
            events: count(r, 4),
            claims: count(r, 5),
            killed: count64(r, 6),
        })
        .collect())
}

pub(super) fn timeline(conn: &mut Conn, target: &str, f: &Filter) -> Result<Vec<TimelinePoint>> {
    let mut p = Params::default();
    let cond = where_clause(f, Scope::Events, &mut p)?;
    let sql = format!(
        "SELECT coalesce(r.date, d.published) AS day, r.quad, count(*)
         FROM events r JOIN documents d ON d.id = r.doc
         WHERE {cond} AND coalesce(r.date, d.published) IS NOT NULL
         GROUP BY 1, 2 ORDER BY 1, 2"
    );
    let rows = conn
        .query(&sql, &p.refs())
        .map_err(db_err(target, "query timeline"))?;
    let mut out: Vec<TimelinePoint> = Vec::new();
    for r in &rows {
        let day: String = r.get(0);
        let quad: i32 = r.get(1);
        if out.last().is_none_or(|t| t.date != day) {
            out.push(TimelinePoint {
                date: day,
                quad: [0; 4],
            });
        }
        if let (Some(last), Ok(q @ 1..=4)) = (out.last_mut(), usize::try_from(quad)) {
            last.quad[q - 1] += count(r, 2);
        }
    }
    Ok(out)
}

pub(super) fn stats(conn: &mut Conn, target: &str) -> Result<Stats> {
    let err = |op| db_err(target, op);
    let row = conn
        .query_one(
            "SELECT count(*), count(duplicate_of), count(DISTINCT story),
                (SELECT count(*) FROM (SELECT story FROM documents WHERE story IS NOT NULL
                 GROUP BY story HAVING count(*) > 1) m),
                (SELECT count(*) FROM events), (SELECT count(*) FROM claims),
                (SELECT count(*) FROM quotes), (SELECT count(*) FROM entities),
                (SELECT count(*) FROM places), min(published), max(published),
                pg_database_size(current_database())
             FROM documents",
            &[],
        )
        .map_err(err("read stats"))?;
    let quads = conn
        .query(
            "SELECT e.quad, count(DISTINCT (d.story, e.event_key))
             FROM events e JOIN documents d ON d.id = e.doc
             WHERE d.duplicate_of IS NULL GROUP BY e.quad",
            &[],
        )
        .map_err(err("read stats by quad"))?;
    let mut events_by_quad = [0u64; 4];
    for r in &quads {
        if let Ok(q @ 1..=4) = usize::try_from(r.get::<_, i32>(0)) {
            events_by_quad[q - 1] = count64(r, 1);
        }
    }
    let claimants = conn
        .query(
            "SELECT coalesce(claimant_text, '(reporter)') AS who, count(*) FROM claims
             GROUP BY 1 ORDER BY 2 DESC, 1",
            &[],
        )
        .map_err(err("read stats by claimant"))?;
    Ok(Stats {
        backend: "postgres".to_string(),
        schema_version: SCHEMA_VERSION,
        documents: count64(&row, 0),
        duplicates: count64(&row, 1),
        stories: count64(&row, 2),
        multi_document_stories: count64(&row, 3),
        events: count64(&row, 4),
        events_by_quad,
        claims: count64(&row, 5),
        claims_by_claimant: claimants
            .iter()
            .map(|r| (r.get::<_, String>(0), count64(r, 1)))
            .collect(),
        quotes: count64(&row, 6),
        entities: count64(&row, 7),
        places: count64(&row, 8),
        first_published: row.get(9),
        last_published: row.get(10),
        size_bytes: row.get::<_, Option<i64>>(11).map(|n| n.max(0) as u64),
    })
}

pub(super) fn scan(
    conn: &mut Conn,
    target: &str,
    filter: &Filter,
    each: &mut dyn FnMut(StoredDocument) -> Result<()>,
) -> Result<()> {
    let mut p = Params::default();
    let cond = where_clause(filter, Scope::Documents, &mut p)?;
    let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE {cond} ORDER BY d.id");
    let mut tx = conn
        .build_transaction()
        .read_only(true)
        .start()
        .map_err(db_err(target, "begin scan"))?;
    let refs = p.refs();
    let portal = tx.bind(&sql, &refs).map_err(db_err(target, "query scan"))?;
    loop {
        let rows = tx
            .query_portal(&portal, SCAN_BATCH)
            .map_err(db_err(target, "scan documents"))?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            each(stored(row)?)?;
        }
    }
    tx.commit().map_err(db_err(target, "end scan"))
}
