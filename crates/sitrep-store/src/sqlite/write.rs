//! Writing: a batch of documents in one transaction.
//!
//! For each document: find it by identity (content hash and URL); leave it alone or replace its
//! reading and every derived row (`PutMode::Reprocess`); or insert it, after asking
//! [`story::judge`] whether it nearly duplicates an earlier document and which story it joins.
//! Candidates for that judgement are the documents sharing a MinHash band key, and the documents
//! published within three days that share an actor code or a place, at most [`MAX_CANDIDATES`].

use std::io::Write;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sitrep_model::Reading;

use super::{DbResult, Op};
use crate::minhash::Signature;
use crate::rows::{DocId, NewDocument, PutMode, PutOutcome, StoryId};
use crate::story::{self, Features};

/// The most documents a new one is compared with.
pub const MAX_CANDIDATES: usize = 50;

/// The document stored under this identity, if any.
pub fn find(
    conn: &Connection,
    content_hash: &str,
    url: Option<&str>,
) -> rusqlite::Result<Option<DocId>> {
    conn.prepare_cached(
        "SELECT id FROM documents WHERE content_hash = ?1 AND ifnull(url, '') = ifnull(?2, '')",
    )?
    .query_row(params![content_hash, url], |r| r.get(0))
    .optional()
}

/// Stores a batch in one transaction.
pub fn put(
    conn: &mut Connection,
    batch: Vec<NewDocument>,
    mode: PutMode,
) -> DbResult<Vec<PutOutcome>> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .op("begin")?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for doc in batch {
        let existing = find(&tx, &doc.content_hash, doc.reading.url.as_deref()).op("find")?;
        let outcome = match (existing, mode) {
            (Some(id), PutMode::Skip) => PutOutcome::Unchanged { doc: id },
            (Some(id), PutMode::Reprocess) => {
                replace(&tx, id, &doc)?;
                PutOutcome::Replaced { doc: id }
            }
            (None, _) => insert(&tx, &doc)?,
        };
        outcomes.push(outcome);
    }
    tx.commit().op("commit")?;
    Ok(outcomes)
}

/// A candidate earlier document.
struct Candidate {
    doc: DocId,
    duplicate_of: Option<DocId>,
    story: Option<StoryId>,
    features: Features,
}

fn insert(tx: &Transaction, doc: &NewDocument) -> DbResult<PutOutcome> {
    let r = &doc.reading;
    let signature = Signature::of(&r.text);
    let keys = signature.band_keys();
    let features = Features::of(r, signature);
    let candidates = candidates(tx, &features, &keys)?;
    let feats: Vec<Features> = candidates.iter().map(|c| c.features.clone()).collect();
    let verdict = story::judge(&features, &feats);
    let duplicate = verdict.duplicate_of.and_then(|(i, sim)| {
        candidates
            .get(i)
            .map(|c| (c.duplicate_of.unwrap_or(c.doc), sim))
    });
    let joined = verdict
        .join
        .and_then(|i| candidates.get(i))
        .and_then(|c| c.story);

    tx.prepare_cached(
        "INSERT INTO documents (content_hash, url, host, title, published, language, captured,
             ingested_at, reader_version, origin_input, origin_record, origin_offset, raw_gzip,
             reading, signature, features, duplicate_of, similarity, story, n_events, n_claims)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8, ?9, ?10,
             ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )
    .op("insert document")?
    .execute(params![
        doc.content_hash,
        r.url,
        r.url.as_deref().and_then(host),
        r.title,
        r.published,
        r.language,
        doc.captured,
        doc.reader_version,
        doc.origin.input,
        doc.origin.record.map(|n| n as i64),
        doc.origin.offset.map(|n| n as i64),
        doc.raw
            .as_deref()
            .map(gzip)
            .transpose()
            .op("compress raw")?,
        reading_json(r)?,
        features.signature.as_ref().map(Signature::to_bytes),
        stored_features(&features)?,
        duplicate.map(|(d, _)| d),
        duplicate.map(|(_, s)| s),
        joined,
        r.events.len() as i64,
        r.casualties.len() as i64,
    ])
    .op("insert document")?;
    let id = tx.last_insert_rowid();
    let story = match joined {
        Some(s) => s,
        None => {
            tx.prepare_cached("INSERT INTO stories (first_doc) VALUES (?1)")
                .op("insert story")?
                .execute([id])
                .op("insert story")?;
            let s = tx.last_insert_rowid();
            tx.prepare_cached("UPDATE documents SET story = ?1 WHERE id = ?2")
                .op("insert story")?
                .execute([s, id])
                .op("insert story")?;
            s
        }
    };
    insert_bands(tx, id, &keys)?;
    insert_records(tx, id, r)?;
    Ok(PutOutcome::Stored {
        doc: id,
        duplicate_of: duplicate.map(|(d, _)| d),
        story,
    })
}

/// Replaces a stored reading and every row derived from it. The document keeps its id, its
/// story and its near-duplicate link: the raw document, hence what it is a copy of, is the same.
fn replace(tx: &Transaction, id: DocId, doc: &NewDocument) -> DbResult<()> {
    let r = &doc.reading;
    let signature = Signature::of(&r.text);
    let keys = signature.band_keys();
    let features = Features::of(r, signature);
    for table in [
        "removed", "entities", "places", "events", "claims", "quotes", "bands",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))
            .op("delete derived rows")?
            .execute([id])
            .op("delete derived rows")?;
    }
    tx.prepare_cached("DELETE FROM documents_fts WHERE rowid = ?1")
        .op("delete text index")?
        .execute([id])
        .op("delete text index")?;
    tx.prepare_cached(
        "UPDATE documents SET title = ?2, published = ?3, language = ?4, captured = ?5,
             ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), reader_version = ?6,
             origin_input = ?7, origin_record = ?8, origin_offset = ?9,
             raw_gzip = coalesce(?10, raw_gzip), reading = ?11, signature = ?12, features = ?13,
             n_events = ?14, n_claims = ?15
         WHERE id = ?1",
    )
    .op("replace document")?
    .execute(params![
        id,
        r.title,
        r.published,
        r.language,
        doc.captured,
        doc.reader_version,
        doc.origin.input,
        doc.origin.record.map(|n| n as i64),
        doc.origin.offset.map(|n| n as i64),
        doc.raw
            .as_deref()
            .map(gzip)
            .transpose()
            .op("compress raw")?,
        reading_json(r)?,
        features.signature.as_ref().map(Signature::to_bytes),
        stored_features(&features)?,
        r.events.len() as i64,
        r.casualties.len() as i64,
    ])
    .op("replace document")?;
    insert_bands(tx, id, &keys)?;
    insert_records(tx, id, r)
}

/// The reading as gzip-compressed JSON: readings carry the removed boilerplate and every record,
/// and compress about fivefold.
fn reading_json(r: &Reading) -> DbResult<Vec<u8>> {
    let json = serde_json::to_vec(r).map_err(|e| crate::StoreError::Corrupt {
        table: "documents".to_string(),
        reason: format!("cannot encode reading {}: {e}", r.id),
    })?;
    gzip(&json).op("compress reading")
}

fn stored_features(f: &Features) -> DbResult<String> {
    // The features are kept beside the document, so that candidates need not be re-read whole.
    serde_json::to_string(f).map_err(|e| {
        crate::StoreError::Corrupt {
            table: "documents".to_string(),
            reason: format!("cannot encode features: {e}"),
        }
        .into()
    })
}

fn gzip(bytes: &[u8]) -> rusqlite::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes)
        .and_then(|()| enc.finish())
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// The host of a URL, lower-cased, without `www.`: what counts as one outlet.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Documents sharing one band key that are compared, the most recent first.
const PER_BAND: i64 = 8;
/// Recent index entries looked at per actor code or place, and documents kept from them.
const PER_CONTEXT_SCAN: i64 = 200;
const PER_CONTEXT: i64 = 10;

/// The earlier documents worth comparing with a new one. Every lookup reads a bounded stretch of
/// an index (band key, actor code or place, most recent documents first), so that the cost of
/// storing a document does not grow with the size of the store.
fn candidates(tx: &Transaction, f: &Features, keys: &[i64]) -> DbResult<Vec<Candidate>> {
    let mut ids: Vec<DocId> = Vec::new();
    let add = |id: DocId, ids: &mut Vec<DocId>| {
        if ids.len() < MAX_CANDIDATES && !ids.contains(&id) {
            ids.push(id);
        }
    };
    let mut stmt = tx
        .prepare_cached("SELECT doc FROM bands WHERE key = ?1 ORDER BY doc DESC LIMIT ?2")
        .op("candidates")?;
    for key in keys {
        let rows = stmt
            .query_map(params![key, PER_BAND], |r| r.get(0))
            .op("candidates")?;
        for id in rows {
            add(id.op("candidates")?, &mut ids);
        }
    }
    // Reports of the same incident in other words: documents published within three days that
    // share an actor code or a place.
    if let Some(published) = &f.published {
        let by_actor = "SELECT d.id FROM (SELECT doc FROM entities WHERE code = ?1
                            ORDER BY doc DESC LIMIT ?3) AS e
                        JOIN documents d ON d.id = e.doc
                        WHERE d.published BETWEEN date(?2, '-3 days') AND date(?2, '+3 days')
                        GROUP BY d.id ORDER BY d.id DESC LIMIT ?4";
        let by_place = "SELECT d.id FROM (SELECT doc FROM places WHERE geonames_id = ?1
                            ORDER BY doc DESC LIMIT ?3) AS p
                        JOIN documents d ON d.id = p.doc
                        WHERE d.published BETWEEN date(?2, '-3 days') AND date(?2, '+3 days')
                        GROUP BY d.id ORDER BY d.id DESC LIMIT ?4";
        let places: Vec<i64> = f.places.iter().filter_map(|p| p.parse().ok()).collect();
        let lookups = places
            .iter()
            .map(|p| (by_place, rusqlite::types::Value::Integer(*p)))
            .chain(
                f.actors
                    .iter()
                    .map(|a| (by_actor, rusqlite::types::Value::Text(a.clone()))),
            );
        for (sql, value) in lookups {
            if ids.len() >= MAX_CANDIDATES {
                break;
            }
            let mut stmt = tx.prepare_cached(sql).op("candidates")?;
            let rows = stmt
                .query_map(
                    params![value, published, PER_CONTEXT_SCAN, PER_CONTEXT],
                    |r| r.get(0),
                )
                .op("candidates")?;
            for id in rows {
                add(id.op("candidates")?, &mut ids);
            }
        }
    }
    let mut stmt = tx
        .prepare_cached(
            "SELECT signature, features, published, duplicate_of, story FROM documents WHERE id = ?1",
        )
        .op("candidates")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = stmt
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Option<Vec<u8>>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<DocId>>(3)?,
                    r.get::<_, Option<StoryId>>(4)?,
                ))
            })
            .op("candidates")?;
        let (sig, feats, published, duplicate_of, story) = row;
        // A candidate whose features no longer decode is compared on its text alone.
        let stored: Features = serde_json::from_str(&feats).unwrap_or_default();
        out.push(Candidate {
            doc: id,
            duplicate_of,
            story,
            features: Features {
                signature: sig.as_deref().and_then(Signature::from_bytes),
                published,
                ..stored
            },
        });
    }
    Ok(out)
}

fn insert_bands(tx: &Transaction, id: DocId, keys: &[i64]) -> DbResult<()> {
    let mut stmt = tx
        .prepare_cached("INSERT OR IGNORE INTO bands (key, doc) VALUES (?1, ?2)")
        .op("insert bands")?;
    for k in keys {
        stmt.execute([*k, id]).op("insert bands")?;
    }
    Ok(())
}

/// The text of a char span of `text`, given the byte offset of every char.
fn span_text<'a>(text: &'a str, bytes: &[usize], start: usize, end: usize) -> &'a str {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(text.len());
    let (s, e) = (at(start), at(end.max(start)));
    text.get(s..e).unwrap_or("")
}

fn insert_records(tx: &Transaction, id: DocId, r: &Reading) -> DbResult<()> {
    let char_bytes: Vec<usize> = r.text.char_indices().map(|(b, _)| b).collect();

    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
        .op("index text")?
        .execute(params![id, r.title.as_deref().unwrap_or(""), r.text])
        .op("index text")?;

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO removed (doc, idx, kind, language, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .op("insert removed")?;
    for (i, x) in r.removed.iter().enumerate() {
        stmt.execute(params![id, i as i64, x.kind.as_str(), x.language, x.text])
            .op("insert removed")?;
    }

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO entities (doc, idx, text, kind, country, code, start, \"end\")
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .op("insert entities")?;
    for (i, e) in r.entities.iter().enumerate() {
        let kind = serde_json::to_value(e.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        stmt.execute(params![
            id,
            i as i64,
            e.text,
            kind,
            e.country,
            e.code,
            e.start as i64,
            e.end as i64
        ])
        .op("insert entities")?;
    }

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO places (doc, idx, text, name, country, lat, lon, geonames_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .op("insert places")?;
    for (i, p) in r.places.iter().enumerate() {
        stmt.execute(params![
            id,
            i as i64,
            p.text,
            p.name,
            p.country,
            p.lat,
            p.lon,
            p.geonames_id.map(|g| g as i64)
        ])
        .op("insert places")?;
    }

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO events (doc, idx, source_text, source_country, source_code, target_text,
                 target_country, target_code, cameo, root, quad, goldstein, plover, date,
                 place_name, place_country, lat, lon, geonames_id, sentence_text, confidence,
                 event_key, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)",
        )
        .op("insert events")?;
    for (i, e) in r.events.iter().enumerate() {
        let (s, t, p) = (e.source.as_ref(), e.target.as_ref(), e.place.as_ref());
        stmt.execute(params![
            id,
            i as i64,
            s.map(|a| &a.text),
            s.and_then(|a| a.country.as_ref()),
            s.and_then(|a| a.code.as_ref()),
            t.map(|a| &a.text),
            t.and_then(|a| a.country.as_ref()),
            t.and_then(|a| a.code.as_ref()),
            e.cameo,
            e.root,
            e.quad,
            e.goldstein,
            e.plover,
            // The effective date (the event's, else the publication's), so that date filters and
            // the date order run on one indexed column.
            e.date.as_ref().or(r.published.as_ref()),
            p.map(|p| &p.name),
            p.and_then(|p| p.country.as_ref()),
            p.map(|p| p.lat),
            p.map(|p| p.lon),
            p.and_then(|p| p.geonames_id).map(|g| g as i64),
            span_text(&r.text, &char_bytes, e.sentence.start, e.sentence.end),
            e.confidence,
            story::event_key(e),
            json(e)?,
        ])
        .op("insert events")?;
    }

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO claims (doc, idx, text, count, count_max, qualifier, outcome, victims,
                 country, claimant_text, claimant_country, claimant_code, period_start,
                 period_end, place_name, place_country, lat, lon, geonames_id, part_of, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21)",
        )
        .op("insert claims")?;
    for (i, c) in r.casualties.iter().enumerate() {
        let (a, p) = (c.according_to.as_ref(), c.place.as_ref());
        stmt.execute(params![
            id,
            i as i64,
            c.text,
            c.count.map(|n| n.min(i64::MAX as u64) as i64),
            c.count_max.map(|n| n.min(i64::MAX as u64) as i64),
            c.qualifier,
            c.outcome,
            c.victims,
            c.country,
            a.map(|a| &a.text),
            a.and_then(|a| a.country.as_ref()),
            a.and_then(|a| a.code.as_ref()),
            c.period.as_ref().map(|d| &d.start),
            c.period.as_ref().map(|d| &d.end),
            p.map(|p| &p.name),
            p.and_then(|p| p.country.as_ref()),
            p.map(|p| p.lat),
            p.map(|p| p.lon),
            p.and_then(|p| p.geonames_id).map(|g| g as i64),
            c.part_of.map(|n| n as i64),
            json(c)?,
        ])
        .op("insert claims")?;
    }

    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO quotes (doc, idx, speaker_text, speaker_country, speaker_code, text,
                 start, \"end\", json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .op("insert quotes")?;
    for (i, q) in r.quotes.iter().enumerate() {
        let s = q.speaker.as_ref();
        stmt.execute(params![
            id,
            i as i64,
            s.map(|a| &a.text),
            s.and_then(|a| a.country.as_ref()),
            s.and_then(|a| a.code.as_ref()),
            q.text,
            q.start as i64,
            q.end as i64,
            json(q)?,
        ])
        .op("insert quotes")?;
    }
    Ok(())
}

/// A record kept whole as JSON beside its flattened columns.
fn json<T: Serialize>(v: &T) -> DbResult<String> {
    serde_json::to_string(v).map_err(|e| {
        crate::StoreError::Corrupt {
            table: "records".to_string(),
            reason: format!("cannot encode a record: {e}"),
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts_are_outlets() {
        assert_eq!(
            host("https://www.BBC.co.uk/news/1").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            host("http://user@example.org:8080/x").as_deref(),
            Some("example.org")
        );
        assert_eq!(host(""), None);
    }
}
