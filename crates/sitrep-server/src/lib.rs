//! sitrep's HTTP API and dashboard, over any [`Store`].
//!
//! [`app`] builds the whole service: the JSON API under `/api` (documents, events, claims,
//! quotes, stories, actors, places, map points, search, stats, timeline; see [`api`]),
//! `/openapi.json` ([`openapi`]), and the dashboard at `/` (static files embedded in the
//! binary, [`assets`]). Every error is JSON `{"error": ..., "status": N}`; a panic in a handler
//! answers a JSON 500; every response carries `Content-Security-Policy: default-src 'self'`.
//!
//! Store calls are synchronous and run on tokio's blocking threads. Posted documents are read and
//! stored by an [`Ingest`] callback that the caller provides: this crate depends on the store and
//! the model, never on the pipeline.

pub mod api;
pub mod assets;
pub mod error;
pub mod ingest;
pub mod layers;
pub mod openapi;
pub mod params;

use std::future::Future;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use sitrep_store::Store;

pub use error::{ApiError, ApiResult};
pub use ingest::{IncomingBody, IncomingDocument, Ingest, IngestError};

/// The default largest request body, 8 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The bearer token that `POST /api/documents` requires; `None` disables posting (403).
    pub token: Option<String>,
    /// The largest request body accepted, in bytes; larger ones are answered 413.
    pub max_body_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            token: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub ingest: Option<Arc<dyn Ingest>>,
    pub config: Arc<ServerConfig>,
}

/// The whole service: API, OpenAPI document and dashboard, with error and security layers.
pub fn app(store: Arc<dyn Store>, ingest: Option<Arc<dyn Ingest>>, config: ServerConfig) -> Router {
    let state = AppState {
        store,
        ingest,
        config: Arc::new(config),
    };
    let (api, _) = api::routes().into_parts();
    with_layers(
        api.route("/", get(assets::index))
            .route("/index.html", get(assets::index))
            .route("/assets/{*path}", get(assets::file))
            .fallback(api::not_found)
            .with_state(state),
    )
}

/// Wraps a router in the layers every response goes through (outermost last): panics become a
/// JSON 500, non-JSON errors become JSON, security headers are set.
pub fn with_layers(router: Router) -> Router {
    router
        .layer(axum::middleware::from_fn(layers::catch_panic))
        .layer(axum::middleware::from_fn(layers::json_errors))
        .layer(axum::middleware::from_fn(layers::security_headers))
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
