//! The embedded backend: one SQLite file, WAL-journaled, with full-text search (FTS5).
//!
//! The principal type is [`SqliteStore`]:
//!
//! ```no_run
//! use sitrep_store::{sqlite::SqliteStore, Store, Query};
//! let store = SqliteStore::open("sitrep.db")?;
//! let events = store.events(&Query::default())?;
//! # Ok::<(), sitrep_store::StoreError>(())
//! ```
//!
//! Design:
//! - one writer connection behind a mutex (SQLite has one writer at a time anyway), and a small
//!   pool of reader connections, so that queries run beside an ingest (WAL lets readers see the
//!   last committed state while a write transaction is open);
//! - every batch of [`Store::put`] is one transaction: a crash or a full disk leaves the database
//!   as it was after the last committed batch;
//! - the schema is versioned (`PRAGMA user_version`) and brought up to date by numbered migrations
//!   ([`schema`]); a database from a newer sitrep is refused;
//! - writing lives in `write`, the translation of a [`Filter`] into SQL in `filter`, and the
//!   queries in `read`.
//!
//! A location may carry options after `?`: `sitrep.db?mode=ro` opens read-only, and
//! `sitrep.db?max_pages=N` caps the file at N pages (`PRAGMA max_page_count`), which is how the
//! tests make the disk "full" without filling a real one.

mod filter;
mod read;
pub mod schema;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Result, StoreError};
use crate::query::{Filter, Query};
use crate::rows::*;
use crate::Store;

/// How to open a database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SqliteOptions {
    /// Open read-only: every write is refused with [`StoreError::ReadOnly`].
    pub read_only: bool,
    /// The largest the database may grow, in pages (`PRAGMA max_page_count`); past it writes
    /// fail with [`StoreError::Full`] as on a full disk.
    pub max_pages: Option<u64>,
}

impl SqliteOptions {
    /// Splits `path?mode=ro&max_pages=N` into the path and its options.
    pub fn parse(location: &str) -> Result<(PathBuf, SqliteOptions)> {
        let (path, query) = match location.split_once('?') {
            Some((p, q)) => (p, q),
            None => (location, ""),
        };
        let mut options = SqliteOptions::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("mode", "ro")) => options.read_only = true,
                Some(("mode", "rw")) => options.read_only = false,
                Some(("max_pages", n)) => {
                    options.max_pages = Some(n.parse().map_err(|_| StoreError::Open {
                        target: location.to_string(),
                        reason: format!("max_pages: expected a number of pages, got {n:?}"),
                    })?)
                }
                _ => {
                    return Err(StoreError::Open {
                        target: location.to_string(),
                        reason: format!(
                            "unknown option {pair:?} (known: mode=ro, mode=rw, max_pages=N)"
                        ),
                    })
                }
            }
        }
        if path.is_empty() {
            return Err(StoreError::Open {
                target: location.to_string(),
                reason: "no path".to_string(),
            });
        }
        Ok((PathBuf::from(path), options))
    }
}

/// Readers kept open between queries; more are opened on demand and closed after use.
const READER_POOL: usize = 4;

/// A sitrep store in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    /// The path as messages name it.
    target: String,
    options: SqliteOptions,
    /// Whether writes are refused (asked for, or the file could only be opened for reading).
    read_only: bool,
    // Fields drop in order: the readers close first, so that the writer is the last connection
    // and folds the write-ahead log back into the database file as it closes.
    readers: Mutex<Vec<Connection>>,
    writer: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating it if needed) the database at `path`, brought up to the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStore::open_with(path, SqliteOptions::default())
    }

    /// Opens the database at `path` with options.
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<SqliteStore> {
        let path = path.as_ref().to_path_buf();
        let target = path.display().to_string();
        let flags = if options.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| open_error(&target, e))?;
        // SQLite quietly opens a write-protected file for reading only.
        let read_only = options.read_only
            || conn
                .is_readonly(rusqlite::MAIN_DB)
                .map_err(|e| open_error(&target, e))?;
        let store = SqliteStore {
            path,
            target,
            options,
            read_only,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(conn),
        };
        {
            let mut conn = store.writer()?;
            store.configure(&conn, true)?;
            schema::migrate(&mut conn, &store.target, read_only)?;
        }
        Ok(store)
    }

    /// The file of the database.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether writes are refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn configure(&self, conn: &Connection, writer: bool) -> Result<()> {
        let fail = |e| open_error(&self.target, e);
        // The first statement to touch the file: a file that is not a database fails here.
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        if writer && !self.read_only {
            let mode: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(fail)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Open {
                    target: self.target.clone(),
                    reason: format!("cannot switch to WAL journaling (journal mode is {mode})"),
                });
            }
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(fail)?;
            if let Some(pages) = self.options.max_pages {
                conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
                    .map_err(fail)?;
            }
        } else {
            conn.pragma_update(None, "query_only", true).map_err(fail)?;
        }
        Ok(())
    }

    fn writer(&self) -> Result<MutexGuard<'_, Connection>> {
        // A panic while holding the lock cannot leave a transaction open (the transaction rolls
        // back on drop), so a poisoned lock is safe to take over.
        Ok(self.writer.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs `f` on a reader connection from the pool.
    fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| open_error(&self.target, e))?;
                self.configure(&c, false)?;
                c
            }
        };
        let out = f(&conn);
        let mut pool = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < READER_POOL {
            pool.push(conn);
        }
        out
    }

    /// The error of a database call, named after the file and the operation.
    fn error(&self, op: &str, e: rusqlite::Error) -> StoreError {
        db_error(&self.target, op, e)
    }
}

fn open_error(target: &str, e: rusqlite::Error) -> StoreError {
    match db_error(target, "open", e) {
        StoreError::Backend { reason, .. } => StoreError::Open {
            target: target.to_string(),
            reason,
        },
        other => other,
    }
}

/// Maps SQLite's error codes onto the store's errors.
fn db_error(target: &str, op: &str, e: rusqlite::Error) -> StoreError {
    let reason = e.to_string();
    let target = target.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { target, reason },
        Some(ErrorCode::DiskFull) => StoreError::Full { target, reason },
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::CannotOpen) => {
            StoreError::Open { target, reason }
        }
        Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly { target, reason },
        _ => StoreError::Backend {
            op: format!("{op} ({target})"),
            reason,
        },
    }
}

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn put(&self, batch: Vec<NewDocument>, mode: PutMode) -> Result<Vec<PutOutcome>> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                target: self.target.clone(),
                reason: "opened for reading only (file or folder not writable, or mode=ro)"
                    .to_string(),
            });
        }
        let mut conn = self.writer()?;
        write::put(&mut conn, batch, mode).map_err(|e| e.into_store(self))
    }

    fn contains(&self, content_hash: &str, url: Option<&str>) -> Result<Option<DocId>> {
        self.with_reader(|c| {
            write::find(c, content_hash, url).map_err(|e| self.error("contains", e))
        })
    }

    fn document(&self, doc: DocId) -> Result<Option<StoredDocument>> {
        self.with_reader(|c| read::document(c, doc).map_err(|e| e.into_store(self)))
    }

    fn documents(&self, q: &Query) -> Result<Vec<DocumentRow>> {
        self.with_reader(|c| read::documents(c, q).map_err(|e| e.into_store(self)))
    }

    fn events(&self, q: &Query) -> Result<Vec<EventRow>> {
        self.with_reader(|c| read::events(c, q).map_err(|e| e.into_store(self)))
    }

    fn claims(&self, q: &Query) -> Result<Vec<ClaimRow>> {
        self.with_reader(|c| read::claims(c, q).map_err(|e| e.into_store(self)))
    }

    fn quotes(&self, q: &Query) -> Result<Vec<QuoteRow>> {
        self.with_reader(|c| read::quotes(c, q).map_err(|e| e.into_store(self)))
    }

    fn stories(&self, q: &Query) -> Result<Vec<StoryRow>> {
        self.with_reader(|c| read::stories(c, q).map_err(|e| e.into_store(self)))
    }

    fn story(&self, story: StoryId) -> Result<Option<StoryDetail>> {
        self.with_reader(|c| read::story(c, story).map_err(|e| e.into_store(self)))
    }

    fn actors(&self, q: &Query) -> Result<Vec<ActorCount>> {
        self.with_reader(|c| read::actors(c, q).map_err(|e| e.into_store(self)))
    }

    fn places(&self, q: &Query) -> Result<Vec<PlaceCount>> {
        self.with_reader(|c| read::places(c, q).map_err(|e| e.into_store(self)))
    }

    fn map(&self, q: &Query) -> Result<Vec<MapPoint>> {
        self.with_reader(|c| read::map(c, q).map_err(|e| e.into_store(self)))
    }

    fn timeline(&self, q: &Query) -> Result<Vec<TimelinePoint>> {
        self.with_reader(|c| read::timeline(c, q).map_err(|e| e.into_store(self)))
    }

    fn stats(&self) -> Result<Stats> {
        self.with_reader(|c| read::stats(c).map_err(|e| e.into_store(self)))
    }

    fn scan(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredDocument) -> Result<()>,
    ) -> Result<()> {
        self.with_reader(|c| read::scan(c, filter, each).map_err(|e| e.into_store(self)))
    }
}

/// An error inside the backend, before it is named after the file: a database error, or a
/// store error already decided (a bad query, a corrupt row, the caller's own error from `scan`).
#[derive(Debug)]
enum Failure {
    Db(&'static str, rusqlite::Error),
    Store(StoreError),
}

impl Failure {
    fn into_store(self, store: &SqliteStore) -> StoreError {
        match self {
            Failure::Db(op, e) => {
                // FTS5 reports a bad MATCH expression as a plain SQLite error.
                let message = e.to_string();
                if message.contains("fts5") || message.contains("unterminated string") {
                    StoreError::Query(format!("text search: {message}"))
                } else {
                    store.error(op, e)
                }
            }
            Failure::Store(e) => e,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::Store(e)
    }
}

/// Attaches an operation name to a database result.
trait Op<T> {
    fn op(self, op: &'static str) -> std::result::Result<T, Failure>;
}

impl<T> Op<T> for rusqlite::Result<T> {
    fn op(self, op: &'static str) -> std::result::Result<T, Failure> {
        self.map_err(|e| Failure::Db(op, e))
    }
}

type DbResult<T> = std::result::Result<T, Failure>;
