//! The dashboard: static files embedded in the binary, served with their content types, an
//! ETag and caching headers. Nothing is fetched from elsewhere; the dashboard works offline.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// One embedded file.
pub struct Asset {
    /// Path under `/assets/`.
    pub path: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";

macro_rules! asset {
    ($path:literal, $ty:expr) => {
        Asset {
            path: $path,
            content_type: $ty,
            bytes: include_bytes!(concat!("../assets/", $path)),
        }
    };
}

/// Every file of the dashboard.
pub const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("css/app.css", "text/css; charset=utf-8"),
    asset!("icon.svg", "image/svg+xml"),
    asset!("js/app.js", JS),
    asset!("js/dom.js", JS),
    asset!("js/api.js", JS),
    asset!("js/format.js", JS),
    asset!("js/topo.js", JS),
    asset!("js/map.js", JS),
    asset!("js/timeline.js", JS),
    asset!("js/casualties.js", JS),
    asset!("js/events.js", JS),
    asset!("js/article.js", JS),
    asset!("js/documents.js", JS),
    asset!("data/countries-110m.json", "application/json"),
];

/// FNV-1a, enough to tell one build's file from another's.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn etags() -> &'static [String] {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    TAGS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| format!("\"{:016x}\"", fnv1a(a.bytes)))
            .collect()
    })
}

fn serve(index: usize, headers: &HeaderMap) -> Response {
    let (asset, etag) = (&ASSETS[index], &etags()[index]);
    // The page itself is always revalidated; its scripts, styles and data may be reused for a
    // few minutes, then revalidated by ETag.
    let cache = if asset.path == "index.html" {
        "no-cache"
    } else {
        "public, max-age=300, must-revalidate"
    };
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            )],
            asset.bytes,
        )
            .into_response()
    };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    res
}

/// `GET /`: the dashboard page.
pub async fn index(headers: HeaderMap) -> Response {
    match ASSETS.iter().position(|a| a.path == "index.html") {
        Some(i) => serve(i, &headers),
        None => ApiError::internal("the dashboard page is missing from this build").into_response(),
    }
}

/// `GET /assets/{*path}`: a file of the dashboard.
pub async fn file(Path(path): Path<String>, headers: HeaderMap) -> Response {
    match ASSETS.iter().position(|a| a.path == path) {
        Some(i) => serve(i, &headers),
        None => ApiError::not_found(format!(
            "no asset {:?}",
            path.chars().take(200).collect::<String>()
        ))
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_is_there_and_typed() {
        for a in ASSETS {
            assert!(!a.bytes.is_empty(), "{} is empty", a.path);
            let ext = a.path.rsplit('.').next().unwrap_or("");
            let want = match ext {
                "html" => "text/html",
                "css" => "text/css",
                "js" => "text/javascript",
                "json" => "application/json",
                "svg" => "image/svg+xml",
                other => panic!("unexpected asset kind {other}"),
            };
            assert!(a.content_type.starts_with(want), "{}", a.path);
        }
    }

    #[test]
    fn scripts_never_use_inner_html() {
        for a in ASSETS.iter().filter(|a| a.path.ends_with(".js")) {
            let text = String::from_utf8_lossy(a.bytes);
            for banned in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
            ] {
                assert!(!text.contains(banned), "{} uses {banned}", a.path);
            }
        }
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        for a in ASSETS.iter().filter(|a| !a.path.ends_with(".json")) {
            let text = String::from_utf8_lossy(a.bytes);
            for banned in ["http://", "https://", "//cdn", "<script>"] {
                let allowed_ns = text.matches("http://www.w3.org/2000/svg").count();
                if banned == "http://" {
                    assert_eq!(
                        text.matches(banned).count(),
                        allowed_ns,
                        "{} links elsewhere",
                        a.path
                    );
                } else {
                    assert!(!text.contains(banned), "{} has {banned}", a.path);
                }
            }
        }
    }
}
