//! One stored document per line: the store's metadata (`doc`, `story`, `duplicate_of`,
//! `similarity`, `content_hash`, `origin`, `captured`, `ingested_at`, `reader_version`) and the
//! whole `reading` as the output contract fixes it.

use std::io::Write;

use crate::{ExportError, Exporter, Result, StoredDocument};

/// Writes stored documents as JSON Lines.
pub struct JsonlExporter<W: Write> {
    out: W,
}

impl<W: Write> JsonlExporter<W> {
    pub fn new(out: W) -> JsonlExporter<W> {
        JsonlExporter { out }
    }
}

impl<W: Write> Exporter for JsonlExporter<W> {
    fn begin(&mut self) -> Result<()> {
        Ok(())
    }

    fn document(&mut self, doc: &StoredDocument) -> Result<()> {
        serde_json::to_writer(&mut self.out, doc).map_err(|e| {
            if e.is_io() {
                ExportError::Io(e.into())
            } else {
                ExportError::Json {
                    doc: doc.doc,
                    reason: e.to_string(),
                }
            }
        })?;
        self.out.write_all(b"\n")?;
        Ok(())
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

    #[test]
    fn documents_round_trip() {
        let mut r = reading("a", "https://x.org/a");
        r.events.push(event("195"));
        let docs = vec![stored(1, 1, r.clone()), stored(2, 1, r)];
        let mut buf = Vec::new();
        let mut src: &[StoredDocument] = &docs;
        crate::run(&mut JsonlExporter::new(&mut buf), &mut src).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let back: Vec<StoredDocument> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, docs);
    }
}
