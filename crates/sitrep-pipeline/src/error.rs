//! The one error type of the pipeline. Only reading bytes can fail; every error names the input
//! and, for multi-record inputs, the record.

use sitrep_model::RecordRef;

pub type Result<T> = std::result::Result<T, Error>;

/// A document (or a whole input) that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct Error {
    pub origin: RecordRef,
    pub kind: ErrorKind,
}

impl Error {
    pub fn new(origin: RecordRef, kind: ErrorKind) -> Error {
        Error { origin, kind }
    }
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty input")]
    Empty,
    #[error("binary data, not text, HTML, JSON Lines, a feed or WARC")]
    Binary,
    #[error("document of at least {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("truncated or corrupt gzip stream: {0}")]
    Gzip(String),
    #[error("malformed JSON: {0}")]
    Json(String),
    #[error("malformed WARC record: {0}")]
    Warc(String),
    #[error("malformed feed: {0}")]
    Feed(String),
}
