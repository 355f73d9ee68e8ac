//! The store's typed errors.

/// What can go wrong in a store. Every message names what it was doing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or created (path, permissions, not a database).
    #[error("cannot open database {target}: {reason}")]
    Open { target: String, reason: String },
    /// The database is read-only (file permissions or a read-only mount).
    #[error("database {target} is read-only: {reason}")]
    ReadOnly { target: String, reason: String },
    /// The disk (or the database's size limit) is full; the last transaction was rolled back.
    #[error("database {target} is full (disk full?): {reason}")]
    Full { target: String, reason: String },
    /// The database was written by a newer sitrep, or its schema is not ours.
    #[error("database {target} has schema version {found}, this sitrep knows up to {known}")]
    Schema {
        target: String,
        found: i64,
        known: i64,
    },
    /// A query argument is not valid (bad date, unknown code shape, bad FTS syntax).
    #[error("invalid query: {0}")]
    Query(String),
    /// A stored row could not be decoded (a reading JSON that no longer parses).
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: String, reason: String },
    /// Any other database error, with the operation that failed.
    #[error("{op}: {reason}")]
    Backend { op: String, reason: String },
    /// The backend is not compiled in or not supported for this operation.
    #[error("{0}")]
    Unsupported(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
