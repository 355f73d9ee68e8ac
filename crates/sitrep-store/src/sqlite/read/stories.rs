//! Stories: lists of clusters with their aggregates, and one story in detail (its claims
//! reconciled across claimants, its events counted once by [`crate::story::event_key`]).

use std::collections::BTreeMap;

use rusqlite::Connection;
use sitrep_model::CasualtyClaim;

use super::{count, decode, document_row, list, DOCUMENT_ROW};
use crate::query::Query;
use crate::rows::*;
use crate::sqlite::filter::{self, Kind};
use crate::sqlite::{DbResult, Op};

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
