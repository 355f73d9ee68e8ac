//! The shared backend: a PostgreSQL server, for several writers and readers at once.
//!
//! The principal type is [`PgStore`], a pool of connections (r2d2) to one database. It gives the
//! same answers as the SQLite backend to the same calls; what differs is how it stays correct
//! when several `sitrep` processes write at once:
//! - identity: a unique index on (content hash, URL) and `INSERT ... ON CONFLICT DO NOTHING`, so
//!   that two processes racing on the same document store it once: the second insert waits for
//!   the first transaction and then finds the row;
//! - a batch is one transaction; one that meets a deadlock or a serialization failure (two
//!   batches taking the same documents in another order) is retried from the start;
//! - migrations run under a transaction-scoped advisory lock (`pg_advisory_xact_lock`), so that
//!   concurrent processes migrate once and the others wait and find the schema done.
//!
//! Tables, candidates for near-duplicates and stories, filters and queries are the SQLite
//! backend's, ported statement by statement, so that both pass the same backend-generic suite.
//! Full-text search uses a `tsvector` column (the `simple` configuration: no stemming, any
//! language) queried with the FTS5 syntax SQLite takes (words, "phrases", AND, OR, NOT,
//! prefix*), translated to a `tsquery`.
//!
//! The work is split by role: [`schema`] (tables and migrations), `write` (put and contains),
//! `filter` (a [`crate::Filter`] as SQL) and `read` (the queries). Connections are plain TCP
//! or Unix sockets without TLS.

mod filter;
mod read;
pub mod schema;
mod write;

use std::time::Duration;

use postgres::error::SqlState;
use postgres::NoTls;
use r2d2::{Pool, PooledConnection};
use r2d2_postgres::PostgresConnectionManager;

use crate::{
    ActorCount, ClaimRow, DocId, DocumentRow, EventRow, Filter, MapPoint, NewDocument, PlaceCount,
    PutMode, PutOutcome, Query, QuoteRow, Result, Stats, Store, StoreError, StoredDocument,
    StoryDetail, StoryId, StoryRow, TimelinePoint,
};

type Manager = PostgresConnectionManager<NoTls>;
type Conn = PooledConnection<Manager>;

/// How often a batch is tried when it meets a deadlock or a serialization failure.
const ATTEMPTS: usize = 5;

/// A store in a PostgreSQL database.
pub struct PgStore {
    pool: Pool<Manager>,
    /// The URL without its password, for error messages.
    target: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/db`, or any
    /// libpq-style connection string), creating or migrating the schema.
    pub fn connect(url: &str) -> Result<PgStore> {
        let target = redact(url);
        let config: postgres::Config =
            url.parse().map_err(|e: postgres::Error| StoreError::Open {
                target: target.clone(),
                reason: e.to_string(),
            })?;
        // One connection first: an unreachable server or a bad password fails here at once
        // (the pool would retry until its timeout), and the schema is brought up to date.
        let mut first = config.connect(NoTls).map_err(|e| StoreError::Open {
            target: target.clone(),
            reason: e.to_string(),
        })?;
        schema::migrate(&mut first, &target)?;
        drop(first);
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = Pool::builder()
            .max_size(8)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(15))
            .build(manager)
            .map_err(|e| StoreError::Open {
                target: target.clone(),
                reason: e.to_string(),
            })?;
        Ok(PgStore { pool, target })
    }

    fn conn(&self) -> Result<Conn> {
        self.pool.get().map_err(|e| StoreError::Open {
            target: self.target.clone(),
            reason: e.to_string(),
        })
    }
}

/// A connection string with its password hidden.
fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((auth, host)) = rest.rsplit_once('@') {
            if let Some((user, _)) = auth.split_once(':') {
                return format!("{scheme}://{user}:***@{host}");
            }
        }
        return url.to_string();
    }
    url.split_whitespace()
        .map(|kv| {
            if kv.starts_with("password=") {
                "password=***"
            } else {
                kv
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps a database error met while doing `op` on `target` to the store's error.
pub(crate) fn db_err<'a>(
    target: &'a str,
    op: &'a str,
) -> impl Fn(postgres::Error) -> StoreError + 'a {
    move |e| {
        let code = e.code().cloned();
        let reason = match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        };
        match code {
            Some(c) if c == SqlState::READ_ONLY_SQL_TRANSACTION => StoreError::ReadOnly {
                target: target.to_string(),
                reason,
            },
            Some(c) if c == SqlState::DISK_FULL || c == SqlState::PROGRAM_LIMIT_EXCEEDED => {
                StoreError::Full {
                    target: target.to_string(),
                    reason,
                }
            }
            Some(c) if c == SqlState::SYNTAX_ERROR && op.contains("query") => {
                StoreError::Query(reason)
            }
            _ => StoreError::Backend {
                op: format!("{op} ({target})"),
                reason,
            },
        }
    }
}

/// Is this error worth retrying the whole transaction for?
pub(crate) fn transient(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn put(&self, batch: Vec<NewDocument>, mode: PutMode) -> Result<Vec<PutOutcome>> {
        let mut conn = self.conn()?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            match write::put(&mut conn, &self.target, &batch, mode) {
                Ok(out) => return Ok(out),
                Err(write::PutError::Transient(_)) if attempt < ATTEMPTS => {
                    std::thread::sleep(Duration::from_millis(20 * attempt as u64));
                }
                Err(write::PutError::Transient(e)) => {
                    return Err(db_err(&self.target, "store batch")(e))
                }
                Err(write::PutError::Store(e)) => return Err(e),
            }
        }
    }

    fn contains(&self, content_hash: &str, url: Option<&str>) -> Result<Option<DocId>> {
        write::contains(&mut self.conn()?, &self.target, content_hash, url)
    }

    fn document(&self, doc: DocId) -> Result<Option<StoredDocument>> {
        read::document(&mut self.conn()?, &self.target, doc)
    }

    fn documents(&self, q: &Query) -> Result<Vec<DocumentRow>> {
        read::documents(&mut self.conn()?, &self.target, q)
    }

    fn events(&self, q: &Query) -> Result<Vec<EventRow>> {
        read::events(&mut self.conn()?, &self.target, q)
    }

    fn claims(&self, q: &Query) -> Result<Vec<ClaimRow>> {
        read::claims(&mut self.conn()?, &self.target, q)
    }

    fn quotes(&self, q: &Query) -> Result<Vec<QuoteRow>> {
        read::quotes(&mut self.conn()?, &self.target, q)
    }

    fn stories(&self, q: &Query) -> Result<Vec<StoryRow>> {
        read::stories(&mut self.conn()?, &self.target, q)
    }

    fn story(&self, story: StoryId) -> Result<Option<StoryDetail>> {
        read::story(&mut self.conn()?, &self.target, story)
    }

    fn actors(&self, q: &Query) -> Result<Vec<ActorCount>> {
        read::actors(&mut self.conn()?, &self.target, q)
    }

    fn places(&self, q: &Query) -> Result<Vec<PlaceCount>> {
        read::places(&mut self.conn()?, &self.target, q)
    }

    fn map(&self, q: &Query) -> Result<Vec<MapPoint>> {
        read::map(&mut self.conn()?, &self.target, q)
    }

    fn timeline(&self, q: &Query) -> Result<Vec<TimelinePoint>> {
        read::timeline(&mut self.conn()?, &self.target, q)
    }

    fn stats(&self) -> Result<Stats> {
        read::stats(&mut self.conn()?, &self.target)
    }

    fn scan(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredDocument) -> Result<()>,
    ) -> Result<()> {
        read::scan(&mut self.conn()?, &self.target, filter, each)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://h/db"), "postgres://h/db");
        assert_eq!(
            redact("host=h password=secret dbname=x"),
            "host=h password=*** dbname=x"
        );
    }
}
