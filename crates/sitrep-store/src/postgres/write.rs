//! Writing: a batch of documents in one transaction, each placed by identity, near-duplicates and
//! story.
//!
//! A document's row is inserted with `ON CONFLICT (content_hash, url_key) DO NOTHING`: when
//! another transaction holds the same identity uncommitted, the insert waits for it, and then
//! inserts nothing. Only a document that was inserted is judged against its candidates (earlier
//! documents sharing a band key, or an actor and a place within a few days of it) and flattened
//! into the record tables.

use postgres::Transaction;
use sitrep_model::Reading;

use super::{db_err, transient, Conn};
use crate::minhash::Signature;
use crate::story::{self, Features};
use crate::{DocId, NewDocument, PutMode, PutOutcome, Result, StoreError, StoryId};

/// Candidates judged per new document, at most (the most recent ones).
const MAX_CANDIDATES: i64 = 200;
/// How far apart in days two documents sharing an actor and a place may be to be candidates.
const STORY_DAYS: i64 = 3;

/// Why a batch failed: worth retrying, or not.
pub(super) enum PutError {
    Transient(postgres::Error),
    Store(StoreError),
}

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
        out.push(put_one(&mut tx, doc, mode).map_err(wrap("store document"))?);
    }
    tx.commit().map_err(wrap("commit batch"))?;
    Ok(out)
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
            "SELECT id FROM documents WHERE content_hash = $1 AND url_key = $2",
            &[&content_hash, &url.unwrap_or("")],
        )
        .map_err(db_err(target, "look up document"))?;
    Ok(row.map(|r| r.get(0)))
}

/// The columns a reading gives its document row, computed once.
struct Derived {
    signature: Signature,
    features: Features,
    reading_json: String,
    host: Option<String>,
}

impl Derived {
    fn of(reading: &Reading) -> Derived {
        let signature = Signature::of(&reading.text);
        Derived {
            features: Features::of(reading, signature.clone()),
            signature,
            reading_json: serde_json::to_string(reading).unwrap_or_default(),
            host: reading.url.as_deref().and_then(host),
        }
    }
}

fn put_one(
    tx: &mut Transaction<'_>,
    doc: &NewDocument,
    mode: PutMode,
) -> std::result::Result<PutOutcome, postgres::Error> {
    let r = &doc.reading;
    let d = Derived::of(r);
    let url_key = r.url.clone().unwrap_or_default();
    let inserted = tx.query_opt(
        "INSERT INTO documents (content_hash, url_key, url, host, source_id, title, published,
             language, origin_input, origin_record, origin_offset, captured, reader_version,
             minhash_version, signature, f_actors, f_places, f_countries, f_dates, n_events,
             n_claims, reading, raw, tsv)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $22, $23,
             to_tsvector('simple', coalesce($6, '') || ' ' || $24))
         ON CONFLICT (content_hash, url_key) DO NOTHING
         RETURNING id",
        &[
            &doc.content_hash,
            &url_key,
            &r.url,
            &d.host,
            &r.id,
            &r.title,
            &r.published,
            &r.language,
            &doc.origin.input,
            &doc.origin.record.map(|n| n as i64),
            &doc.origin.offset.map(|n| n as i64),
            &doc.captured,
            &doc.reader_version,
            &(crate::minhash::MINHASH_VERSION as i32),
            &(!d.signature.0.is_empty()).then(|| d.signature.to_bytes()),
            &d.features.actors,
            &d.features.places,
            &d.features.countries,
            &d.features.dates,
            &(r.events.len() as i32),
            &(r.casualties.len() as i32),
            &d.reading_json,
            &doc.raw,
            &r.text,
        ],
    )?;
    if let Some(row) = inserted {
        let id: DocId = row.get(0);
        let (duplicate_of, story) = place(tx, id, &d)?;
        insert_records(tx, id, r, &d)?;
        return Ok(PutOutcome::Stored {
            doc: id,
            duplicate_of,
            story,
        });
    }
    let id: DocId = tx
        .query_one(
            "SELECT id FROM documents WHERE content_hash = $1 AND url_key = $2",
            &[&doc.content_hash, &url_key],
        )?
        .get(0);
    if mode == PutMode::Skip {
        return Ok(PutOutcome::Unchanged { doc: id });
    }
    // Reprocess: the reading and everything derived from it are replaced; identity, links and
    // ingestion time stay.
    tx.execute(
        "UPDATE documents SET url = $2, host = $3, source_id = $4, title = $5, published = $6,
             language = $7, origin_input = $8, origin_record = $9, origin_offset = $10,
             captured = $11, reader_version = $12, minhash_version = $13, signature = $14,
             f_actors = $15, f_places = $16, f_countries = $17, f_dates = $18, n_events = $19,
             n_claims = $20, reading = $21, raw = coalesce($22, raw),
             tsv = to_tsvector('simple', coalesce($5, '') || ' ' || $23)
         WHERE id = $1",
        &[
            &id,
            &r.url,
            &d.host,
            &r.id,
            &r.title,
            &r.published,
            &r.language,
            &doc.origin.input,
            &doc.origin.record.map(|n| n as i64),
            &doc.origin.offset.map(|n| n as i64),
            &doc.captured,
            &doc.reader_version,
            &(crate::minhash::MINHASH_VERSION as i32),
            &(!d.signature.0.is_empty()).then(|| d.signature.to_bytes()),
            &d.features.actors,
            &d.features.places,
            &d.features.countries,
            &d.features.dates,
            &(r.events.len() as i32),
            &(r.casualties.len() as i32),
            &d.reading_json,
            &doc.raw,
            &r.text,
        ],
    )?;
    for table in [
        "band_keys",
        "events",
        "claims",
        "quotes",
        "entities",
        "places",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE doc = $1"), &[&id])?;
    }
    insert_records(tx, id, r, &d)?;
    Ok(PutOutcome::Replaced { doc: id })
}

/// Finds the new document's near-duplicate and story among earlier documents, and records them.
fn place(
    tx: &mut Transaction<'_>,
    id: DocId,
    d: &Derived,
) -> std::result::Result<(Option<DocId>, StoryId), postgres::Error> {
    let keys = d.signature.band_keys();
    let window = d
        .features
        .published
        .as_deref()
        .and_then(days_from_date)
        .map(|day| {
            (
                date_of_days(day - STORY_DAYS),
                date_of_days(day + STORY_DAYS),
            )
        });
    let (lo, hi) = match &window {
        Some((lo, hi)) => (Some(lo.as_str()), Some(hi.as_str())),
        None => (None, None),
    };
    let rows = tx.query(
        "SELECT d.id, d.story, d.signature, d.f_actors, d.f_places, d.f_countries, d.f_dates,
                d.published
         FROM documents d
         WHERE d.id <> $1 AND d.id IN (
             SELECT doc FROM band_keys WHERE key = ANY($2)
             UNION
             SELECT id FROM documents
             WHERE $3::text IS NOT NULL AND f_actors && $5 AND (f_places && $6 OR f_countries && $7)
               AND published BETWEEN $3 AND $4)
         ORDER BY d.id DESC
         LIMIT $8",
        &[
            &id,
            &keys,
            &lo,
            &hi,
            &d.features.actors,
            &d.features.places,
            &d.features.countries,
            &MAX_CANDIDATES,
        ],
    )?;
    // Earliest first, so that ties go to the earlier document.
    let mut ids = Vec::with_capacity(rows.len());
    let mut stories = Vec::with_capacity(rows.len());
    let mut candidates = Vec::with_capacity(rows.len());
    for row in rows.iter().rev() {
        ids.push(row.get::<_, DocId>(0));
        stories.push(row.get::<_, Option<StoryId>>(1));
        let sig: Option<Vec<u8>> = row.get(2);
        candidates.push(Features {
            signature: sig
                .as_deref()
                .and_then(Signature::from_bytes)
                .filter(|s| !s.0.is_empty()),
            actors: row.get(3),
            places: row.get(4),
            countries: row.get(5),
            dates: row.get(6),
            published: row.get(7),
        });
    }
    let verdict = story::judge(&d.features, &candidates);
    let duplicate = verdict.duplicate_of.map(|(i, s)| (ids[i], s));
    let story = match verdict.join.and_then(|i| stories[i]) {
        Some(s) => s,
        None => tx
            .query_one("INSERT INTO stories DEFAULT VALUES RETURNING id", &[])?
            .get(0),
    };
    tx.execute(
        "UPDATE documents SET duplicate_of = $2, similarity = $3, story = $4 WHERE id = $1",
        &[
            &id,
            &duplicate.map(|(doc, _)| doc),
            &duplicate.map(|(_, s)| s),
            &story,
        ],
    )?;
    Ok((duplicate.map(|(doc, _)| doc), story))
}

/// The reading's records, flattened into their tables.
fn insert_records(
    tx: &mut Transaction<'_>,
    id: DocId,
    r: &Reading,
    d: &Derived,
) -> std::result::Result<(), postgres::Error> {
    let keys = d.signature.band_keys();
    if !keys.is_empty() {
        tx.execute(
            "INSERT INTO band_keys (key, doc) SELECT DISTINCT k, $1::bigint FROM unnest($2::bigint[]) k
             ON CONFLICT DO NOTHING",
            &[&id, &keys],
        )?;
    }
    if !r.events.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO events (doc, idx, date, cameo, root, quad, goldstein, plover,
                 source_code, source_country, target_code, target_country, place_name,
                 place_country, lat, lon, event_key, sentence_text, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19)",
        )?;
        for (i, e) in r.events.iter().enumerate() {
            let date = e.date.clone().or_else(|| r.published.clone());
            let sentence = char_slice(&r.text, e.sentence.start, e.sentence.end);
            let json = serde_json::to_string(e).unwrap_or_default();
            tx.execute(
                &stmt,
                &[
                    &id,
                    &(i as i32),
                    &date,
                    &e.cameo,
                    &e.root,
                    &i32::from(e.quad),
                    &e.goldstein,
                    &e.plover,
                    &e.source.as_ref().and_then(|a| a.code.clone()),
                    &e.source.as_ref().and_then(|a| a.country.clone()),
                    &e.target.as_ref().and_then(|a| a.code.clone()),
                    &e.target.as_ref().and_then(|a| a.country.clone()),
                    &e.place.as_ref().map(|p| p.name.clone()),
                    &e.place.as_ref().and_then(|p| p.country.clone()),
                    &e.place.as_ref().map(|p| p.lat),
                    &e.place.as_ref().map(|p| p.lon),
                    &story::event_key(e),
                    &sentence,
                    &json,
                ],
            )?;
        }
    }
    if !r.casualties.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO claims (doc, idx, date, outcome, victims, count, count_max, country,
                 claimant_code, claimant_text, place_name, place_country, lat, lon, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )?;
        for (i, c) in r.casualties.iter().enumerate() {
            let date = c
                .period
                .as_ref()
                .map(|p| p.end.clone())
                .or_else(|| r.published.clone());
            let json = serde_json::to_string(c).unwrap_or_default();
            tx.execute(
                &stmt,
                &[
                    &id,
                    &(i as i32),
                    &date,
                    &c.outcome,
                    &c.victims,
                    &c.count.map(|n| n as i64),
                    &c.count_max.map(|n| n as i64),
                    &c.country,
                    &c.according_to.as_ref().and_then(|a| a.code.clone()),
                    &c.according_to.as_ref().map(|a| a.text.clone()),
                    &c.place.as_ref().map(|p| p.name.clone()),
                    &c.place.as_ref().and_then(|p| p.country.clone()),
                    &c.place.as_ref().map(|p| p.lat),
                    &c.place.as_ref().map(|p| p.lon),
                    &json,
                ],
            )?;
        }
    }
    if !r.quotes.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO quotes (doc, idx, speaker_code, speaker_country, speaker_text, json)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )?;
        for (i, q) in r.quotes.iter().enumerate() {
            let json = serde_json::to_string(q).unwrap_or_default();
            tx.execute(
                &stmt,
                &[
                    &id,
                    &(i as i32),
                    &q.speaker.as_ref().and_then(|a| a.code.clone()),
                    &q.speaker.as_ref().and_then(|a| a.country.clone()),
                    &q.speaker.as_ref().map(|a| a.text.clone()),
                    &json,
                ],
            )?;
        }
    }
    if !r.entities.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO entities (doc, idx, text, kind, code, country)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )?;
        for (i, e) in r.entities.iter().enumerate() {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tx.execute(
                &stmt,
                &[&id, &(i as i32), &e.text, &kind, &e.code, &e.country],
            )?;
        }
    }
    if !r.places.is_empty() {
        let stmt = tx.prepare(
            "INSERT INTO places (doc, idx, key, name, country, lat, lon, geonames_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )?;
        for (i, p) in r.places.iter().enumerate() {
            let key = match p.geonames_id {
                Some(g) => g.to_string(),
                None => p.name.to_lowercase(),
            };
            tx.execute(
                &stmt,
                &[
                    &id,
                    &(i as i32),
                    &key,
                    &p.name,
                    &p.country,
                    &p.lat,
                    &p.lon,
                    &p.geonames_id.map(|g| g as i64),
                ],
            )?;
        }
    }
    Ok(())
}

/// The chars `start..end` of `text` (offsets in Unicode scalar values, as in readings).
pub(super) fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The host of a URL, lower-cased, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn days_from_date(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date[0..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date of a day number (inverse of [`days_from_date`]).
fn date_of_days(z: i64) -> String {
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
    fn day_arithmetic_round_trips() {
        assert_eq!(days_from_date("1970-01-01"), Some(0));
        for d in ["2026-03-01", "2024-02-29", "2000-12-31", "1999-01-01"] {
            assert_eq!(date_of_days(days_from_date(d).unwrap()), d);
        }
        assert_eq!(
            date_of_days(days_from_date("2026-03-01").unwrap() - 1),
            "2026-02-28"
        );
        assert_eq!(days_from_date("2026-13-01"), None);
    }

    #[test]
    fn hosts_are_plain() {
        assert_eq!(
            host("https://www.Example.org:443/a?b").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            host("http://u@news.example.org/x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host("https:///x"), None);
    }

    #[test]
    fn char_slices_count_chars() {
        assert_eq!(char_slice("héllo wörld", 6, 11), "wörld");
        assert_eq!(char_slice("abc", 2, 10), "c");
        assert_eq!(char_slice("abc", 5, 2), "");
    }
}
