//! The flat tables as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a
//! quote or a line break, quotes doubled, CRLF-free `\n` line ends), with a header line.
//!
//! Columns are those of [`crate::rows`]: one row per event, per claim or per document. Every
//! document handed over is written, near-duplicate copies included (their `duplicate_of` is
//! set), so that filters decide what goes out.

use std::io::Write;

use crate::narrow::Narrow;
use crate::rows::{columns, rows};
use crate::{Exporter, Result, StoredDocument, Table};

/// Writes one table as CSV.
pub struct CsvExporter<W: Write> {
    table: Table,
    narrow: Narrow,
    out: csv::Writer<W>,
}

impl<W: Write> CsvExporter<W> {
    pub fn new(table: Table, out: W) -> CsvExporter<W> {
        CsvExporter {
            table,
            narrow: Narrow::default(),
            out: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(out),
        }
    }
}

impl<W: Write> CsvExporter<W> {
    /// Keeps only the events or claims that match `filter` ([`crate::narrow`]).
    pub fn narrowed(mut self, filter: sitrep_store::Filter) -> CsvExporter<W> {
        self.narrow = Narrow::new(filter);
        self
    }
}

impl<W: Write> Exporter for CsvExporter<W> {
    fn begin(&mut self) -> Result<()> {
        self.out
            .write_record(columns(self.table).iter().map(|(name, _)| *name))?;
        Ok(())
    }

    fn document(&mut self, doc: &StoredDocument) -> Result<()> {
        let mut failed = None;
        rows(self.table, doc, &self.narrow, &mut |row| {
            if failed.is_none() {
                if let Err(e) = self.out.write_record(row.iter().map(|v| v.to_text())) {
                    failed = Some(e);
                }
            }
        });
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn export(table: Table, docs: &[StoredDocument]) -> String {
        let mut buf = Vec::new();
        let mut e = CsvExporter::new(table, &mut buf);
        let mut src: &[StoredDocument] = docs;
        crate::run(&mut e, &mut src).unwrap();
        drop(e);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut r = reading("a", "https://x.org/a");
        r.title = Some("Say \"no\", then\nleave".into());
        let out = export(Table::Documents, &[stored(1, 1, r)]);
        let line2 = out.split_once('\n').unwrap().1;
        assert!(
            line2.contains(",\"Say \"\"no\"\", then\nleave\","),
            "{line2}"
        );
    }

    #[test]
    fn one_row_per_event_with_the_sentence() {
        let mut r = reading("a", "https://x.org/a");
        r.events.push(event("195"));
        r.events.push(event("190"));
        let out = export(Table::Events, &[stored(7, 3, r)]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("doc,story,duplicate_of,event_index,published,date,"));
        assert!(lines[1].starts_with("7,3,,0,2026-03-17,2026-03-16,Pakistan,PAKMIL,PAK,"));
        assert!(lines[1].contains(",195,19,4,-10,ASSAULT,0.8,Kabul,AFG,34.528,69.172,1138958,Pakistani jets struck Kabul.,https://x.org/a,Title of a"));
    }
}
