//! Aggregates: actors, places, map points, the timeline and the store's totals.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::{count, count64, list};
use crate::query::{Page, Query};
use crate::rows::*;
use crate::sqlite::filter::{self, Kind};
use crate::sqlite::{DbResult, Op};

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
        "SELECT e.date AS day, e.quad, count(*), {coords}
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE {} AND e.date IS NOT NULL
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
        schema_version: crate::sqlite::schema::version(conn).op("stats")?,
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
            "SELECT max(coalesce(c.claimant_text, '(reporter)')) AS who, count(*) AS n
             FROM claims c JOIN documents d ON d.id = c.doc WHERE d.duplicate_of IS NULL
             GROUP BY lower(coalesce(c.claimant_text, '(reporter)')) ORDER BY n DESC, who",
        )
        .op("stats")?;
    s.claims_by_claimant = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, count64(r.get(1)?))))
        .op("stats")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .op("stats")?;
    Ok(s)
}
