//! A [`Filter`] in SQL: one `WHERE` clause per kind of record, with its parameters.
//!
//! The meaning is the SQLite backend's, clause for clause (see `sqlite/filter.rs`): a filter
//! field about the listed records applies to them; a field about another kind of record narrows
//! to the documents holding a matching one. Codes match by prefix (`starts_with`, upper-cased
//! first). `near` is a bounding box here and the great-circle distance is checked in Rust
//! afterwards ([`within`]). Full text is the document's `tsvector` against the query translated
//! from the FTS5 syntax the SQLite backend takes ([`fts_query`]).
//!
//! Clauses are written with `?` placeholders, numbered (`$1`, `$2`, ...) by [`number`] once the
//! whole statement is assembled.

use postgres::types::ToSql;

use super::Conn;
use crate::error::StoreError;
use crate::query::{Filter, Near};
use crate::Result;

/// A statement parameter.
pub(super) type Param = Box<dyn ToSql + Sync + Send>;

/// What a query lists; decides where each filter field applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Events,
    Claims,
    Quotes,
    Entities,
    Places,
    Documents,
}

impl Kind {
    fn has_coordinates(self) -> bool {
        matches!(self, Kind::Events | Kind::Claims | Kind::Places)
    }
}

/// A `WHERE` clause (`TRUE` when nothing narrows) and its parameters.
#[derive(Default)]
pub(super) struct Where {
    pub sql: String,
    pub params: Vec<Param>,
    /// Set when rows must still be checked against a circle.
    pub near: Option<Near>,
}

#[derive(Default)]
struct Builder {
    conds: Vec<String>,
    params: Vec<Param>,
}

impl Builder {
    fn push(&mut self, sql: impl Into<String>, params: Vec<Param>) {
        self.conds.push(sql.into());
        self.params.extend(params);
    }
}

pub(super) fn text(s: &str) -> Param {
    Box::new(s.to_string())
}

fn upper(code: &str) -> Param {
    Box::new(code.trim().to_uppercase())
}

/// Numbers the `?` placeholders of `sql` from `$first`.
pub(super) fn number(sql: &str, first: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = first;
    for ch in sql.chars() {
        if ch == '?' {
            out.push('$');
            out.push_str(&n.to_string());
            n += 1;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The parameters as the driver takes them.
pub(super) fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

fn check_date(flag: &str, d: &str) -> Result<()> {
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
pub(super) fn validate(f: &Filter) -> Result<()> {
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

fn event_conds(f: &Filter, b: &mut Builder) {
    if let Some(s) = &f.source {
        b.push("starts_with(e.source_code, ?)", vec![upper(s)]);
    }
    if let Some(t) = &f.target {
        b.push("starts_with(e.target_code, ?)", vec![upper(t)]);
    }
    if let Some(c) = &f.cameo {
        b.push("starts_with(e.cameo, ?)", vec![upper(c)]);
    }
    if let Some(r) = &f.root {
        b.push("e.root = ?", vec![text(r.trim())]);
    }
    if let Some(q) = f.quad {
        b.push("e.quad = ?", vec![Box::new(i64::from(q))]);
    }
    if let Some(p) = &f.plover {
        b.push("upper(e.plover) = ?", vec![upper(p)]);
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

const EVENT_ACTOR: &str = "(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?)
    OR e.source_country = ? OR e.target_country = ?)";

fn actor_params(a: &str) -> Vec<Param> {
    vec![upper(a), upper(a), upper(a), upper(a)]
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
        vec![Box::new(lat_min), Box::new(lat_max)],
    );
    if let Some((lo, hi)) = lon {
        b.push(
            format!("{alias}.lon BETWEEN ? AND ?"),
            vec![Box::new(lo), Box::new(hi)],
        );
    }
}

/// Great-circle distance in kilometres.
pub(super) fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Whether a point lies in the circle (a record without coordinates does not).
pub(super) fn within(near: &Near, lat: Option<f64>, lon: Option<f64>) -> bool {
    match (lat, lon) {
        (Some(lat), Some(lon)) => distance_km(near.lat, near.lon, lat, lon) <= near.km,
        _ => false,
    }
}

/// The documents with a place in the circle.
fn documents_near(conn: &mut Conn, target: &str, n: &Near) -> Result<Vec<i64>> {
    let mut b = Builder::default();
    box_cond("p", n, &mut b);
    let sql = format!(
        "SELECT DISTINCT p.doc, p.lat, p.lon FROM places p WHERE {}",
        b.conds.join(" AND ")
    );
    let rows = conn
        .query(&number(&sql, 1), &refs(&b.params))
        .map_err(super::db_err(target, "places near"))?;
    let mut docs: Vec<i64> = rows
        .iter()
        .filter(|r| distance_km(n.lat, n.lon, r.get(1), r.get(2)) <= n.km)
        .map(|r| r.get(0))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    Ok(docs)
}

/// The `WHERE` clause of a filter for one kind of record.
pub(super) fn build(conn: &mut Conn, target: &str, f: &Filter, kind: Kind) -> Result<Where> {
    validate(f)?;
    let mut b = Builder::default();

    if let Some(d) = f.document {
        b.push("d.id = ?", vec![Box::new(d)]);
    }
    if let Some(s) = f.story {
        b.push("d.story = ?", vec![Box::new(s)]);
    }
    if !f.include_duplicates {
        b.push("d.duplicate_of IS NULL", vec![]);
    }
    if let Some(t) = &f.text {
        b.push(
            "d.fts @@ to_tsquery('simple', ?)",
            vec![Box::new(fts_query(t)?)],
        );
    }

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

    if let Some(a) = &f.actor {
        match kind {
            Kind::Events => b.push(EVENT_ACTOR, actor_params(a)),
            Kind::Claims => b.push(
                "(starts_with(c.claimant_code, ?) OR c.claimant_country = ?)",
                vec![upper(a), upper(a)],
            ),
            Kind::Quotes => b.push(
                "(starts_with(q.speaker_code, ?) OR q.speaker_country = ?)",
                vec![upper(a), upper(a)],
            ),
            Kind::Entities => b.push(
                "(starts_with(en.code, ?) OR en.country = ?)",
                vec![upper(a), upper(a)],
            ),
            Kind::Places | Kind::Documents => {
                let mut params = vec![upper(a), upper(a)];
                params.extend(actor_params(a));
                b.push(
                    format!(
                        "(EXISTS (SELECT 1 FROM entities en2 WHERE en2.doc = d.id
                                  AND (starts_with(en2.code, ?) OR en2.country = ?))
                          OR EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND {EVENT_ACTOR}))"
                    ),
                    params,
                )
            }
        }
    }

    let (since, until) = (f.since.as_deref(), f.until.as_deref());
    match kind {
        Kind::Events => {
            if let Some(s) = since {
                b.push("coalesce(e.date, d.published) >= ?", vec![text(s)]);
            }
            if let Some(u) = until {
                b.push("coalesce(e.date, d.published) <= ?", vec![text(u)]);
            }
        }
        Kind::Claims => {
            if let Some(s) = since {
                b.push("coalesce(c.period_end, d.published) >= ?", vec![text(s)]);
            }
            if let Some(u) = until {
                b.push("coalesce(c.period_start, d.published) <= ?", vec![text(u)]);
            }
        }
        _ => {
            if let Some(s) = since {
                b.push("d.published >= ?", vec![text(s)]);
            }
            if let Some(u) = until {
                b.push("d.published <= ?", vec![text(u)]);
            }
        }
    }

    if let Some(c) = &f.country {
        match kind {
            Kind::Events => b.push("e.place_country = ?", vec![upper(c)]),
            Kind::Claims => b.push("c.place_country = ?", vec![upper(c)]),
            Kind::Places => b.push("p.country = ?", vec![upper(c)]),
            _ => b.push(
                "EXISTS (SELECT 1 FROM places p2 WHERE p2.doc = d.id AND p2.country = ?)",
                vec![upper(c)],
            ),
        }
    }

    if let Some(who) = &f.claimant {
        let cond =
            "(starts_with(X.claimant_code, ?) OR strpos(lower(X.claimant_text), lower(?)) > 0)";
        let params = vec![upper(who), text(who.trim())];
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

    let mut near = None;
    if let Some(n) = &f.near {
        match kind {
            Kind::Events => box_cond("e", n, &mut b),
            Kind::Claims => box_cond("c", n, &mut b),
            Kind::Places => box_cond("p", n, &mut b),
            _ => {
                let docs = documents_near(conn, target, n)?;
                b.push("d.id = ANY(?)", vec![Box::new(docs)]);
            }
        }
        if kind.has_coordinates() {
            near = Some(*n);
        }
    }

    Ok(Where {
        sql: if b.conds.is_empty() {
            "TRUE".to_string()
        } else {
            b.conds.join(" AND ")
        },
        params: b.params,
        near,
    })
}

/// A token of the FTS5 query syntax.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    /// Words of a bareword or a quoted phrase, and whether the last is a prefix (`word*`).
    Phrase(Vec<String>, bool),
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn tokens(q: &str) -> Result<Vec<Token>> {
    let bad = |why: &str| StoreError::Query(format!("text search: {why} in {q:?}"));
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Token::Open);
            }
            ')' => {
                chars.next();
                out.push(Token::Close);
            }
            '"' => {
                chars.next();
                let mut phrase = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            phrase.push('"');
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        phrase.push(c);
                    }
                }
                if !closed {
                    return Err(bad("unterminated phrase"));
                }
                let prefix = chars.peek() == Some(&'*');
                if prefix {
                    chars.next();
                }
                out.push(Token::Phrase(words(&phrase), prefix));
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                match word.as_str() {
                    "AND" => out.push(Token::And),
                    "OR" => out.push(Token::Or),
                    "NOT" => out.push(Token::Not),
                    _ => {
                        let prefix = word.ends_with('*');
                        let w = words(word.trim_end_matches('*'));
                        if w.is_empty() {
                            return Err(bad(&format!("no words in {word:?}")));
                        }
                        out.push(Token::Phrase(w, prefix));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// A recursive-descent reading of FTS5's grammar (NOT binds tighter than AND, AND than OR;
/// adjacent phrases are ANDed), written out as a `to_tsquery` expression.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
    query: String,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn fail(&self, why: &str) -> StoreError {
        StoreError::Query(format!("text search: {why} in {:?}", self.query))
    }

    fn or(&mut self) -> Result<String> {
        let mut out = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            out = format!("({out} | {})", self.and()?);
        }
        Ok(out)
    }

    fn and(&mut self) -> Result<String> {
        let mut out = self.not()?;
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.at += 1;
                    out = format!("({out} & {})", self.not()?);
                }
                Some(Token::Phrase(..)) | Some(Token::Open) => {
                    out = format!("({out} & {})", self.not()?);
                }
                _ => return Ok(out),
            }
        }
    }

    fn not(&mut self) -> Result<String> {
        let mut out = self.primary()?;
        while self.peek() == Some(&Token::Not) {
            self.at += 1;
            out = format!("({out} & !{})", self.primary()?);
        }
        Ok(out)
    }

    fn primary(&mut self) -> Result<String> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Phrase(words, prefix)) => {
                self.at += 1;
                if words.is_empty() {
                    return Err(self.fail("an empty phrase"));
                }
                let last = words.len() - 1;
                let parts: Vec<String> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if prefix && i == last {
                            format!("'{w}':*")
                        } else {
                            format!("'{w}'")
                        }
                    })
                    .collect();
                Ok(format!("({})", parts.join(" <-> ")))
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(self.fail("an unclosed parenthesis"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(t) => Err(self.fail(&format!("unexpected {t:?}"))),
            None => Err(self.fail("an incomplete query")),
        }
    }
}

/// The FTS5 query syntax of the SQLite backend (words, "phrases", AND, OR, NOT, prefix*,
/// parentheses) as a `to_tsquery('simple', ...)` expression; a malformed query is a
/// [`StoreError::Query`], as there.
pub(super) fn fts_query(q: &str) -> Result<String> {
    let mut p = Parser {
        tokens: tokens(q)?,
        at: 0,
        query: q.to_string(),
    };
    let out = p.or()?;
    if p.at != p.tokens.len() {
        return Err(p.fail("trailing words"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_queries_translate() {
        assert_eq!(fts_query("drone").unwrap(), "('drone')");
        assert_eq!(
            fts_query("\"Drone strike\" AND kyiv").unwrap(),
            "(('drone' <-> 'strike') & ('kyiv'))"
        );
        assert_eq!(
            fts_query("drone NOT kyiv").unwrap(),
            "(('drone') & !('kyiv'))"
        );
        assert_eq!(
            fts_query("clash* OR fighting").unwrap(),
            "(('clash':*) | ('fighting'))"
        );
        assert_eq!(fts_query("a b").unwrap(), "(('a') & ('b'))");
        assert_eq!(fts_query("al-Fasher").unwrap(), "('al' <-> 'fasher')");
        for bad in [
            "\"unbalanced",
            "AND AND",
            "drone NOT",
            "(a",
            "a)",
            "-",
            "\"\"",
        ] {
            assert!(matches!(fts_query(bad), Err(StoreError::Query(_))), "{bad}");
        }
    }

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(number("a = ? AND b = ?", 3), "a = $3 AND b = $4");
    }

    #[test]
    fn distances_are_great_circle() {
        let d = distance_km(34.53, 69.17, 33.69, 73.06);
        assert!((340.0..400.0).contains(&d), "{d}");
    }
}
