//! Writing: a batch of documents in one transaction, as the SQLite backend writes it.
//!
//! For each document: find it by identity (content hash and URL); leave it alone or replace its
//! reading and every derived row (`PutMode::Reprocess`); or insert it, after asking
//! [`story::judge`] whether it nearly duplicates an earlier document and which story it joins,
//! over the same candidates as the SQLite backend (band-key neighbours, then documents published
//! within three days sharing a place or an actor code, most recent first).
//!
//! What differs is concurrency. The insert is `ON CONFLICT DO NOTHING` on the identity index: a
//! writer that finds nothing, then races another to insert the same document, waits for the
//! other's transaction and inserts nothing; it then reads the winner's id and reports the
//! document unchanged (or replaces it under `Reprocess`). Each document is stored once whatever
//! the number of writers.

use postgres::Transaction;
use sitrep_model::Reading;

use super::{db_err, transient, Conn};
use crate::minhash::Signature;
use crate::story::{self, Features};
use crate::{DocId, NewDocument, PutMode, PutOutcome, Result, StoreError, StoryId};

/// The most documents a new one is compared with (as in SQLite).
const MAX_CANDIDATES: usize = 50;
/// Documents sharing one band key that are compared, the most recent first.
const PER_BAND: i64 = 8;
/// Recent index entries looked at per actor code or place, and documents kept from them.
const PER_CONTEXT_SCAN: i64 = 200;
const PER_CONTEXT: i64 = 10;
/// How far apart in days candidates sharing a place or an actor may be published.
const CONTEXT_DAYS: i64 = 3;

/// Why a batch failed: worth retrying (deadlock, serialization), or not.
pub(super) enum PutError {
    Transient(postgres::Error),
    Store(StoreError),
}

type PgResult<T> = std::result::Result<T, postgres::Error>;

/// Stores a batch in one transaction.
pub(super) fn put(
    conn: &mut Conn,
    target: &str,
    batch: &[NewDocument],
    mode: PutMode,
) -> std::result::Result<Vec<PutOutcome>, PutError> {
    let wrap = |op: &'static str| {
        move |e: postgres::Error| {
            if transient(&e) {
                PutError::Transient(e)
            } else {
                PutError::Store(db_err(target, op)(e))
            }
        }
    };
    let mut tx = conn.transaction().map_err(wrap("begin batch"))?;
    let mut out = Vec::with_capacity(batch.len());
    for doc in batch {
        let outcome = match find(&mut tx, &doc.content_hash, doc.reading.url.as_deref())
            .map_err(wrap("find document"))?
        {
            Some(id) => existing(&mut tx, id, doc, mode).map_err(wrap("replace document"))?,
            None => match insert(&mut tx, doc).map_err(wrap("store document"))? {
                Some(stored) => stored,
                None => {
                    // Another writer stored it between our look and our insert.
                    let id = find(&mut tx, &doc.content_hash, doc.reading.url.as_deref())
                        .map_err(wrap("find document"))?
                        .ok_or_else(|| {
                            PutError::Store(StoreError::Backend {
                                op: format!("store document ({target})"),
                                reason: "the document was neither inserted nor found".into(),
                            })
                        })?;
                    existing(&mut tx, id, doc, mode).map_err(wrap("replace document"))?
                }
            },
        };
        out.push(outcome);
    }
    tx.commit().map_err(wrap("commit batch"))?;
    Ok(out)
}

fn existing(
    tx: &mut Transaction<'_>,
    id: DocId,
    doc: &NewDocument,
    mode: PutMode,
) -> PgResult<PutOutcome> {
    Ok(match mode {
        PutMode::Skip => PutOutcome::Unchanged { doc: id },
        PutMode::Reprocess => {
            replace(tx, id, doc)?;
            PutOutcome::Replaced { doc: id }
        }
    })
}

/// The document stored under this identity, if any.
fn find(
    tx: &mut Transaction<'_>,
    content_hash: &str,
    url: Option<&str>,
) -> PgResult<Option<DocId>> {
    Ok(tx
        .query_opt(
            "SELECT id FROM documents WHERE content_hash = $1 AND coalesce(url, '') = coalesce($2, '')",
            &[&content_hash, &url],
        )?
        .map(|r| r.get(0)))
}

/// Is a document with this identity stored?
pub(super) fn contains(
    conn: &mut Conn,
    target: &str,
    content_hash: &str,
    url: Option<&str>,
) -> Result<Option<DocId>> {
    let row = conn
        .query_opt(
            "SELECT id FROM documents WHERE content_hash = $1 AND coalesce(url, '') = coalesce($2, '')",
            &[&content_hash, &url],
        )
        .map_err(db_err(target, "look up document"))?;
    Ok(row.map(|r| r.get(0)))
}

struct Candidate {
    doc: DocId,
    duplicate_of: Option<DocId>,
    story: Option<StoryId>,
    features: Features,
}

fn stored_features(f: &Features) -> String {
    serde_json::to_string(f).unwrap_or_else(|_| "{}".to_string())
}

/// The start of the text shown in document lists: 200 chars, whitespace collapsed.
fn snippet(text: &str) -> String {
    let start: String = text.chars().take(200).collect();
    start.split_whitespace().collect::<Vec<_>>().join(" ")
}

const FTS: &str =
    "setweight(to_tsvector('simple', coalesce($1, '')), 'A') || to_tsvector('simple', $2)";

/// Inserts a new document; `None` when another writer stored the same identity first.
fn insert(tx: &mut Transaction<'_>, doc: &NewDocument) -> PgResult<Option<PutOutcome>> {
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
    let row = tx.query_opt(
        &format!(
            "INSERT INTO documents (title, fts, content_hash, url, host, published, language,
                 captured, ingested_at, reader_version, origin_input, origin_record,
                 origin_offset, raw, reading, signature, features, duplicate_of, similarity,
                 story, n_events, n_claims, snippet)
             VALUES ($1, {FTS}, $3, $4, $5, $6, $7, $8,
                 to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $9, $10,
                 $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
             ON CONFLICT (content_hash, (coalesce(url, ''))) DO NOTHING
             RETURNING id"
        ),
        &[
            &r.title,
            &r.text,
            &doc.content_hash,
            &r.url,
            &r.url.as_deref().and_then(host),
            &r.published,
            &r.language,
            &doc.captured,
            &doc.reader_version,
            &doc.origin.input,
            &doc.origin.record.map(|n| n as i64),
            &doc.origin.offset.map(|n| n as i64),
            &doc.raw,
            &serde_json::to_string(r).unwrap_or_default(),
            &features.signature.as_ref().map(Signature::to_bytes),
            &stored_features(&features),
            &duplicate.map(|(d, _)| d),
            &duplicate.map(|(_, s)| s),
            &joined,
            &(r.events.len() as i64),
            &(r.casualties.len() as i64),
            &snippet(&r.text),
        ],
    )?;
    let Some(row) = row else { return Ok(None) };
    let id: DocId = row.get(0);
    let story = match joined {
        Some(s) => s,
        None => {
            let s: StoryId = tx
                .query_one(
                    "INSERT INTO stories (first_doc) VALUES ($1) RETURNING id",
                    &[&id],
                )?
                .get(0);
            tx.execute("UPDATE documents SET story = $1 WHERE id = $2", &[&s, &id])?;
            s
        }
    };
    insert_bands(tx, id, &keys)?;
    insert_records(tx, id, r)?;
    Ok(Some(PutOutcome::Stored {
        doc: id,
        duplicate_of: duplicate.map(|(d, _)| d),
        story,
    }))
}

/// Replaces a stored reading and every row derived from it; id, story and near-duplicate link
/// stay.
fn replace(tx: &mut Transaction<'_>, id: DocId, doc: &NewDocument) -> PgResult<()> {
    let r = &doc.reading;
    let signature = Signature::of(&r.text);
    let keys = signature.band_keys();
    let features = Features::of(r, signature);
    for table in [
        "removed", "entities", "places", "events", "claims", "quotes", "bands",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE doc = $1"), &[&id])?;
    }
    tx.execute(
        &format!(
            "UPDATE documents SET title = $1, fts = {FTS}, published = $4, language = $5,
                 captured = $6,
                 ingested_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                 reader_version = $7, origin_input = $8, origin_record = $9, origin_offset = $10,
                 raw = coalesce($11, raw), reading = $12, signature = $13, features = $14,
                 n_events = $15, n_claims = $16, snippet = $17
             WHERE id = $3"
        ),
        &[
            &r.title,
            &r.text,
            &id,
            &r.published,
            &r.language,
            &doc.captured,
            &doc.reader_version,
            &doc.origin.input,
            &doc.origin.record.map(|n| n as i64),
            &doc.origin.offset.map(|n| n as i64),
            &doc.raw,
            &serde_json::to_string(r).unwrap_or_default(),
            &features.signature.as_ref().map(Signature::to_bytes),
            &stored_features(&features),
            &(r.events.len() as i64),
            &(r.casualties.len() as i64),
            &snippet(&r.text),
        ],
    )?;
    insert_bands(tx, id, &keys)?;
    insert_records(tx, id, r)
}

/// The host of a URL, lower-cased, without `www.`: what counts as one outlet.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The earlier documents worth comparing with a new one, as the SQLite backend picks them.
fn candidates(tx: &mut Transaction<'_>, f: &Features, keys: &[i64]) -> PgResult<Vec<Candidate>> {
    let mut ids: Vec<DocId> = Vec::new();
    let add = |id: DocId, ids: &mut Vec<DocId>| {
        if ids.len() < MAX_CANDIDATES && !ids.contains(&id) {
            ids.push(id);
        }
    };
    let by_band = tx.prepare("SELECT doc FROM bands WHERE key = $1 ORDER BY doc DESC LIMIT $2")?;
    for key in keys {
        for row in tx.query(&by_band, &[key, &PER_BAND])? {
            add(row.get(0), &mut ids);
        }
    }
    let window = f
        .published
        .as_deref()
        .and_then(story::day_number)
        .map(|day| {
            (
                date_of_day(day - CONTEXT_DAYS),
                date_of_day(day + CONTEXT_DAYS),
            )
        });
    if let Some((lo, hi)) = window {
        let by_actor = tx.prepare(
            "SELECT d.id FROM (SELECT doc FROM entities WHERE code = $1
                               ORDER BY doc DESC LIMIT $4) AS e
             JOIN documents d ON d.id = e.doc
             WHERE d.published BETWEEN $2 AND $3
             GROUP BY d.id ORDER BY d.id DESC LIMIT $5",
        )?;
        let by_place = tx.prepare(
            "SELECT d.id FROM (SELECT doc FROM places WHERE geonames_id = $1
                               ORDER BY doc DESC LIMIT $4) AS p
             JOIN documents d ON d.id = p.doc
             WHERE d.published BETWEEN $2 AND $3
             GROUP BY d.id ORDER BY d.id DESC LIMIT $5",
        )?;
        let places: Vec<i64> = f.places.iter().filter_map(|p| p.parse().ok()).collect();
        for p in &places {
            if ids.len() >= MAX_CANDIDATES {
                break;
            }
            for row in tx.query(&by_place, &[p, &lo, &hi, &PER_CONTEXT_SCAN, &PER_CONTEXT])? {
                add(row.get(0), &mut ids);
            }
        }
        for a in &f.actors {
            if ids.len() >= MAX_CANDIDATES {
                break;
            }
            for row in tx.query(&by_actor, &[a, &lo, &hi, &PER_CONTEXT_SCAN, &PER_CONTEXT])? {
                add(row.get(0), &mut ids);
            }
        }
    }
    let mut out = Vec::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = tx.query(
        "SELECT id, signature, features, published, duplicate_of, story FROM documents
         WHERE id = ANY($1)",
        &[&ids],
    )?;
    for id in ids {
        let Some(row) = rows.iter().find(|r| r.get::<_, DocId>(0) == id) else {
            continue;
        };
        let sig: Option<Vec<u8>> = row.get(1);
        let feats: String = row.get(2);
        // A candidate whose features no longer decode is compared on its text alone.
        let stored: Features = serde_json::from_str(&feats).unwrap_or_default();
        out.push(Candidate {
            doc: id,
            duplicate_of: row.get(4),
            story: row.get(5),
            features: Features {
                signature: sig.as_deref().and_then(Signature::from_bytes),
                published: row.get(3),
                ..stored
            },
        });
    }
    Ok(out)
}

fn insert_bands(tx: &mut Transaction<'_>, id: DocId, keys: &[i64]) -> PgResult<()> {
    if !keys.is_empty() {
        tx.execute(
            "INSERT INTO bands (key, doc) SELECT DISTINCT k, $1::bigint FROM unnest($2::bigint[]) k
             ON CONFLICT DO NOTHING",
            &[&id, &keys],
        )?;
    }
    Ok(())
}

/// The text of a char span of `text`, given the byte offset of every char.
fn span_text<'a>(text: &'a str, bytes: &[usize], start: usize, end: usize) -> &'a str {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(text.len());
    let (s, e) = (at(start), at(end.max(start)));
    text.get(s..e).unwrap_or("")
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn big(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn insert_records(tx: &mut Transaction<'_>, id: DocId, r: &Reading) -> PgResult<()> {
    let char_bytes: Vec<usize> = r.text.char_indices().map(|(b, _)| b).collect();
    let idx = |i: usize| i as i64;

    if !r.removed.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO removed (doc, idx, kind, language, text) VALUES ($1, $2, $3, $4, $5)",
        )?;
        for (i, x) in r.removed.iter().enumerate() {
            tx.execute(
                &stmt,
                &[&id, &idx(i), &x.kind.as_str(), &x.language, &x.text],
            )?;
        }
    }
    if !r.entities.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO entities (doc, idx, text, kind, country, code, start, \"end\")
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )?;
        for (i, e) in r.entities.iter().enumerate() {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tx.execute(
                &stmt,
                &[
                    &id,
                    &idx(i),
                    &e.text,
                    &kind,
                    &e.country,
                    &e.code,
                    &(e.start as i64),
                    &(e.end as i64),
                ],
            )?;
        }
    }
    if !r.places.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO places (doc, idx, text, name, country, lat, lon, geonames_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )?;
        for (i, p) in r.places.iter().enumerate() {
            tx.execute(
                &stmt,
                &[
                    &id,
                    &idx(i),
                    &p.text,
                    &p.name,
                    &p.country,
                    &p.lat,
                    &p.lon,
                    &p.geonames_id.map(big),
                ],
            )?;
        }
    }
    if !r.events.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO events (doc, idx, source_text, source_country, source_code, target_text,
                 target_country, target_code, cameo, root, quad, goldstein, plover, date,
                 place_name, place_country, lat, lon, geonames_id, sentence_text, confidence,
                 event_key, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19, $20, $21, $22, $23)",
        )?;
        for (i, e) in r.events.iter().enumerate() {
            let (s, t, p) = (e.source.as_ref(), e.target.as_ref(), e.place.as_ref());
            tx.execute(
                &stmt,
                &[
                    &id,
                    &idx(i),
                    &s.map(|a| a.text.as_str()),
                    &s.and_then(|a| a.country.as_deref()),
                    &s.and_then(|a| a.code.as_deref()),
                    &t.map(|a| a.text.as_str()),
                    &t.and_then(|a| a.country.as_deref()),
                    &t.and_then(|a| a.code.as_deref()),
                    &e.cameo,
                    &e.root,
                    &i64::from(e.quad),
                    &e.goldstein,
                    &e.plover,
                    &e.date,
                    &p.map(|p| p.name.as_str()),
                    &p.and_then(|p| p.country.as_deref()),
                    &p.map(|p| p.lat),
                    &p.map(|p| p.lon),
                    &p.and_then(|p| p.geonames_id).map(big),
                    &span_text(&r.text, &char_bytes, e.sentence.start, e.sentence.end),
                    &e.confidence,
                    &story::event_key(e),
                    &json(e),
                ],
            )?;
        }
    }
    if !r.casualties.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO claims (doc, idx, text, count, count_max, qualifier, outcome, victims,
                 country, claimant_text, claimant_country, claimant_code, period_start,
                 period_end, place_name, place_country, lat, lon, geonames_id, part_of, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19, $20, $21)",
        )?;
        for (i, c) in r.casualties.iter().enumerate() {
            let (a, p) = (c.according_to.as_ref(), c.place.as_ref());
            tx.execute(
                &stmt,
                &[
                    &id,
                    &idx(i),
                    &c.text,
                    &c.count.map(big),
                    &c.count_max.map(big),
                    &c.qualifier,
                    &c.outcome,
                    &c.victims,
                    &c.country,
                    &a.map(|a| a.text.as_str()),
                    &a.and_then(|a| a.country.as_deref()),
                    &a.and_then(|a| a.code.as_deref()),
                    &c.period.as_ref().map(|d| d.start.as_str()),
                    &c.period.as_ref().map(|d| d.end.as_str()),
                    &p.map(|p| p.name.as_str()),
                    &p.and_then(|p| p.country.as_deref()),
                    &p.map(|p| p.lat),
                    &p.map(|p| p.lon),
                    &p.and_then(|p| p.geonames_id).map(big),
                    &c.part_of.map(|n| n as i64),
                    &json(c),
                ],
            )?;
        }
    }
    if !r.quotes.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO quotes (doc, idx, speaker_text, speaker_country, speaker_code, text,
                 start, \"end\", json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )?;
        for (i, q) in r.quotes.iter().enumerate() {
            let s = q.speaker.as_ref();
            tx.execute(
                &stmt,
                &[
                    &id,
                    &idx(i),
                    &s.map(|a| a.text.as_str()),
                    &s.and_then(|a| a.country.as_deref()),
                    &s.and_then(|a| a.code.as_deref()),
                    &q.text,
                    &(q.start as i64),
                    &(q.end as i64),
                    &json(q),
                ],
            )?;
        }
    }
    Ok(())
}

/// The `YYYY-MM-DD` date of a day number (days since 1970-01-01, as [`story::day_number`]).
fn date_of_day(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for d in [
            "1970-01-01",
            "2026-03-01",
            "2024-02-29",
            "2000-12-31",
            "1999-01-01",
        ] {
            let n = story::day_number(d).unwrap();
            assert_eq!(date_of_day(n), d);
        }
        let n = story::day_number("2026-03-01").unwrap();
        assert_eq!(date_of_day(n - 1), "2026-02-28");
    }

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

    #[test]
    fn snippets_collapse_whitespace() {
        assert_eq!(snippet("a\n\nb   c"), "a b c");
        assert_eq!(snippet(&"x".repeat(500)).len(), 200);
    }
}
