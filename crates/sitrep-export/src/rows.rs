//! The flat tables (events, claims, documents) as typed rows, shared by the CSV and Parquet
//! writers so that both carry the same columns with the same meanings.

use sitrep_model::{ActorRef, Place};

use crate::narrow::Narrow;
use crate::text::span_text;
use crate::{StoredDocument, Table};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Float,
}

/// One cell; `None` is an empty cell (a null in Parquet).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
}

impl Value {
    /// The cell as CSV text: empty for nulls, floats in their shortest round-trip form.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone().unwrap_or_default(),
            Value::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
            Value::Float(f) => f.map(|f| f.to_string()).unwrap_or_default(),
        }
    }
}

/// The columns of the events table.
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("doc", Kind::Int),
    ("story", Kind::Int),
    ("duplicate_of", Kind::Int),
    ("event_index", Kind::Int),
    ("published", Kind::Text),
    ("date", Kind::Text),
    ("source_text", Kind::Text),
    ("source_code", Kind::Text),
    ("source_country", Kind::Text),
    ("target_text", Kind::Text),
    ("target_code", Kind::Text),
    ("target_country", Kind::Text),
    ("cameo", Kind::Text),
    ("root", Kind::Text),
    ("quad", Kind::Int),
    ("goldstein", Kind::Float),
    ("plover", Kind::Text),
    ("confidence", Kind::Float),
    ("place_name", Kind::Text),
    ("place_country", Kind::Text),
    ("lat", Kind::Float),
    ("lon", Kind::Float),
    ("geonames_id", Kind::Int),
    ("sentence", Kind::Text),
    ("url", Kind::Text),
    ("title", Kind::Text),
];

/// The columns of the claims table.
pub const CLAIM_COLUMNS: &[(&str, Kind)] = &[
    ("doc", Kind::Int),
    ("story", Kind::Int),
    ("duplicate_of", Kind::Int),
    ("claim_index", Kind::Int),
    ("published", Kind::Text),
    ("claimant_text", Kind::Text),
    ("claimant_code", Kind::Text),
    ("claimant_country", Kind::Text),
    ("count", Kind::Int),
    ("count_max", Kind::Int),
    ("qualifier", Kind::Text),
    ("outcome", Kind::Text),
    ("victims", Kind::Text),
    ("country", Kind::Text),
    ("period_start", Kind::Text),
    ("period_end", Kind::Text),
    ("place_name", Kind::Text),
    ("place_country", Kind::Text),
    ("lat", Kind::Float),
    ("lon", Kind::Float),
    ("part_of", Kind::Int),
    ("text", Kind::Text),
    ("sentence", Kind::Text),
    ("url", Kind::Text),
    ("title", Kind::Text),
];

/// The columns of the documents table.
pub const DOCUMENT_COLUMNS: &[(&str, Kind)] = &[
    ("doc", Kind::Int),
    ("story", Kind::Int),
    ("duplicate_of", Kind::Int),
    ("similarity", Kind::Float),
    ("id", Kind::Text),
    ("url", Kind::Text),
    ("title", Kind::Text),
    ("published", Kind::Text),
    ("language", Kind::Text),
    ("events", Kind::Int),
    ("claims", Kind::Int),
    ("quotes", Kind::Int),
    ("entities", Kind::Int),
    ("places", Kind::Int),
    ("chars", Kind::Int),
    ("content_hash", Kind::Text),
    ("origin", Kind::Text),
    ("captured", Kind::Text),
    ("ingested_at", Kind::Text),
    ("reader_version", Kind::Text),
];

/// The columns of a table.
pub fn columns(table: Table) -> &'static [(&'static str, Kind)] {
    match table {
        Table::Events => EVENT_COLUMNS,
        Table::Claims => CLAIM_COLUMNS,
        Table::Documents => DOCUMENT_COLUMNS,
    }
}

fn text(s: Option<&str>) -> Value {
    Value::Text(s.map(str::to_string))
}

fn int<T: TryInto<i64>>(i: Option<T>) -> Value {
    Value::Int(i.and_then(|i| i.try_into().ok()))
}

fn actor(a: Option<&ActorRef>) -> [Value; 3] {
    [
        text(a.map(|a| a.text.as_str())),
        text(a.and_then(|a| a.code.as_deref())),
        text(a.and_then(|a| a.country.as_deref())),
    ]
}

fn place(p: Option<&Place>) -> [Value; 4] {
    [
        text(p.map(|p| p.name.as_str())),
        text(p.and_then(|p| p.country.as_deref())),
        Value::Float(p.map(|p| p.lat)),
        Value::Float(p.map(|p| p.lon)),
    ]
}

/// Calls `each` with every row of `table` in one document, in the table's column order: the
/// events or claims that `narrow` keeps, or the document itself.
pub fn rows(table: Table, d: &StoredDocument, narrow: &Narrow, each: &mut dyn FnMut(Vec<Value>)) {
    let r = &d.reading;
    let head = [
        Value::Int(Some(d.doc)),
        Value::Int(d.story),
        Value::Int(d.duplicate_of),
    ];
    match table {
        Table::Events => {
            for (i, e) in r.events.iter().enumerate() {
                if !narrow.event(e) {
                    continue;
                }
                let mut row = Vec::with_capacity(EVENT_COLUMNS.len());
                row.extend(head.iter().cloned());
                row.push(int(Some(i)));
                row.push(text(r.published.as_deref()));
                row.push(text(e.date.as_deref()));
                row.extend(actor(e.source.as_ref()));
                row.extend(actor(e.target.as_ref()));
                row.push(text(Some(&e.cameo)));
                row.push(text(Some(&e.root)));
                row.push(int(Some(e.quad)));
                row.push(Value::Float(Some(e.goldstein)));
                row.push(text(e.plover.as_deref()));
                row.push(Value::Float(Some(e.confidence)));
                row.extend(place(e.place.as_ref()));
                row.push(int(e.place.as_ref().and_then(|p| p.geonames_id)));
                row.push(Value::Text(Some(span_text(r, e.sentence))));
                row.push(text(r.url.as_deref()));
                row.push(text(r.title.as_deref()));
                each(row);
            }
        }
        Table::Claims => {
            for (i, c) in r.casualties.iter().enumerate() {
                if !narrow.claim(c) {
                    continue;
                }
                let mut row = Vec::with_capacity(CLAIM_COLUMNS.len());
                row.extend(head.iter().cloned());
                row.push(int(Some(i)));
                row.push(text(r.published.as_deref()));
                row.extend(actor(c.according_to.as_ref()));
                row.push(int(c.count));
                row.push(int(c.count_max));
                row.push(text(Some(&c.qualifier)));
                row.push(text(Some(&c.outcome)));
                row.push(text(Some(&c.victims)));
                row.push(text(c.country.as_deref()));
                row.push(text(c.period.as_ref().map(|p| p.start.as_str())));
                row.push(text(c.period.as_ref().map(|p| p.end.as_str())));
                row.extend(place(c.place.as_ref()));
                row.push(int(c.part_of));
                row.push(text(Some(&c.text)));
                row.push(Value::Text(Some(span_text(r, c.sentence))));
                row.push(text(r.url.as_deref()));
                row.push(text(r.title.as_deref()));
                each(row);
            }
        }
        Table::Documents => {
            let mut row = Vec::with_capacity(DOCUMENT_COLUMNS.len());
            row.extend(head);
            row.push(Value::Float(d.similarity));
            row.push(text(Some(&r.id)));
            row.push(text(r.url.as_deref()));
            row.push(text(r.title.as_deref()));
            row.push(text(r.published.as_deref()));
            row.push(text(r.language.as_deref()));
            row.push(int(Some(r.events.len())));
            row.push(int(Some(r.casualties.len())));
            row.push(int(Some(r.quotes.len())));
            row.push(int(Some(r.entities.len())));
            row.push(int(Some(r.places.len())));
            row.push(int(Some(r.text.chars().count())));
            row.push(text(Some(&d.content_hash)));
            row.push(Value::Text(Some(d.origin.to_string())));
            row.push(text(d.captured.as_deref()));
            row.push(text(Some(&d.ingested_at)));
            row.push(text(Some(&d.reader_version)));
            each(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    #[test]
    fn rows_match_their_columns() {
        let mut r = reading("a", "https://x.org/a");
        r.events.push(event("195"));
        r.casualties.push(claim(None, 3));
        let d = stored(1, 1, r);
        for table in [Table::Events, Table::Claims, Table::Documents] {
            let cols = columns(table);
            let mut n = 0;
            rows(table, &d, &Narrow::default(), &mut |row| {
                n += 1;
                assert_eq!(row.len(), cols.len(), "{table:?}");
                for (v, (name, kind)) in row.iter().zip(cols) {
                    let ok = matches!(
                        (v, kind),
                        (Value::Text(_), Kind::Text)
                            | (Value::Int(_), Kind::Int)
                            | (Value::Float(_), Kind::Float)
                    );
                    assert!(ok, "{table:?}.{name}: {v:?} is not {kind:?}");
                }
            });
            assert_eq!(n, 1);
        }
    }
}
