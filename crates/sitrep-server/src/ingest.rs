//! Documents posted to `POST /api/documents`, and the callback that reads and stores them.
//!
//! The server never reads documents itself (it does not depend on the pipeline): the binary hands
//! it an [`Ingest`] implementation that runs the pipeline and puts the readings in the store.

use serde::{Deserialize, Serialize};
use sitrep_store::{PutOutcome, StoreError};

use crate::error::{ApiError, ApiResult};
use crate::params::is_date;

/// The most documents one request may carry.
pub const MAX_BATCH: usize = 1000;

/// One document as a client sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingDocument {
    pub url: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, the publication date where the body carries none.
    pub published: Option<String>,
    pub body: IncomingBody,
}

/// The document's content: a whole HTML page, or plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingBody {
    Html(String),
    Text(String),
}

/// Reads documents and stores their readings. Called on a blocking thread.
pub trait Ingest: Send + Sync {
    /// Reads and stores `docs` as one batch; outcomes come back in batch order.
    fn ingest(&self, docs: Vec<IncomingDocument>) -> Result<Vec<PutOutcome>, IngestError>;
}

/// Why an ingest failed.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A document could not be read (bad encoding, too large, not a document): nothing of the
    /// batch was stored.
    #[error("document {index}: {reason}")]
    Document { index: usize, reason: String },
    /// The store refused the batch.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<IngestError> for ApiError {
    fn from(err: IngestError) -> ApiError {
        match err {
            IngestError::Document { .. } => ApiError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                err.to_string(),
            ),
            IngestError::Store(e) => e.into(),
        }
    }
}

/// The JSON form of one document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDocument {
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

/// What `POST /api/documents` answers.
#[derive(Debug, Clone, Serialize)]
pub struct IngestResponse {
    pub received: usize,
    pub stored: usize,
    pub results: Vec<PutOutcome>,
}

/// Metadata given as query parameters with a raw (non-JSON) body.
#[derive(Debug, Clone, Default)]
pub struct RawMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// Reads `url`, `title` and `published` from the query string of a raw-body post.
pub fn raw_meta(pairs: &[(String, String)], allowed: &[&str]) -> ApiResult<RawMeta> {
    let mut meta = RawMeta::default();
    for (name, value) in pairs {
        if !allowed.contains(&name.as_str()) {
            return Err(ApiError::bad_request(format!(
                "unknown parameter {name:?}; this route accepts: {}",
                allowed.join(", ")
            )));
        }
        let slot = match name.as_str() {
            "url" => &mut meta.url,
            "title" => &mut meta.title,
            "published" => &mut meta.published,
            other => {
                return Err(ApiError::internal(format!(
                    "parameter {other:?} is declared but not handled"
                )))
            }
        };
        if slot.replace(value.clone()).is_some() {
            return Err(ApiError::bad_request(format!(
                "parameter {name:?} is given more than once"
            )));
        }
    }
    Ok(meta)
}

/// Turns a request body into documents, by its content type.
pub fn parse_body(
    content_type: Option<&str>,
    body: &[u8],
    meta: RawMeta,
) -> ApiResult<Vec<IncomingDocument>> {
    let mime = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let docs = match mime.as_str() {
        "application/json" => {
            if meta.url.is_some() || meta.title.is_some() || meta.published.is_some() {
                return Err(ApiError::bad_request(
                    "url, title and published go inside the JSON body, not in the query string",
                ));
            }
            parse_json(body)?
        }
        "text/html" | "application/xhtml+xml" | "text/plain" => {
            let content = String::from_utf8(body.to_vec()).map_err(|e| {
                ApiError::bad_request(format!("the body is not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
            })?;
            if content.trim().is_empty() {
                return Err(ApiError::bad_request("the body is empty"));
            }
            let body = if mime == "text/plain" {
                IncomingBody::Text(content)
            } else {
                IncomingBody::Html(content)
            };
            vec![checked(
                0,
                IncomingDocument {
                    url: meta.url,
                    title: meta.title,
                    published: meta.published,
                    body,
                },
            )?]
        }
        "" => {
            return Err(ApiError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "missing Content-Type: send application/json, text/html or text/plain",
            ))
        }
        other => {
            return Err(ApiError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported Content-Type {other:?}: send application/json, text/html or text/plain"
                ),
            ))
        }
    };
    if docs.is_empty() {
        return Err(ApiError::bad_request("the batch is empty"));
    }
    if docs.len() > MAX_BATCH {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "a batch holds at most {MAX_BATCH} documents, got {}",
                docs.len()
            ),
        ));
    }
    Ok(docs)
}

fn parse_json(body: &[u8]) -> ApiResult<Vec<IncomingDocument>> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => {
            return Err(ApiError::bad_request(
                "expected a document object {url?, title?, published?, html | text} or an array of them",
            ))
        }
    };
    if items.len() > MAX_BATCH {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "a batch holds at most {MAX_BATCH} documents, got {}",
                items.len()
            ),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let d: JsonDocument = serde_json::from_value(item)
                .map_err(|e| ApiError::bad_request(format!("document {i}: {e}")))?;
            let body = match (d.html, d.text) {
                (Some(h), None) => IncomingBody::Html(h),
                (None, Some(t)) => IncomingBody::Text(t),
                (Some(_), Some(_)) => {
                    return Err(ApiError::bad_request(format!(
                        "document {i}: give either html or text, not both"
                    )))
                }
                (None, None) => {
                    return Err(ApiError::bad_request(format!(
                        "document {i}: missing html or text"
                    )))
                }
            };
            checked(
                i,
                IncomingDocument {
                    url: d.url,
                    title: d.title,
                    published: d.published,
                    body,
                },
            )
        })
        .collect()
}

fn checked(i: usize, d: IncomingDocument) -> ApiResult<IncomingDocument> {
    if let Some(p) = &d.published {
        if !is_date(p) {
            return Err(ApiError::bad_request(format!(
                "document {i}: published: expected a date as YYYY-MM-DD, got {:?}",
                p.chars().take(40).collect::<String>()
            )));
        }
    }
    if let Some(u) = &d.url {
        if u.len() > 4096 || u.chars().any(char::is_control) {
            return Err(ApiError::bad_request(format!(
                "document {i}: url: expected a URL of at most 4096 bytes without control characters"
            )));
        }
    }
    if let Some(t) = &d.title {
        if t.len() > 4096 {
            return Err(ApiError::bad_request(format!(
                "document {i}: title is longer than 4096 bytes"
            )));
        }
    }
    let content = match &d.body {
        IncomingBody::Html(s) | IncomingBody::Text(s) => s,
    };
    if content.trim().is_empty() {
        return Err(ApiError::bad_request(format!(
            "document {i}: the html or text is empty"
        )));
    }
    Ok(d)
}

/// Compares a presented token with the configured one in time independent of where they differ.
pub fn token_matches(presented: &str, configured: &str) -> bool {
    let (a, b) = (presented.as_bytes(), configured.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, &cb) in b.iter().enumerate() {
        let ca = a.get(i).copied().unwrap_or(0);
        diff |= usize::from(ca ^ cb);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_or_an_array() {
        let one = parse_body(
            Some("application/json"),
            br#"{"url":"https://a.example/1","text":"Hello.","published":"2026-03-17"}"#,
            RawMeta::default(),
        )
        .expect("one");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].body, IncomingBody::Text("Hello.".into()));
        let two = parse_body(
            Some("application/json; charset=utf-8"),
            br#"[{"html":"<p>a</p>"},{"text":"b"}]"#,
            RawMeta::default(),
        )
        .expect("two");
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn bad_documents_are_named() {
        for (body, needle) in [
            (&br#"{"text":"a","html":"b"}"#[..], "not both"),
            (br#"{"title":"t"}"#, "missing html or text"),
            (br#"{"text":"a","published":"yesterday"}"#, "published"),
            (br#"{"text":"a","colour":"red"}"#, "colour"),
            (br#"[]"#, "empty"),
            (br#"42"#, "expected a document"),
            (br#"{"text":"#, "not valid JSON"),
        ] {
            let err =
                parse_body(Some("application/json"), body, RawMeta::default()).expect_err(needle);
            assert!(err.message.contains(needle), "{needle}: {}", err.message);
        }
    }

    #[test]
    fn raw_bodies_by_content_type() {
        let d = parse_body(
            Some("text/html"),
            b"<html><p>x</p></html>",
            RawMeta {
                url: Some("https://a.example/x".into()),
                ..RawMeta::default()
            },
        )
        .expect("html");
        assert!(matches!(d[0].body, IncomingBody::Html(_)));
        assert_eq!(d[0].url.as_deref(), Some("https://a.example/x"));
        let err = parse_body(Some("image/png"), b"x", RawMeta::default()).expect_err("png");
        assert_eq!(err.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let err = parse_body(None, b"x", RawMeta::default()).expect_err("none");
        assert_eq!(err.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(token_matches("s3cret", "s3cret"));
        assert!(!token_matches("s3cre", "s3cret"));
        assert!(!token_matches("s3cretx", "s3cret"));
        assert!(!token_matches("", "s3cret"));
    }
}
