//! Query-string parameters: parsed, validated, and turned into a store [`Query`].
//!
//! Every route declares the parameters it accepts (see [`crate::routes`]); anything else, a
//! repeated parameter, or a value of the wrong shape is a 400 that names the parameter and says
//! what was expected.

use sitrep_store::{Near, Page, Query};

use crate::error::{ApiError, ApiResult};

/// The filter parameters, named as the fields of [`Filter`]; `text` comes last, so that
/// `/api/search` (whose `q` is the text) can take the others as a prefix.
pub const FILTER_PARAMS: &[&str] = &[
    "actor",
    "source",
    "target",
    "cameo",
    "root",
    "quad",
    "plover",
    "since",
    "until",
    "country",
    "near",
    "claimant",
    "document",
    "story",
    "include_duplicates",
    "text",
];

/// The paging parameters.
pub const PAGE_PARAMS: &[&str] = &["limit", "offset"];

/// The concatenation of parameter lists, at compile time: `N` must be the sum of their lengths
/// (a wrong `N` fails the build), so that the lists of the routes are built from one another.
pub const fn params<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut n = 0;
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            out[n] = lists[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(n == N, "parameter list length");
    out
}

/// The largest page a client may ask for.
pub const MAX_LIMIT: u32 = 1000;
/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: u32 = 100;
/// The largest offset accepted (deeper pages are better reached with narrower filters).
pub const MAX_OFFSET: u64 = 100_000_000;
/// The longest free-text parameter (`text`, `q`, `claimant`).
pub const MAX_TEXT_CHARS: usize = 500;

/// What a route's parameters came to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub query: Query,
    /// `q` of `/api/search`.
    pub q: Option<String>,
    /// Whether `limit` was given explicitly.
    pub limit_given: bool,
}

/// Parses the raw `(name, value)` pairs of a query string, accepting only `allowed` names.
pub fn parse(pairs: &[(String, String)], allowed: &[&str]) -> ApiResult<Parsed> {
    let mut out = Parsed::default();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        let Some(&known) = allowed.iter().find(|a| **a == name.as_str()) else {
            return Err(ApiError::bad_request(format!(
                "unknown parameter {name:?}; this route accepts: {}",
                if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                }
            )));
        };
        if seen.contains(&known) {
            return Err(ApiError::bad_request(format!(
                "parameter {known:?} is given more than once"
            )));
        }
        seen.push(known);
        apply(&mut out, known, value.trim())?;
    }
    let f = &out.query.filter;
    if let (Some(since), Some(until)) = (&f.since, &f.until) {
        if since > until {
            return Err(ApiError::bad_request(format!(
                "since ({since}) is after until ({until})"
            )));
        }
    }
    Ok(out)
}

fn apply(out: &mut Parsed, name: &str, value: &str) -> ApiResult<()> {
    let f = &mut out.query.filter;
    match name {
        "actor" | "source" | "target" => {
            let code = code(name, value, 2, 32)?;
            match name {
                "actor" => f.actor = Some(code),
                "source" => f.source = Some(code),
                _ => f.target = Some(code),
            }
        }
        "cameo" => f.cameo = Some(digits(name, value, 2, 4)?),
        "root" => f.root = Some(digits(name, value, 2, 2)?),
        "quad" => {
            f.quad = Some(match value {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return Err(bad(name, value, "a quad class 1, 2, 3 or 4")),
            })
        }
        "plover" => {
            if value.is_empty()
                || value.len() > 40
                || !value.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
            {
                return Err(bad(name, value, "a PLOVER type such as ASSAULT or ACCUSE"));
            }
            f.plover = Some(value.to_ascii_uppercase());
        }
        "since" => f.since = Some(date(name, value)?),
        "until" => f.until = Some(date(name, value)?),
        "country" => {
            if value.len() != 3 || !value.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(bad(
                    name,
                    value,
                    "an ISO 3166-1 alpha-3 country code such as AFG (or IGO)",
                ));
            }
            f.country = Some(value.to_ascii_uppercase());
        }
        "near" => f.near = Some(near(value)?),
        "claimant" => f.claimant = Some(text(name, value)?),
        "text" => f.text = Some(text(name, value)?),
        "q" => out.q = Some(text(name, value)?),
        "document" => f.document = Some(id(name, value)?),
        "story" => f.story = Some(id(name, value)?),
        "include_duplicates" => {
            f.include_duplicates = match value {
                "true" | "1" | "yes" | "" => true,
                "false" | "0" | "no" => false,
                _ => return Err(bad(name, value, "true or false")),
            }
        }
        "limit" => {
            out.query.page.limit = match value.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(bad(
                        name,
                        value,
                        &format!("a whole number from 1 to {MAX_LIMIT}"),
                    ))
                }
            };
            out.limit_given = true;
        }
        "offset" => {
            out.query.page.offset = match value.parse::<u64>() {
                Ok(n) if n <= MAX_OFFSET => n,
                _ => {
                    return Err(bad(
                        name,
                        value,
                        &format!("a whole number from 0 to {MAX_OFFSET}"),
                    ))
                }
            }
        }
        other => {
            // A route declared a parameter this parser does not know: a programming error,
            // reported rather than ignored.
            return Err(ApiError::internal(format!(
                "parameter {other:?} is declared but not handled"
            )));
        }
    }
    Ok(())
}

fn bad(name: &str, value: &str, expected: &str) -> ApiError {
    let shown: String = value.chars().take(60).collect();
    ApiError::bad_request(format!(
        "parameter {name:?}: expected {expected}, got {shown:?}"
    ))
}

fn code(name: &str, value: &str, min: usize, max: usize) -> ApiResult<String> {
    if value.len() < min || value.len() > max || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad(
            name,
            value,
            "a CAMEO actor or country code such as AFG, AFGGOV or IGOUNO",
        ));
    }
    Ok(value.to_ascii_uppercase())
}

fn digits(name: &str, value: &str, min: usize, max: usize) -> ApiResult<String> {
    if value.len() < min || value.len() > max || !value.chars().all(|c| c.is_ascii_digit()) {
        let what = if min == max {
            format!("{min} digits")
        } else {
            format!("{min} to {max} digits")
        };
        return Err(bad(name, value, &format!("a CAMEO code of {what}")));
    }
    Ok(value.to_string())
}

fn text(name: &str, value: &str) -> ApiResult<String> {
    if value.is_empty() {
        return Err(bad(name, value, "some words"));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::bad_request(format!(
            "parameter {name:?} is longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    Ok(value.to_string())
}

fn id(name: &str, value: &str) -> ApiResult<i64> {
    match value.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(bad(name, value, "a positive whole number")),
    }
}

/// A path id (`/api/documents/{id}`).
pub fn path_id(what: &str, value: &str) -> ApiResult<i64> {
    match value.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::bad_request(format!(
            "{what} id must be a positive whole number, got {:?}",
            value.chars().take(60).collect::<String>()
        ))),
    }
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn date(name: &str, value: &str) -> ApiResult<String> {
    if is_date(value) {
        Ok(value.to_string())
    } else {
        Err(bad(name, value, "a date as YYYY-MM-DD"))
    }
}

/// Is `s` a real calendar date written `YYYY-MM-DD`?
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

fn near(value: &str) -> ApiResult<Near> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    let nums: Vec<f64> = parts
        .iter()
        .filter_map(|p| p.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .collect();
    match nums[..] {
        [lat, lon, km]
            if parts.len() == 3
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon)
                && km > 0.0
                && km <= 20_100.0 =>
        {
            Ok(Near { lat, lon, km })
        }
        _ => Err(bad(
            "near",
            value,
            "LAT,LON,KM with -90≤LAT≤90, -180≤LON≤180 and 0<KM≤20100 (e.g. 34.5,69.2,50)",
        )),
    }
}

/// The page of a parsed query, with `default_limit` when the client gave none.
pub fn page_or(parsed: &Parsed, default_limit: u32) -> Page {
    Page {
        limit: if parsed.limit_given {
            parsed.query.page.limit
        } else {
            default_limit
        },
        offset: parsed.query.page.offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_lists_are_built_from_the_filters() {
        use crate::api::{LIST_PARAMS, SEARCH_PARAMS};
        assert_eq!(LIST_PARAMS.len(), FILTER_PARAMS.len() + 2);
        assert!(LIST_PARAMS.contains(&"text") && LIST_PARAMS.ends_with(&["limit", "offset"]));
        assert_eq!(SEARCH_PARAMS[0], "q");
        assert!(!SEARCH_PARAMS.contains(&"text"));
        assert!(FILTER_PARAMS
            .iter()
            .all(|p| *p == "text" || SEARCH_PARAMS.contains(p)));
    }

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn all() -> Vec<&'static str> {
        let mut v = FILTER_PARAMS.to_vec();
        v.extend(["limit", "offset", "q"]);
        v
    }

    #[test]
    fn every_filter_is_read() {
        let p = parse(
            &pairs(&[
                ("actor", "afg"),
                ("source", "RUSGOV"),
                ("target", "PAK"),
                ("cameo", "190"),
                ("root", "19"),
                ("quad", "4"),
                ("plover", "assault"),
                ("since", "2026-02-01"),
                ("until", "2026-03-17"),
                ("country", "afg"),
                ("near", "34.5,69.2,50"),
                ("claimant", "UNAMA"),
                ("text", "mediate"),
                ("document", "3"),
                ("story", "2"),
                ("include_duplicates", "true"),
                ("limit", "20"),
                ("offset", "40"),
            ]),
            &all(),
        )
        .expect("valid");
        let f = &p.query.filter;
        assert_eq!(f.actor.as_deref(), Some("AFG"));
        assert_eq!(f.plover.as_deref(), Some("ASSAULT"));
        assert_eq!(f.country.as_deref(), Some("AFG"));
        assert_eq!(f.quad, Some(4));
        assert_eq!(
            f.near,
            Some(Near {
                lat: 34.5,
                lon: 69.2,
                km: 50.0
            })
        );
        assert_eq!(f.document, Some(3));
        assert!(f.include_duplicates);
        assert_eq!(
            p.query.page,
            Page {
                limit: 20,
                offset: 40
            }
        );
    }

    #[test]
    fn bad_values_are_refused_with_the_parameter_named() {
        for (name, value) in [
            ("quad", "5"),
            ("since", "2026-02-30"),
            ("until", "17.03.2026"),
            ("cameo", "19x"),
            ("root", "190"),
            ("country", "Afghanistan"),
            ("near", "34.5,69.2"),
            ("near", "95,0,10"),
            ("near", "NaN,0,10"),
            ("limit", "0"),
            ("limit", "1001"),
            ("offset", "-1"),
            ("document", "abc"),
            ("actor", "AFG GOV"),
            ("include_duplicates", "maybe"),
        ] {
            let err = parse(&pairs(&[(name, value)]), &all()).expect_err(name);
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST);
            assert!(err.message.contains(name), "{name}: {}", err.message);
        }
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let err = parse(&pairs(&[("acter", "AFG")]), &all()).expect_err("unknown");
        assert!(err.message.contains("acter") && err.message.contains("actor"));
        let err = parse(&pairs(&[("quad", "1"), ("quad", "2")]), &all()).expect_err("repeat");
        assert!(err.message.contains("more than once"));
        let err = parse(&pairs(&[("limit", "5")]), &[]).expect_err("none accepted");
        assert!(err.message.contains("none"));
    }

    #[test]
    fn date_order_is_checked() {
        let err = parse(
            &pairs(&[("since", "2026-03-18"), ("until", "2026-03-17")]),
            &all(),
        )
        .expect_err("reversed");
        assert!(err.message.contains("after"));
    }

    #[test]
    fn dates_are_real() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-1-01"));
    }
}
