//! The API's one error type: every failure is answered as JSON `{"error": "...", "status": N}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sitrep_store::StoreError;

/// An error answered to a client: a status and a message meant for people. Never a stack trace,
/// never a panic message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: the request is malformed (a bad parameter, a bad body).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such record or route.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: something went wrong on our side; the message says what, without internals.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        let status = match &err {
            StoreError::Query(_) => StatusCode::BAD_REQUEST,
            StoreError::ReadOnly { .. } => StatusCode::SERVICE_UNAVAILABLE,
            StoreError::Full { .. } => StatusCode::INSUFFICIENT_STORAGE,
            StoreError::Unsupported(_) => StatusCode::NOT_IMPLEMENTED,
            StoreError::Open { .. }
            | StoreError::Schema { .. }
            | StoreError::Corrupt { .. }
            | StoreError::Backend { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, format!("store: {err}"))
    }
}

/// The JSON body of an error response.
pub fn error_body(status: StatusCode, message: &str) -> String {
    serde_json::json!({ "error": message, "status": status.as_u16() }).to_string()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, error_body(self.status, &self.message)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"sitrep\""),
            );
        }
        res
    }
}

pub type ApiResult<T> = std::result::Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_statuses() {
        let e: ApiError = StoreError::Query("bad FTS syntax".into()).into();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.message.contains("bad FTS syntax"));
        let e: ApiError = StoreError::Backend {
            op: "select".into(),
            reason: "disk I/O error".into(),
        }
        .into();
        assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn body_is_json_with_status() {
        let v: serde_json::Value =
            serde_json::from_str(&error_body(StatusCode::NOT_FOUND, "no \"such\" thing"))
                .expect("valid JSON");
        assert_eq!(v["status"], 404);
        assert_eq!(v["error"], "no \"such\" thing");
    }
}
