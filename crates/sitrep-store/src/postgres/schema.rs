//! The PostgreSQL schema and its migrations.
//!
//! The schema version lives in `sitrep_schema` (one row). [`migrate`] takes a transaction-scoped
//! advisory lock first, so that of several processes starting at once on an empty database one
//! creates the schema and the others wait, then find it current. A database written by a newer
//! sitrep is refused.
//!
//! Layout: the SQLite backend's, table for table and column for column, so that both answer the
//! same queries the same way: `documents` holds one row per document with its reading as JSON
//! text (the source of truth), the columns queries filter on, its MinHash signature and story
//! features, its links (`duplicate_of`, `story`), and here also its `tsvector` (`fts`, title and
//! text) and the start of its text (`snippet`). Records are flattened into `removed`,
//! `entities`, `places`, `events`, `claims` and `quotes`; `bands` is the LSH index.

use postgres::Client;

use super::db_err;
use crate::{Result, StoreError, SCHEMA_VERSION};

/// The advisory lock key of migrations: `SITR` in ASCII.
const MIGRATION_LOCK: i64 = 0x5349_5452;

/// Version 1: the layout of the SQLite backend's `0001_init.sql`, in PostgreSQL types (every
/// integer `BIGINT`, every real `DOUBLE PRECISION`), with a `tsvector` column for full text.
const V1: &str = r#"
CREATE TABLE stories (
    id        BIGSERIAL PRIMARY KEY,
    first_doc BIGINT
);

CREATE TABLE documents (
    id             BIGSERIAL PRIMARY KEY,
    content_hash   TEXT NOT NULL,
    url            TEXT,
    host           TEXT,
    title          TEXT,
    published      TEXT,
    language       TEXT,
    captured       TEXT,
    ingested_at    TEXT NOT NULL,
    reader_version TEXT NOT NULL,
    origin_input   TEXT NOT NULL,
    origin_record  BIGINT,
    origin_offset  BIGINT,
    raw            BYTEA,
    reading        TEXT NOT NULL,
    signature      BYTEA,
    features       TEXT NOT NULL,
    duplicate_of   BIGINT REFERENCES documents(id),
    similarity     DOUBLE PRECISION,
    story          BIGINT REFERENCES stories(id),
    n_events       BIGINT NOT NULL DEFAULT 0,
    n_claims       BIGINT NOT NULL DEFAULT 0,
    snippet        TEXT NOT NULL DEFAULT '',
    fts            TSVECTOR NOT NULL
);
CREATE UNIQUE INDEX documents_identity ON documents (content_hash, (coalesce(url, '')));
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
CREATE INDEX documents_fts ON documents USING GIN (fts);

CREATE TABLE removed (
    doc      BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      BIGINT NOT NULL,
    kind     TEXT NOT NULL,
    language TEXT,
    text     TEXT NOT NULL
);
CREATE INDEX removed_doc ON removed (doc);

CREATE TABLE entities (
    doc     BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     BIGINT NOT NULL,
    text    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT,
    code    TEXT,
    start   BIGINT NOT NULL,
    "end"   BIGINT NOT NULL
);
CREATE INDEX entities_doc ON entities (doc);
CREATE INDEX entities_code ON entities (code, doc);
CREATE INDEX entities_country ON entities (country);

CREATE TABLE places (
    doc         BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         BIGINT NOT NULL,
    text        TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    geonames_id BIGINT
);
CREATE INDEX places_doc ON places (doc);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_geonames ON places (geonames_id, doc);
CREATE INDEX places_lat_lon ON places (lat, lon);

CREATE TABLE events (
    doc            BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            BIGINT NOT NULL,
    source_text    TEXT,
    source_country TEXT,
    source_code    TEXT,
    target_text    TEXT,
    target_country TEXT,
    target_code    TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad           BIGINT NOT NULL,
    goldstein      DOUBLE PRECISION NOT NULL,
    plover         TEXT,
    date           TEXT,
    place_name     TEXT,
    place_country  TEXT,
    lat            DOUBLE PRECISION,
    lon            DOUBLE PRECISION,
    geonames_id    BIGINT,
    sentence_text  TEXT NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    event_key      TEXT NOT NULL,
    json           TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_quad_date ON events (quad, date);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_place_country ON events (place_country);
CREATE INDEX events_lat_lon ON events (lat, lon);
CREATE INDEX events_key ON events (event_key);

CREATE TABLE claims (
    doc              BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx              BIGINT NOT NULL,
    text             TEXT NOT NULL,
    count            BIGINT,
    count_max        BIGINT,
    qualifier        TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    victims          TEXT NOT NULL,
    country          TEXT,
    claimant_text    TEXT,
    claimant_country TEXT,
    claimant_code    TEXT,
    period_start     TEXT,
    period_end       TEXT,
    place_name       TEXT,
    place_country    TEXT,
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    geonames_id      BIGINT,
    part_of          BIGINT,
    json             TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX claims_claimant_code ON claims (claimant_code);
CREATE INDEX claims_place_country ON claims (place_country);
CREATE INDEX claims_outcome ON claims (outcome, victims);

CREATE TABLE quotes (
    doc             BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             BIGINT NOT NULL,
    speaker_text    TEXT,
    speaker_country TEXT,
    speaker_code    TEXT,
    text            TEXT NOT NULL,
    start           BIGINT NOT NULL,
    "end"           BIGINT NOT NULL,
    json            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code);

CREATE TABLE bands (
    key BIGINT NOT NULL,
    doc BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc)
);
CREATE INDEX bands_doc ON bands (doc);
"#;

/// The migrations, in order: `MIGRATIONS[n]` brings version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[V1];

/// Creates or upgrades the schema, once, whatever the number of processes doing it at once.
pub(super) fn migrate(conn: &mut Client, target: &str) -> Result<()> {
    let mut tx = conn
        .transaction()
        .map_err(db_err(target, "begin migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(db_err(target, "take the migration lock"))?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version BIGINT NOT NULL)")
        .map_err(db_err(target, "create the schema table"))?;
    let version: i64 = tx
        .query_opt("SELECT version FROM sitrep_schema", &[])
        .map_err(db_err(target, "read schema version"))?
        .map(|r| r.get(0))
        .unwrap_or(0);
    if version > SCHEMA_VERSION {
        return Err(StoreError::Schema {
            target: target.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        return tx.commit().map_err(db_err(target, "end migration"));
    }
    if version == 0 {
        let foreign: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name = 'documents')",
                &[],
            )
            .map_err(db_err(target, "read schema"))?
            .get(0);
        if foreign {
            return Err(StoreError::Open {
                target: target.to_string(),
                reason: "not a sitrep database (it holds a documents table of its own)".into(),
            });
        }
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.batch_execute(sql).map_err(|e| StoreError::Backend {
            op: format!("migrate {target} from schema version {from}"),
            reason: e.to_string(),
        })?;
    }
    tx.execute("DELETE FROM sitrep_schema", &[])
        .map_err(db_err(target, "set schema version"))?;
    tx.execute(
        "INSERT INTO sitrep_schema (version) VALUES ($1)",
        &[&SCHEMA_VERSION],
    )
    .map_err(db_err(target, "set schema version"))?;
    tx.commit().map_err(db_err(target, "commit migration"))
}
