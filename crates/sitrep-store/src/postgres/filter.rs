//! A [`Filter`] as SQL conditions with numbered parameters.
//!
//! Each query names the table it lists ([`Scope`]); a filter that speaks of another kind of
//! record (a claimant filter on an event list) asks that the document holds such a record.
//! Conditions refer to the document as `d` and to the listed record as `r`.

use postgres::types::ToSql;

use crate::{Filter, Result, StoreError};

/// What a query lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Documents,
    Events,
    Claims,
    Quotes,
}

/// Parameters gathered while conditions are written.
#[derive(Default)]
pub(super) struct Params {
    values: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl Params {
    /// Adds a value and returns its placeholder (`$n`).
    pub(super) fn push<T: ToSql + Sync + Send + 'static>(&mut self, v: T) -> String {
        self.values.push(Box::new(v));
        format!("${}", self.values.len())
    }

    /// The values, as the driver wants them.
    pub(super) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values
            .iter()
            .map(|b| b.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}

/// The conditions of a filter over `scope`, joined with `AND` (`TRUE` for none).
pub(super) fn where_clause(f: &Filter, scope: Scope, p: &mut Params) -> Result<String> {
    check(f)?;
    let mut c: Vec<String> = Vec::new();
    if let Some(doc) = f.document {
        c.push(format!("d.id = {}", p.push(doc)));
    }
    if let Some(story) = f.story {
        c.push(format!("d.story = {}", p.push(story)));
    }
    if !f.include_duplicates {
        c.push("d.duplicate_of IS NULL".to_string());
    }
    if let Some(text) = f.text.as_deref().filter(|t| !t.trim().is_empty()) {
        c.push(format!(
            "d.tsv @@ websearch_to_tsquery('simple', {})",
            p.push(text.to_string())
        ));
    }
    match scope {
        Scope::Events => {
            c.extend(event_conditions(f, "r", p));
            c.extend(dates(f, "coalesce(r.date, d.published)", p));
            c.extend(place(f, "r.place_country", "r.lat", "r.lon", p));
            if let Some(cl) = claim_conditions(f, "x", p) {
                c.push(exists("claims", &cl));
            }
        }
        Scope::Claims => {
            c.extend(claim_actor(f, "r", p));
            if let Some(cl) = claimant(f, "r", p) {
                c.push(cl);
            }
            c.extend(dates(f, "coalesce(r.date, d.published)", p));
            c.extend(place(
                f,
                "coalesce(r.place_country, r.country)",
                "r.lat",
                "r.lon",
                p,
            ));
            let ev = event_conditions_only(f, "x", p);
            if !ev.is_empty() {
                c.push(exists("events", &ev.join(" AND ")));
            }
        }
        Scope::Quotes | Scope::Documents => {
            c.extend(dates(f, "d.published", p));
            if scope == Scope::Quotes {
                if let Some(a) = f.actor.clone() {
                    let v = p.push(a);
                    c.push(format!(
                        "(starts_with(r.speaker_code, {v}) OR r.speaker_country = {v} OR {})",
                        doc_actor(&v)
                    ));
                }
            } else if let Some(a) = f.actor.clone() {
                let v = p.push(a);
                c.push(doc_actor(&v));
            }
            let ev = event_conditions_only(f, "x", p);
            if !ev.is_empty() {
                c.push(exists("events", &ev.join(" AND ")));
            }
            let pl = place(f, "x.country", "x.lat", "x.lon", p);
            if !pl.is_empty() {
                c.push(exists("places", &pl.join(" AND ")));
            }
            if let Some(cl) = claim_conditions(f, "x", p) {
                c.push(exists("claims", &cl));
            }
        }
    }
    Ok(if c.is_empty() {
        "TRUE".to_string()
    } else {
        c.join(" AND ")
    })
}

/// The filter's dates and numbers are checked before any SQL is written.
fn check(f: &Filter) -> Result<()> {
    for (name, d) in [("since", &f.since), ("until", &f.until)] {
        if let Some(d) = d {
            let ok = d.len() == 10
                && sitrep_pipeline::datetime::normalize_date(d).as_deref() == Some(d.as_str());
            if !ok {
                return Err(StoreError::Query(format!(
                    "{name}: expected a date as YYYY-MM-DD, got {d:?}"
                )));
            }
        }
    }
    if let Some(q) = f.quad {
        if !(1..=4).contains(&q) {
            return Err(StoreError::Query(format!("quad must be 1-4, got {q}")));
        }
    }
    if let Some(n) = f.near {
        let ok = (-90.0..=90.0).contains(&n.lat) && (-180.0..=180.0).contains(&n.lon) && n.km > 0.0;
        if !ok {
            return Err(StoreError::Query(format!(
                "near: expected -90<=lat<=90, -180<=lon<=180 and km>0, got {n:?}"
            )));
        }
    }
    Ok(())
}

fn exists(table: &str, cond: &str) -> String {
    format!("EXISTS (SELECT 1 FROM {table} x WHERE x.doc = d.id AND {cond})")
}

/// A document mentions an actor: an entity with that code prefix or country, or an event side.
fn doc_actor(v: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM entities x WHERE x.doc = d.id AND (starts_with(x.code, {v}) OR x.country = {v}))
          OR EXISTS (SELECT 1 FROM events x WHERE x.doc = d.id AND {}))",
        event_actor("x", v)
    )
}

fn event_actor(a: &str, v: &str) -> String {
    format!(
        "(starts_with({a}.source_code, {v}) OR starts_with({a}.target_code, {v})
          OR {a}.source_country = {v} OR {a}.target_country = {v})"
    )
}

/// Conditions on an event row, the actor included.
fn event_conditions(f: &Filter, a: &str, p: &mut Params) -> Vec<String> {
    let mut c = Vec::new();
    if let Some(actor) = f.actor.clone() {
        let v = p.push(actor);
        c.push(event_actor(a, &v));
    }
    c.extend(event_conditions_only(f, a, p));
    c
}

/// Conditions that only an event can meet (no actor: others meet that too).
fn event_conditions_only(f: &Filter, a: &str, p: &mut Params) -> Vec<String> {
    let mut c = Vec::new();
    if let Some(s) = f.source.clone() {
        c.push(format!("starts_with({a}.source_code, {})", p.push(s)));
    }
    if let Some(t) = f.target.clone() {
        c.push(format!("starts_with({a}.target_code, {})", p.push(t)));
    }
    if let Some(code) = f.cameo.clone() {
        c.push(format!("starts_with({a}.cameo, {})", p.push(code)));
    }
    if let Some(root) = f.root.clone() {
        c.push(format!("{a}.root = {}", p.push(root)));
    }
    if let Some(q) = f.quad {
        c.push(format!("{a}.quad = {}", p.push(i32::from(q))));
    }
    if let Some(pl) = f.plover.clone() {
        c.push(format!("upper({a}.plover) = upper({})", p.push(pl)));
    }
    c
}

/// A claim's actor: its claimant's code prefix, or the victims' country.
fn claim_actor(f: &Filter, a: &str, p: &mut Params) -> Option<String> {
    let v = p.push(f.actor.clone()?);
    Some(format!(
        "(starts_with({a}.claimant_code, {v}) OR {a}.country = {v})"
    ))
}

fn claimant(f: &Filter, a: &str, p: &mut Params) -> Option<String> {
    let v = p.push(f.claimant.clone()?);
    Some(format!(
        "(starts_with({a}.claimant_code, {v}) OR strpos(lower({a}.claimant_text), lower({v})) > 0)"
    ))
}

/// Conditions that only a claim can meet (the claimant).
fn claim_conditions(f: &Filter, a: &str, p: &mut Params) -> Option<String> {
    claimant(f, a, p)
}

fn dates(f: &Filter, col: &str, p: &mut Params) -> Vec<String> {
    let mut c = Vec::new();
    if let Some(s) = f.since.clone() {
        c.push(format!("{col} >= {}", p.push(s)));
    }
    if let Some(u) = f.until.clone() {
        c.push(format!("{col} <= {}", p.push(u)));
    }
    c
}

fn place(f: &Filter, country: &str, lat: &str, lon: &str, p: &mut Params) -> Vec<String> {
    let mut c = Vec::new();
    if let Some(k) = f.country.clone() {
        c.push(format!("{country} = {}", p.push(k)));
    }
    if let Some(n) = f.near {
        c.push(format!(
            "{} <= {}",
            km(lat, lon, &p.push(n.lat), &p.push(n.lon)),
            p.push(n.km)
        ));
    }
    c
}

/// The great-circle distance in km between two points (haversine), as SQL.
pub(super) fn km(lat1: &str, lon1: &str, lat2: &str, lon2: &str) -> String {
    format!(
        "(2 * 6371.0088 * asin(least(1.0, sqrt(power(sin(radians({lat2} - {lat1}) / 2), 2)
          + cos(radians({lat1})) * cos(radians({lat2})) * power(sin(radians({lon2} - {lon1}) / 2), 2)))))"
    )
}
