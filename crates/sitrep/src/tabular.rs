//! Rows on standard output: aligned text tables for people, CSV and JSON for programs.
//!
//! A [`Table`] is a header and rows of cells; [`Table::write_text`] aligns the columns and cuts
//! long cells (with `…`) so that a row fits a line, and [`Table::write_csv`] quotes as RFC 4180
//! asks (fields with commas, quotes or line breaks in double quotes, quotes doubled).

use std::io::{self, Write};

/// Output formats of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns, long cells cut (the default on a terminal).
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line (the default when piped).
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

impl OutputFormat {
    /// The format asked for, else a table on a terminal and JSON Lines otherwise.
    pub fn or_default(asked: Option<OutputFormat>) -> OutputFormat {
        use std::io::IsTerminal;
        asked.unwrap_or(if io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        })
    }
}

/// A header and rows of cells.
#[derive(Debug, Default)]
pub struct Table {
    pub header: Vec<&'static str>,
    /// The widest each column is shown in a text table (in chars).
    pub max_width: Vec<usize>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns, each `(name, widest)`.
    pub fn new(columns: &[(&'static str, usize)]) -> Table {
        Table {
            header: columns.iter().map(|c| c.0).collect(),
            max_width: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned columns; the last column is not padded.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let cut: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(i, c)| shorten(c, self.max_width.get(i).copied().unwrap_or(40)))
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &cut {
            for (i, c) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(c.chars().count());
                }
            }
        }
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(cut.iter()) {
            let mut line = String::new();
            for (i, c) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(c);
                if i + 1 < row.len() {
                    let pad = widths[i].saturating_sub(c.chars().count());
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// CSV with a header line.
    pub fn write_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            out.write_all(line.join(",").as_bytes())?;
            out.write_all(b"\r\n")?;
        }
        Ok(())
    }
}

/// A cell cut to `max` chars, line breaks made spaces.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// One CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// An optional value as a cell (`-` when absent in text tables is left to the caller: CSV wants
/// empty cells, so absent values are empty here).
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_it_must() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn tables_align_and_cut() {
        let mut t = Table::new(&[("id", 5), ("text", 6)]);
        t.push(vec!["1".into(), "short".into()]);
        t.push(vec!["22".into(), "much longer text".into()]);
        let mut out = Vec::new();
        t.write_text(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "id  text\n1   short\n22  much …\n");
    }
}
