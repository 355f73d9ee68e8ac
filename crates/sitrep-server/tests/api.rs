//! The HTTP API end to end, over a real SQLite store in a temporary file: routes, validation, pages, JSON errors,
//! the OpenAPI document, token-guarded ingest, body limits, security headers, untrusted text.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::{new_doc, seed_reading, temp_store};
use serde_json::Value;
use sitrep_model::{ActorRef, Entity, EntityKind, Quote, Reading};
use sitrep_server::{app, IncomingBody, IncomingDocument, Ingest, IngestError, ServerConfig};
use sitrep_store::sqlite::SqliteStore;
use sitrep_store::{PutMode, PutOutcome, Store};
use tower::ServiceExt;

const XSS_TITLE: &str = "<script>window.__pwned=1</script> Talks resume";
const XSS_ACTOR: &str = "<img src=x onerror=window.__pwned=2>";
const XSS_QUOTE: &str = "<script>window.__pwned=3</script>";

/// Reads a posted document the simplest way: its text becomes the reading's text.
struct TextIngest(Arc<SqliteStore>);

impl Ingest for TextIngest {
    fn ingest(&self, docs: Vec<IncomingDocument>) -> Result<Vec<PutOutcome>, IngestError> {
        let batch = docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let text = match d.body {
                    IncomingBody::Text(t) => t,
                    IncomingBody::Html(h) => h,
                };
                if text.contains("\u{0}") {
                    return Err(IngestError::Document {
                        index: i,
                        reason: "NUL in text".into(),
                    });
                }
                let mut r = Reading::new(format!("post-{i}"));
                r.url = d.url;
                r.title = d.title;
                r.published = d.published;
                r.text = text;
                Ok(new_doc(r))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.0.put(batch, PutMode::Skip)?)
    }
}

fn seeded() -> Arc<SqliteStore> {
    let store = Arc::new(temp_store());
    let mut second = seed_reading();
    second.id = "copy".into();
    second.text.push_str(" More.");
    store
        .put(
            vec![new_doc(seed_reading()), new_doc(second)],
            PutMode::Skip,
        )
        .expect("put");
    store
}

fn server(store: Arc<SqliteStore>, token: Option<&str>, max_body: usize) -> Router {
    let ingest: Arc<dyn Ingest> = Arc::new(TextIngest(store.clone()));
    app(
        store,
        Some(ingest),
        ServerConfig {
            token: token.map(str::to_string),
            max_body_bytes: max_body,
        },
    )
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// An error answer: JSON with the status repeated and a message.
    fn error(&self, status: StatusCode) -> String {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(self
            .header(header::CONTENT_TYPE)
            .starts_with("application/json"));
        let v = self.json();
        assert_eq!(v["status"], status.as_u16());
        v["error"].as_str().expect("error message").to_string()
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

fn post(
    uri: &str,
    token: Option<&str>,
    content_type: &str,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(body.into()).expect("request")
}

#[tokio::test]
async fn every_route_is_in_the_openapi_document_with_its_parameters() {
    let app = server(seeded(), None, 1 << 20);
    let doc = get(&app, "/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let (_, routes) = sitrep_server::api::routes().into_parts();
    assert!(routes.len() >= 15);
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let registered: BTreeSet<(String, String)> = routes
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(registered, documented, "router and /openapi.json disagree");
    for r in &routes {
        let op = &doc["paths"][r.path][r.method.as_str().to_lowercase()];
        let names: BTreeSet<&str> = op["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().expect("name"))
            .collect();
        let accepted: BTreeSet<&str> = r.params.iter().copied().collect();
        assert_eq!(names, accepted, "{} {}", r.method, r.path);
        assert!(op["responses"]["200"].is_object() || op["responses"]["201"].is_object());
        // Every path parameter is documented.
        if r.path.contains("{id}") {
            assert!(op["parameters"]
                .as_array()
                .expect("parameters")
                .iter()
                .any(|p| p["in"] == "path" && p["name"] == "id"));
        }
    }
    // Every schema referenced is defined.
    let text = doc.to_string();
    for part in text.split("#/components/schemas/").skip(1) {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
        assert!(
            doc["components"]["schemas"][&name].is_object(),
            "schema {name} is referenced but not defined"
        );
    }
}

#[tokio::test]
async fn every_get_route_answers_json() {
    let app = server(seeded(), None, 1 << 20);
    let (_, routes) = sitrep_server::api::routes().into_parts();
    for r in routes.iter().filter(|r| r.method == Method::GET) {
        let uri = r.path.replace("{id}", "1");
        let uri = if uri == "/api/search" {
            "/api/search?q=Kabul".to_string()
        } else {
            uri
        };
        let a = get(&app, &uri).await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "{uri}: {}",
            String::from_utf8_lossy(&a.body)
        );
        assert!(
            a.header(header::CONTENT_TYPE)
                .starts_with("application/json"),
            "{uri}"
        );
        a.json();
    }
}

#[tokio::test]
async fn lists_are_paged_and_say_where_the_next_page_starts() {
    let app = server(seeded(), None, 1 << 20);
    let first = get(&app, "/api/events?limit=5").await.json();
    assert_eq!(first["items"].as_array().map(Vec::len), Some(5));
    assert_eq!(first["page"]["limit"], 5);
    assert_eq!(first["page"]["returned"], 5);
    assert_eq!(first["page"]["next_offset"], 5);
    // The seed's 9 events; its near-duplicate copy counts only when asked for.
    let last = get(&app, "/api/events?limit=5&offset=5").await.json();
    assert_eq!(last["page"]["returned"], 4);
    assert!(last["page"]["next_offset"].is_null());
    let all = get(
        &app,
        "/api/events?limit=5&offset=15&include_duplicates=true",
    )
    .await
    .json();
    assert_eq!(all["page"]["returned"], 3);
    let default = get(&app, "/api/events").await.json();
    assert_eq!(default["page"]["limit"], 100);
    let filtered = get(&app, "/api/events?document=1&cameo=190").await.json();
    let items = filtered["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .all(|e| e["event"]["cameo"] == "190" && e["doc"] == 1));
}

#[tokio::test]
async fn bad_parameters_are_clear_400s() {
    let app = server(seeded(), None, 1 << 20);
    for (uri, needle) in [
        ("/api/events?quad=9", "quad"),
        ("/api/events?since=2026-02-30", "since"),
        ("/api/events?since=2026-03-18&until=2026-03-01", "after"),
        ("/api/events?near=1,2", "near"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?actr=AFG", "unknown parameter"),
        ("/api/claims?country=Afghanistan", "country"),
        ("/api/search", "missing parameter \"q\""),
        ("/api/stats?limit=3", "unknown parameter"),
        ("/api/documents/abc", "positive whole number"),
        ("/api/events?quad=1&quad=2", "more than once"),
    ] {
        let msg = get(&app, uri).await.error(StatusCode::BAD_REQUEST);
        assert!(msg.contains(needle), "{uri}: {msg}");
    }
}

#[tokio::test]
async fn misses_are_json_404s_and_wrong_methods_json_405s() {
    let app = server(seeded(), None, 1 << 20);
    let msg = get(&app, "/api/nothing/here")
        .await
        .error(StatusCode::NOT_FOUND);
    assert!(msg.contains("/api/nothing/here"));
    get(&app, "/api/documents/999")
        .await
        .error(StatusCode::NOT_FOUND);
    get(&app, "/api/stories/999")
        .await
        .error(StatusCode::NOT_FOUND);
    get(&app, "/assets/js/nope.js")
        .await
        .error(StatusCode::NOT_FOUND);
    let a = send(
        &app,
        Request::delete("/api/events")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    a.error(StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn store_errors_are_json_without_internals() {
    let app = server(seeded(), None, 1 << 20);
    let msg = get(&app, "/api/search?q=AND")
        .await
        .error(StatusCode::BAD_REQUEST);
    assert!(msg.contains("syntax error"));
}

#[tokio::test]
async fn a_panicking_handler_answers_a_json_500() {
    async fn boom() -> &'static str {
        panic!("secret internal detail")
    }
    let app =
        sitrep_server::with_layers(Router::new().route("/api/boom", axum::routing::get(boom)));
    let a = get(&app, "/api/boom").await;
    let msg = a.error(StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!msg.contains("secret"));
    assert!(a
        .header(header::CONTENT_SECURITY_POLICY)
        .contains("default-src 'self'"));
}

#[tokio::test]
async fn posting_needs_a_configured_token_and_the_right_bearer() {
    let body = r#"{"url":"https://a.example/1","text":"Kabul said talks resumed.","published":"2026-03-17"}"#;
    let off = server(seeded(), None, 1 << 20);
    let msg = send(
        &off,
        post("/api/documents", Some("x"), "application/json", body),
    )
    .await
    .error(StatusCode::FORBIDDEN);
    assert!(msg.contains("--token-file"));

    let on = server(seeded(), Some("s3cret"), 1 << 20);
    let a = send(&on, post("/api/documents", None, "application/json", body)).await;
    a.error(StatusCode::UNAUTHORIZED);
    assert!(a.header(header::WWW_AUTHENTICATE).starts_with("Bearer"));
    send(
        &on,
        post("/api/documents", Some("wrong"), "application/json", body),
    )
    .await
    .error(StatusCode::UNAUTHORIZED);

    let a = send(
        &on,
        post("/api/documents", Some("s3cret"), "application/json", body),
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let v = a.json();
    assert_eq!(v["received"], 1);
    assert_eq!(v["stored"], 1);
    assert_eq!(v["results"][0]["outcome"], "stored");
    let doc = v["results"][0]["doc"].as_i64().expect("doc id");
    let stored = get(&on, &format!("/api/documents/{doc}")).await.json();
    assert_eq!(stored["reading"]["text"], "Kabul said talks resumed.");

    // The same again: unchanged, 200.
    let a = send(
        &on,
        post("/api/documents", Some("s3cret"), "application/json", body),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["results"][0]["outcome"], "unchanged");

    // A raw HTML body with its metadata in the query string.
    let a = send(
        &on,
        post(
            "/api/documents?url=https%3A%2F%2Fa.example%2F2&published=2026-03-16",
            Some("s3cret"),
            "text/html; charset=utf-8",
            "<html><body><p>Islamabad denied it.</p></body></html>",
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED);

    // A document the reader refuses: 422, naming it.
    let bad = "[{\"text\":\"fine\"},{\"text\":\"bad \\u0000\"}]";
    let msg = send(
        &on,
        post("/api/documents", Some("s3cret"), "application/json", bad),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(msg.contains("document 1"));

    let msg = send(
        &on,
        post("/api/documents", Some("s3cret"), "image/png", "x"),
    )
    .await
    .error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(msg.contains("application/json"));
}

#[tokio::test]
async fn bodies_over_the_limit_are_json_413s() {
    let app = server(seeded(), Some("s3cret"), 1024);
    let big = format!("{{\"text\":\"{}\"}}", "a".repeat(4096));
    let msg = send(
        &app,
        post("/api/documents", Some("s3cret"), "application/json", big),
    )
    .await
    .error(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(msg.contains("1024"));
    // With a Content-Length announcing too much, refused before reading.
    let mut req = post("/api/documents", Some("s3cret"), "text/plain", "short");
    req.headers_mut().insert(
        header::CONTENT_LENGTH,
        header::HeaderValue::from_static("999999"),
    );
    send(&app, req).await.error(StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn untrusted_text_comes_back_literally_under_a_strict_policy() {
    let store = Arc::new(temp_store());
    let mut r = Reading::new("xss");
    r.title = Some(XSS_TITLE.into());
    r.text = format!("{XSS_ACTOR} said \"{XSS_QUOTE}\" on Monday.");
    let actor_end = XSS_ACTOR.chars().count();
    r.entities.push(Entity {
        text: XSS_ACTOR.into(),
        start: 0,
        end: actor_end,
        kind: EntityKind::Person,
        country: None,
        code: None,
    });
    let qstart = actor_end + " said \"".chars().count();
    r.quotes.push(Quote {
        speaker: Some(ActorRef {
            text: XSS_ACTOR.into(),
            country: None,
            code: None,
        }),
        text: XSS_QUOTE.into(),
        start: qstart,
        end: qstart + XSS_QUOTE.chars().count(),
    });
    store.put(vec![new_doc(r)], PutMode::Skip).expect("put");
    let app = server(store, None, 1 << 20);

    let a = get(&app, "/api/documents/1").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a
        .header(header::CONTENT_TYPE)
        .starts_with("application/json"));
    assert_eq!(a.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(a
        .header(header::CONTENT_SECURITY_POLICY)
        .starts_with("default-src 'self'"));
    let v = a.json();
    assert_eq!(v["reading"]["title"], XSS_TITLE);
    assert_eq!(v["reading"]["entities"][0]["text"], XSS_ACTOR);
    assert_eq!(v["reading"]["quotes"][0]["text"], XSS_QUOTE);
    let quotes = get(&app, "/api/quotes").await.json();
    assert_eq!(quotes["items"][0]["quote"]["speaker"]["text"], XSS_ACTOR);

    // The dashboard page itself: no inline script, under the same policy.
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert!(page
        .header(header::CONTENT_SECURITY_POLICY)
        .starts_with("default-src 'self'"));
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("<script type=\"module\" src=\"/assets/js/app.js\">"));
    assert_eq!(html.matches("<script").count(), 1, "no inline scripts");
}

#[tokio::test]
async fn assets_are_typed_cached_and_revalidated() {
    let app = server(seeded(), None, 1 << 20);
    let page = get(&app, "/").await;
    assert_eq!(page.header(header::CACHE_CONTROL), "no-cache");
    let js = get(&app, "/assets/js/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js
        .header(header::CONTENT_TYPE)
        .starts_with("text/javascript"));
    assert!(js.header(header::CACHE_CONTROL).contains("max-age"));
    let etag = js.header(header::ETAG).to_string();
    assert!(etag.starts_with('"'));
    let again = send(
        &app,
        Request::get("/assets/js/app.js")
            .header(header::IF_NONE_MATCH, etag)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let world = get(&app, "/assets/data/countries-110m.json").await;
    assert_eq!(world.json()["type"], "Topology");
    // API answers are never cached.
    assert_eq!(
        get(&app, "/api/stats").await.header(header::CACHE_CONTROL),
        "no-store"
    );
}

#[tokio::test]
async fn a_story_carries_every_claimant_figure() {
    let app = server(seeded(), None, 1 << 20);
    let v = get(&app, "/api/stories/1").await.json();
    let groups = v["casualties"].as_array().expect("casualties");
    let civ = groups
        .iter()
        .find(|g| {
            g["summary"]["outcome"] == "killed"
                && g["summary"]["victims"] == "civilians"
                && g["summary"]["country"] == "AFG"
        })
        .expect("killed civilians");
    let claimants: BTreeSet<String> = civ["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["count"] == 76)
        .filter_map(|c| c["claimant"]["code"].as_str().map(str::to_string))
        .collect();
    assert!(
        claimants.contains("AFGGOV") && claimants.contains("IGOUNO"),
        "{claimants:?}"
    );
}
