//! The PostgreSQL schema and its migrations.
//!
//! The schema version lives in `sitrep_schema` (one row). [`migrate`] takes a transaction-scoped
//! advisory lock first, so that of several processes starting at once on an empty database one
//! creates the schema and the others wait, then find it current. A database written by a newer
//! sitrep is refused.
//!
//! Layout (as in the SQLite backend): `documents` holds one row per document with its reading as
//! JSON text (the source of truth), the columns queries filter on, its MinHash signature and
//! summary features (text arrays), its links (`duplicate_of`, `story`) and its `tsvector`.
//! Records (`events`, `claims`, `quotes`, `entities`, `places`) are flattened into tables keyed
//! by (document, index in the reading); `band_keys` is the LSH index.

use postgres::Client;

use super::db_err;
use crate::{Result, StoreError, SCHEMA_VERSION};

/// The advisory lock key of migrations: `SITR` in ASCII.
const MIGRATION_LOCK: i64 = 0x5349_5452;

/// Version 1: the first layout.
const V1: &str = r#"
CREATE TABLE stories (
    id          BIGSERIAL PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE documents (
    id              BIGSERIAL PRIMARY KEY,
    content_hash    TEXT NOT NULL,
    -- The URL, or '' when there is none: (content_hash, url_key) is a document's identity.
    url_key         TEXT NOT NULL,
    url             TEXT,
    host            TEXT,
    source_id       TEXT NOT NULL,
    title           TEXT,
    published       TEXT,
    language        TEXT,
    origin_input    TEXT NOT NULL,
    origin_record   BIGINT,
    origin_offset   BIGINT,
    captured        TEXT,
    ingested_at     TEXT NOT NULL
        DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    reader_version  TEXT NOT NULL,
    duplicate_of    BIGINT REFERENCES documents(id),
    similarity      DOUBLE PRECISION,
    story           BIGINT REFERENCES stories(id),
    minhash_version INTEGER NOT NULL,
    signature       BYTEA,
    f_actors        TEXT[] NOT NULL,
    f_places        TEXT[] NOT NULL,
    f_countries     TEXT[] NOT NULL,
    f_dates         TEXT[] NOT NULL,
    n_events        INTEGER NOT NULL,
    n_claims        INTEGER NOT NULL,
    reading         TEXT NOT NULL,
    raw             BYTEA,
    tsv             TSVECTOR NOT NULL,
    UNIQUE (content_hash, url_key)
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE INDEX documents_actors ON documents USING GIN (f_actors);

CREATE TABLE band_keys (
    key  BIGINT NOT NULL,
    doc  BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc)
);
CREATE INDEX band_keys_doc ON band_keys (doc);

CREATE TABLE events (
    doc             BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    date            TEXT,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad            INTEGER NOT NULL,
    goldstein       DOUBLE PRECISION NOT NULL,
    plover          TEXT,
    source_code     TEXT,
    source_country  TEXT,
    target_code     TEXT,
    target_country  TEXT,
    place_name      TEXT,
    place_country   TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    event_key       TEXT NOT NULL,
    sentence_text   TEXT NOT NULL,
    json            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_place_country ON events (place_country);

CREATE TABLE claims (
    doc             BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    date            TEXT,
    outcome         TEXT NOT NULL,
    victims         TEXT NOT NULL,
    count           BIGINT,
    count_max       BIGINT,
    country         TEXT,
    claimant_code   TEXT,
    claimant_text   TEXT,
    place_name      TEXT,
    place_country   TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    json            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX claims_outcome ON claims (outcome);

CREATE TABLE quotes (
    doc             BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    speaker_code    TEXT,
    speaker_country TEXT,
    speaker_text    TEXT,
    json            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);

CREATE TABLE entities (
    doc     BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    code    TEXT,
    country TEXT,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX entities_code ON entities (code);

CREATE TABLE places (
    doc         BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    geonames_id BIGINT,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX places_key ON places (key);
CREATE INDEX places_country ON places (country);
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
