//! A [`Filter`] in SQL: one `WHERE` clause per kind of record, with its parameters.
//!
//! Every query joins its records to `documents d`. A filter field that is about the records
//! themselves applies to them (an event's codes, a claim's claimant, a quote's speaker, an
//! entity's code); a field about another kind of record narrows to the documents that hold a
//! matching one (`--cameo 19` on claims: the claims of documents with an event coded 19x).
//! Codes match by prefix with `GLOB`, which is case-sensitive and can use the indexes; they are
//! upper-cased first, since CAMEO and ISO codes are.
//!
//! `near` is a bounding box here; the exact great-circle distance is checked in Rust afterwards
//! ([`within`]), on the coordinates of the record itself (events, claims, places) or of the
//! places of the document (everything else, resolved here to a list of documents).

use rusqlite::types::Value;
use rusqlite::Connection;

use super::{DbResult, Op};
use crate::error::StoreError;
use crate::query::{Filter, Near};

/// What a query lists; decides where each filter field applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `events e`
    Events,
    /// `claims c`
    Claims,
    /// `quotes q`
    Quotes,
    /// `entities en`
    Entities,
    /// `places p`
    Places,
    /// Documents only (`documents d`).
    Documents,
}

impl Kind {
    /// Whether the records carry their own coordinates, checked in Rust after the query.
    pub fn has_coordinates(self) -> bool {
        matches!(self, Kind::Events | Kind::Claims | Kind::Places)
    }
}

/// A `WHERE` clause (without the keyword; `1` when nothing narrows) and its parameters.
#[derive(Debug, Default)]
pub struct Where {
    pub sql: String,
    pub params: Vec<Value>,
    /// Set when rows must still be checked against a circle (records with coordinates).
    pub near: Option<Near>,
}

#[derive(Default)]
struct Builder {
    conds: Vec<String>,
    params: Vec<Value>,
}

impl Builder {
    fn push(&mut self, sql: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.conds.push(sql.into());
        self.params.extend(params);
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A GLOB pattern matching the codes that start with `code`.
fn prefix(code: &str) -> Value {
    let mut p = String::with_capacity(code.len() + 1);
    for ch in code.trim().to_uppercase().chars() {
        match ch {
            '*' | '?' | '[' => {
                p.push('[');
                p.push(ch);
                p.push(']');
            }
            _ => p.push(ch),
        }
    }
    p.push('*');
    Value::Text(p)
}

fn upper(code: &str) -> Value {
    Value::Text(code.trim().to_uppercase())
}

fn check_date(flag: &str, d: &str) -> Result<(), StoreError> {
    let b = d.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if shaped {
        Ok(())
    } else {
        Err(StoreError::Query(format!(
            "{flag}: expected a date as YYYY-MM-DD, got {d:?}"
        )))
    }
}

/// Checks the values of a filter that SQL would take without complaint.
pub fn validate(f: &Filter) -> Result<(), StoreError> {
    if let Some(q) = f.quad {
        if !(1..=4).contains(&q) {
            return Err(StoreError::Query(format!("quad: expected 1 to 4, got {q}")));
        }
    }
    if let Some(d) = &f.since {
        check_date("since", d)?;
    }
    if let Some(d) = &f.until {
        check_date("until", d)?;
    }
    if let Some(n) = &f.near {
        let ok = (-90.0..=90.0).contains(&n.lat)
            && (-180.0..=180.0).contains(&n.lon)
            && n.km > 0.0
            && n.km.is_finite();
        if !ok {
            return Err(StoreError::Query(format!(
                "near: expected -90≤lat≤90, -180≤lon≤180 and km>0, got {},{},{}",
                n.lat, n.lon, n.km
            )));
        }
    }
    if let Some(t) = &f.text {
        if t.trim().is_empty() {
            return Err(StoreError::Query("text: empty search".to_string()));
        }
    }
    Ok(())
}

/// The event conditions of a filter, on alias `e` (without `actor`).
fn event_conds(f: &Filter, b: &mut Builder) {
    if let Some(s) = &f.source {
        b.push("e.source_code GLOB ?", [prefix(s)]);
    }
    if let Some(t) = &f.target {
        b.push("e.target_code GLOB ?", [prefix(t)]);
    }
    if let Some(c) = &f.cameo {
        b.push("e.cameo GLOB ?", [prefix(c)]);
    }
    if let Some(r) = &f.root {
        b.push("e.root = ?", [text(r.trim())]);
    }
    if let Some(q) = f.quad {
        b.push("e.quad = ?", [Value::Integer(q.into())]);
    }
    if let Some(p) = &f.plover {
        b.push("upper(e.plover) = ?", [upper(p)]);
    }
}

fn has_event_conds(f: &Filter) -> bool {
    f.source.is_some()
        || f.target.is_some()
        || f.cameo.is_some()
        || f.root.is_some()
        || f.quad.is_some()
        || f.plover.is_some()
}

const EVENT_ACTOR: &str =
    "(e.source_code GLOB ? OR e.target_code GLOB ? OR e.source_country = ? OR e.target_country = ?)";

fn actor_params(a: &str) -> [Value; 4] {
    [prefix(a), prefix(a), upper(a), upper(a)]
}

/// The bounding box of a circle, as (lat_min, lat_max, lon range if it does not wrap).
fn bounding_box(n: &Near) -> (f64, f64, Option<(f64, f64)>) {
    let dlat = n.km / 111.2;
    let cos = n.lat.to_radians().cos();
    let lon = if cos > 0.01 {
        let dlon = n.km / (111.2 * cos);
        let (lo, hi) = (n.lon - dlon, n.lon + dlon);
        (lo >= -180.0 && hi <= 180.0).then_some((lo, hi))
    } else {
        None
    };
    (n.lat - dlat, n.lat + dlat, lon)
}

fn box_cond(alias: &str, n: &Near, b: &mut Builder) {
    let (lat_min, lat_max, lon) = bounding_box(n);
    b.push(
        format!("{alias}.lat BETWEEN ? AND ?"),
        [Value::Real(lat_min), Value::Real(lat_max)],
    );
    if let Some((lo, hi)) = lon {
        b.push(
            format!("{alias}.lon BETWEEN ? AND ?"),
            [Value::Real(lo), Value::Real(hi)],
        );
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Whether a point lies in the circle (a record without coordinates does not).
pub fn within(near: &Near, lat: Option<f64>, lon: Option<f64>) -> bool {
    match (lat, lon) {
        (Some(lat), Some(lon)) => distance_km(near.lat, near.lon, lat, lon) <= near.km,
        _ => false,
    }
}

/// The documents with a place in the circle, as a JSON array for `json_each`.
fn documents_near(conn: &Connection, n: &Near) -> DbResult<String> {
    let mut b = Builder::default();
    box_cond("p", n, &mut b);
    let sql = format!(
        "SELECT DISTINCT p.doc, p.lat, p.lon FROM places p WHERE {}",
        b.conds.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql).op("places near")?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(b.params), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })
        .op("places near")?;
    let mut docs = Vec::new();
    for row in rows {
        let (doc, lat, lon) = row.op("places near")?;
        if distance_km(n.lat, n.lon, lat, lon) <= n.km {
            docs.push(doc);
        }
    }
    docs.sort_unstable();
    docs.dedup();
    Ok(serde_json::to_string(&docs).unwrap_or_else(|_| "[]".to_string()))
}

/// The `WHERE` clause of a filter for one kind of record.
pub fn build(conn: &Connection, f: &Filter, kind: Kind) -> DbResult<Where> {
    validate(f)?;
    let mut b = Builder::default();

    // Document identity, story and duplicates.
    if let Some(d) = f.document {
        b.push("d.id = ?", [Value::Integer(d)]);
    }
    if let Some(s) = f.story {
        b.push("d.story = ?", [Value::Integer(s)]);
    }
    if !f.include_duplicates {
        // Most documents are originals, so this test narrows little: the unary `+` keeps the
        // planner from driving the query by the duplicate_of index, and lets it walk the list's
        // order index instead and stop at the page (0.2 s → 2 ms for a first page of events over
        // 120,000).
        b.push("+d.duplicate_of IS NULL", []);
    }
    if let Some(t) = &f.text {
        b.push(
            "d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
            [text(t)],
        );
    }

    // Event fields.
    if kind == Kind::Events {
        event_conds(f, &mut b);
    } else if has_event_conds(f) {
        let mut inner = Builder::default();
        event_conds(f, &mut inner);
        b.push(
            format!(
                "EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND {})",
                inner.conds.join(" AND ")
            ),
            inner.params,
        );
    }

    // Actor: the record's own actor where it has one, else any entity or event actor.
    if let Some(a) = &f.actor {
        match kind {
            Kind::Events => b.push(EVENT_ACTOR, actor_params(a)),
            Kind::Claims => b.push(
                "(c.claimant_code GLOB ? OR c.claimant_country = ?)",
                [prefix(a), upper(a)],
            ),
            Kind::Quotes => b.push(
                "(q.speaker_code GLOB ? OR q.speaker_country = ?)",
                [prefix(a), upper(a)],
            ),
            Kind::Entities => b.push("(en.code GLOB ? OR en.country = ?)", [prefix(a), upper(a)]),
            Kind::Places | Kind::Documents => {
                let mut params = vec![prefix(a), upper(a)];
                params.extend(actor_params(a));
                b.push(
                    format!(
                        "(EXISTS (SELECT 1 FROM entities en2 WHERE en2.doc = d.id
                                  AND (en2.code GLOB ? OR en2.country = ?))
                          OR EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND {EVENT_ACTOR}))"
                    ),
                    params,
                )
            }
        }
    }

    // Dates.
    let (since, until) = (f.since.as_deref(), f.until.as_deref());
    match kind {
        Kind::Events => {
            if let Some(s) = since {
                b.push("e.date >= ?", [text(s)]);
            }
            if let Some(u) = until {
                b.push("e.date <= ?", [text(u)]);
            }
        }
        Kind::Claims => {
            // A claim's period overlaps the range; without a period, its publication date.
            if let Some(s) = since {
                b.push("coalesce(c.period_end, d.published) >= ?", [text(s)]);
            }
            if let Some(u) = until {
                b.push("coalesce(c.period_start, d.published) <= ?", [text(u)]);
            }
        }
        _ => {
            if let Some(s) = since {
                b.push("d.published >= ?", [text(s)]);
            }
            if let Some(u) = until {
                b.push("d.published <= ?", [text(u)]);
            }
        }
    }

    // Country of the place.
    if let Some(c) = &f.country {
        match kind {
            Kind::Events => b.push("e.place_country = ?", [upper(c)]),
            Kind::Claims => b.push("c.place_country = ?", [upper(c)]),
            Kind::Places => b.push("p.country = ?", [upper(c)]),
            _ => b.push(
                "EXISTS (SELECT 1 FROM places p2 WHERE p2.doc = d.id AND p2.country = ?)",
                [upper(c)],
            ),
        }
    }

    // Claimant.
    if let Some(who) = &f.claimant {
        let cond = "(X.claimant_code GLOB ? OR instr(lower(X.claimant_text), lower(?)) > 0)";
        let params = [prefix(who), text(who.trim())];
        if kind == Kind::Claims {
            b.push(cond.replace("X.", "c."), params);
        } else {
            b.push(
                format!(
                    "EXISTS (SELECT 1 FROM claims c2 WHERE c2.doc = d.id AND {})",
                    cond.replace("X.", "c2.")
                ),
                params,
            );
        }
    }

    // Near: a box on the records' own coordinates, or the documents with a place in the circle.
    let mut near = None;
    if let Some(n) = &f.near {
        match kind {
            Kind::Events => box_cond("e", n, &mut b),
            Kind::Claims => box_cond("c", n, &mut b),
            Kind::Places => box_cond("p", n, &mut b),
            _ => {
                let docs = documents_near(conn, n)?;
                b.push("d.id IN (SELECT value FROM json_each(?))", [text(&docs)]);
            }
        }
        if kind.has_coordinates() {
            near = Some(*n);
        }
    }

    Ok(Where {
        sql: if b.conds.is_empty() {
            "1".to_string()
        } else {
            b.conds.join(" AND ")
        },
        params: b.params,
        near,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_escape_glob_characters() {
        assert_eq!(prefix("afg"), Value::Text("AFG*".into()));
        assert_eq!(prefix("a*b"), Value::Text("A[*]B*".into()));
    }

    #[test]
    fn distances_are_great_circle() {
        // Kabul to Islamabad is about 370 km.
        let d = distance_km(34.53, 69.17, 33.69, 73.06);
        assert!((340.0..400.0).contains(&d), "{d}");
        assert!(distance_km(10.0, 20.0, 10.0, 20.0) < 1e-9);
    }

    #[test]
    fn bad_values_are_query_errors() {
        let f = Filter {
            quad: Some(5),
            ..Filter::default()
        };
        assert!(matches!(validate(&f), Err(StoreError::Query(_))));
        let f = Filter {
            since: Some("yesterday".into()),
            ..Filter::default()
        };
        assert!(matches!(validate(&f), Err(StoreError::Query(_))));
    }
}
