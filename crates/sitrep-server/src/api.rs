//! The JSON API under `/api`: one handler per route, each asking the store on a blocking thread.
//!
//! The routes are registered through [`Routes`], which records every (method, path, parameters)
//! it registers, so that tests can hold the OpenAPI document against the router itself.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query as QueryParams, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};
use sitrep_store::{PutOutcome, Query, Store};

use crate::error::{ApiError, ApiResult};
use crate::ingest::{parse_body, raw_meta, token_matches, IngestResponse};
use crate::params::{self, page_or, parse, path_id, Parsed, DEFAULT_LIMIT, MAX_LIMIT};
use crate::AppState;

/// Parameters of the paginated list routes: every filter, `limit` and `offset`.
pub const LIST_PARAMS: &[&str] =
    &params::params::<18>(&[params::FILTER_PARAMS, params::PAGE_PARAMS]);
/// Parameters of `/api/search`: `q`, every filter but `text` (which `q` is), `limit`, `offset`.
pub const SEARCH_PARAMS: &[&str] = &params::params::<18>(&[
    &["q"],
    params::FILTER_PARAMS.split_last().expect("filters").1,
    params::PAGE_PARAMS,
]);
/// Parameters of `/api/timeline`: the filters (a timeline is not paged).
pub const TIMELINE_PARAMS: &[&str] = params::FILTER_PARAMS;
/// Parameters of `POST /api/documents` with a raw (non-JSON) body.
pub const INGEST_PARAMS: &[&str] = &["url", "title", "published"];
/// Routes without parameters.
pub const NO_PARAMS: &[&str] = &[];
/// The default page size of `/api/map` (a map wants every point).
pub const MAP_DEFAULT_LIMIT: u32 = MAX_LIMIT;

/// One registered route: what the OpenAPI document must describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub params: &'static [&'static str],
}

/// A router that remembers what was registered.
pub struct Routes {
    router: Router<AppState>,
    registered: Vec<RouteInfo>,
}

impl Routes {
    fn new() -> Routes {
        Routes {
            router: Router::new(),
            registered: Vec::new(),
        }
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        params: &'static [&'static str],
        handler: MethodRouter<AppState>,
    ) -> Routes {
        self.registered.push(RouteInfo {
            method,
            path,
            params,
        });
        self.router = self.router.route(path, handler);
        self
    }

    /// The router and the list of its routes.
    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.registered)
    }
}

/// Every API route.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .add(Method::GET, "/api/documents", LIST_PARAMS, get(documents))
        .add(
            Method::POST,
            "/api/documents",
            INGEST_PARAMS,
            post(post_documents),
        )
        .add(Method::GET, "/api/documents/{id}", NO_PARAMS, get(document))
        .add(Method::GET, "/api/events", LIST_PARAMS, get(events))
        .add(Method::GET, "/api/claims", LIST_PARAMS, get(claims))
        .add(Method::GET, "/api/quotes", LIST_PARAMS, get(quotes))
        .add(Method::GET, "/api/stories", LIST_PARAMS, get(stories))
        .add(Method::GET, "/api/stories/{id}", NO_PARAMS, get(story))
        .add(Method::GET, "/api/actors", LIST_PARAMS, get(actors))
        .add(Method::GET, "/api/places", LIST_PARAMS, get(places))
        .add(Method::GET, "/api/map", LIST_PARAMS, get(map))
        .add(Method::GET, "/api/search", SEARCH_PARAMS, get(search))
        .add(Method::GET, "/api/stats", NO_PARAMS, get(stats))
        .add(Method::GET, "/api/timeline", TIMELINE_PARAMS, get(timeline))
        .add(Method::GET, "/openapi.json", NO_PARAMS, get(openapi))
}

type Pairs = Result<QueryParams<Vec<(String, String)>>, QueryRejection>;

fn pairs(q: Pairs) -> ApiResult<Vec<(String, String)>> {
    q.map(|QueryParams(p)| p)
        .map_err(|e| ApiError::bad_request(format!("malformed query string: {e}")))
}

/// Runs a store call on a blocking thread; a panic there is a 500, never a crash.
async fn blocking<T, F>(store: Arc<dyn Store>, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn Store) -> sitrep_store::Result<T> + Send + 'static,
{
    match tokio::task::spawn_blocking(move || f(store.as_ref())).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(e) if e.is_panic() => Err(ApiError::internal(
            "the store failed while answering (an internal error, logged on the server)",
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is shutting down",
        )),
    }
}

/// Where a page sits, and where the next one starts.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub limit: u32,
    pub offset: u64,
    pub returned: usize,
    /// The `offset` of the next page, or `null` on the last page.
    pub next_offset: Option<u64>,
}

/// Asks for one row more than the page to tell whether another page follows.
async fn paged<T, F>(
    state: &AppState,
    parsed: Parsed,
    default_limit: u32,
    f: F,
) -> ApiResult<Json<Value>>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&dyn Store, &Query) -> sitrep_store::Result<Vec<T>> + Send + 'static,
{
    let page = page_or(&parsed, default_limit);
    let mut q = parsed.query;
    q.page = sitrep_store::Page {
        limit: page.limit + 1,
        offset: page.offset,
    };
    let mut rows = blocking(state.store.clone(), move |s| f(s, &q)).await?;
    let more = rows.len() > page.limit as usize;
    rows.truncate(page.limit as usize);
    let info = PageInfo {
        limit: page.limit,
        offset: page.offset,
        returned: rows.len(),
        next_offset: more.then(|| page.offset + u64::from(page.limit)),
    };
    Ok(Json(json!({ "items": rows, "page": info })))
}

async fn documents(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.documents(q)).await
}

async fn events(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.events(q)).await
}

async fn claims(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.claims(q)).await
}

async fn quotes(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.quotes(q)).await
}

async fn stories(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.stories(q)).await
}

async fn actors(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.actors(q)).await
}

async fn places(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.places(q)).await
}

async fn map(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, LIST_PARAMS)?;
    paged(&state, parsed, MAP_DEFAULT_LIMIT, |s, q| s.map(q)).await
}

async fn search(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let mut parsed = parse(&pairs(q)?, SEARCH_PARAMS)?;
    let Some(text) = parsed.q.take() else {
        return Err(ApiError::bad_request(
            "missing parameter \"q\": the words to search for",
        ));
    };
    parsed.query.filter.text = Some(text);
    paged(&state, parsed, DEFAULT_LIMIT, |s, q| s.documents(q)).await
}

async fn timeline(State(state): State<AppState>, q: Pairs) -> ApiResult<Json<Value>> {
    let parsed = parse(&pairs(q)?, TIMELINE_PARAMS)?;
    let query = parsed.query;
    let points = blocking(state.store.clone(), move |s| s.timeline(&query)).await?;
    Ok(Json(json!({ "items": points })))
}

async fn stats(State(state): State<AppState>, q: Pairs) -> ApiResult<Response> {
    parse(&pairs(q)?, NO_PARAMS)?;
    let stats = blocking(state.store.clone(), |s| s.stats()).await?;
    Ok(Json(stats).into_response())
}

async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Pairs,
) -> ApiResult<Response> {
    parse(&pairs(q)?, NO_PARAMS)?;
    let id = path_id("document", &id)?;
    match blocking(state.store.clone(), move |s| s.document(id)).await? {
        Some(doc) => Ok(Json(doc).into_response()),
        None => Err(ApiError::not_found(format!("no document {id}"))),
    }
}

async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Pairs,
) -> ApiResult<Response> {
    parse(&pairs(q)?, NO_PARAMS)?;
    let id = path_id("story", &id)?;
    match blocking(state.store.clone(), move |s| s.story(id)).await? {
        Some(story) => Ok(Json(story).into_response()),
        None => Err(ApiError::not_found(format!("no story {id}"))),
    }
}

async fn openapi(q: Pairs) -> ApiResult<Response> {
    parse(&pairs(q)?, NO_PARAMS)?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document_text(),
    )
        .into_response())
}

async fn post_documents(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Pairs,
    body: Body,
) -> ApiResult<Response> {
    let Some(token) = state.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "posting documents is disabled: start `sitrep serve` with --token-file PATH or \
             SITREP_TOKEN set, and send Authorization: Bearer TOKEN",
        ));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match presented {
        None => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "missing Authorization: Bearer TOKEN header",
            ))
        }
        Some(p) if !token_matches(p, token) => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the bearer token is not valid",
            ))
        }
        Some(_) => {}
    }
    let Some(ingest) = state.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "this server has no reader to ingest documents with",
        ));
    };
    let meta = raw_meta(&pairs(q)?, INGEST_PARAMS)?;
    let limit = state.config.max_body_bytes;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than the limit of {limit} bytes (--max-body-bytes)"),
        )
    };
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    {
        if len > limit as u64 {
            return Err(too_large());
        }
    }
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(e) if e.to_string().contains("length limit") => return Err(too_large()),
        Err(e) => {
            return Err(ApiError::bad_request(format!(
                "the body could not be read: {e}"
            )))
        }
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let docs = parse_body(content_type, &bytes, meta)?;
    let received = docs.len();
    let results = match tokio::task::spawn_blocking(move || ingest.ingest(docs)).await {
        Ok(r) => r?,
        Err(_) => {
            return Err(ApiError::internal(
                "reading the documents failed (an internal error, logged on the server)",
            ))
        }
    };
    let stored = results
        .iter()
        .filter(|r| matches!(r, PutOutcome::Stored { .. }))
        .count();
    let status = if stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(IngestResponse {
            received,
            stored,
            results,
        }),
    )
        .into_response())
}

/// Any other path under `/api` (and anywhere else): a JSON 404.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    let path: String = uri.path().chars().take(200).collect();
    ApiError::not_found(format!("no route {path}; see /openapi.json"))
}
