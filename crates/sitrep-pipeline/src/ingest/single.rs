//! Single-document inputs: a plain-text or HTML file is one [`RawDocument`], whose id is the file
//! name without its extensions.
//!
//! The whole input is read, but never more than [`IngestConfig::max_document_bytes`] + 1 bytes:
//! a larger input is a `TooLarge` error whatever its size.

use sitrep_model::{Body, RawDocument, RecordRef};

use super::decode::{decode, Hints};
use super::source::{error_kind, read_capped, Source};
use super::{file_id, IngestConfig, InputKind};
use crate::{Error, ErrorKind, Result};

/// Reads the whole input `name` as one document of `kind` (text or HTML).
pub fn read_single(
    name: &str,
    mut input: Source<'_>,
    kind: InputKind,
    cfg: &IngestConfig,
) -> Result<RawDocument> {
    let origin = RecordRef::whole(name);
    let limit = cfg.max_document_bytes;
    let bytes = match read_capped(&mut input, limit) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => return Err(Error::new(origin, ErrorKind::TooLarge { size, limit })),
        Err(e) => return Err(Error::new(origin, error_kind(e))),
    };
    let html = kind == InputKind::Html;
    let text = decode(
        &bytes,
        Hints {
            html,
            ..Hints::default()
        },
    );
    if text.trim().is_empty() {
        return Err(Error::new(origin, ErrorKind::Empty));
    }
    Ok(RawDocument {
        id: file_id(name),
        origin,
        url: None,
        title: None,
        published: None,
        captured: None,
        body: if html {
            Body::Html(text)
        } else {
            Body::Text(text)
        },
    })
}
