//! The flat tables (events, claims, documents) as Parquet, with typed columns (`Int64`,
//! `Float64`, `Utf8`, all nullable) taken from [`crate::rows`], Snappy-compressed.
//!
//! Streaming: rows are gathered in Arrow builders and written as a record batch (a Parquet row
//! group's worth of pages) every [`BATCH_ROWS`] rows, so memory holds one batch, not the table.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::narrow::Narrow;
use crate::rows::{columns, rows, Kind, Value};
use crate::{ExportError, Exporter, Result, StoredDocument, Table};

/// Rows per record batch.
pub const BATCH_ROWS: usize = 4096;

enum Column {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Text => Column::Text(StringBuilder::new()),
            Kind::Int => Column::Int(Int64Builder::new()),
            Kind::Float => Column::Float(Float64Builder::new()),
        }
    }

    fn push(&mut self, v: &Value) {
        match (self, v) {
            (Column::Text(b), Value::Text(s)) => b.append_option(s.as_deref()),
            (Column::Int(b), Value::Int(i)) => b.append_option(*i),
            (Column::Float(b), Value::Float(f)) => b.append_option(*f),
            // The row builders and the column kinds come from the same table definition; a
            // mismatch is written as a null rather than a wrong value.
            (Column::Text(b), _) => b.append_null(),
            (Column::Int(b), _) => b.append_null(),
            (Column::Float(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Int(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
        }
    }
}

/// The Arrow schema of a table.
pub fn schema(table: Table) -> SchemaRef {
    Arc::new(Schema::new(
        columns(table)
            .iter()
            .map(|(name, kind)| {
                let t = match kind {
                    Kind::Text => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Float => DataType::Float64,
                };
                Field::new(*name, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

fn pq(e: impl std::fmt::Display) -> ExportError {
    ExportError::Parquet(e.to_string())
}

/// Writes one table as a Parquet file.
pub struct ParquetExporter<W: Write + Send> {
    table: Table,
    narrow: Narrow,
    schema: SchemaRef,
    writer: Option<ArrowWriter<W>>,
    columns: Vec<Column>,
    pending: usize,
}

impl<W: Write + Send> ParquetExporter<W> {
    pub fn new(table: Table, out: W) -> Result<ParquetExporter<W>> {
        let schema = schema(table);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(64 * BATCH_ROWS))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(pq)?;
        Ok(ParquetExporter {
            table,
            narrow: Narrow::default(),
            columns: columns(table)
                .iter()
                .map(|(_, k)| Column::new(*k))
                .collect(),
            schema,
            writer: Some(writer),
            pending: 0,
        })
    }

    /// Keeps only the events or claims that match `filter` ([`crate::narrow`]).
    pub fn narrowed(mut self, filter: sitrep_store::Filter) -> ParquetExporter<W> {
        self.narrow = Narrow::new(filter);
        self
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(pq)?;
        self.pending = 0;
        match &mut self.writer {
            Some(w) => w.write(&batch).map_err(pq),
            None => Err(ExportError::Parquet("the file is already closed".into())),
        }
    }
}

impl<W: Write + Send> Exporter for ParquetExporter<W> {
    fn begin(&mut self) -> Result<()> {
        Ok(())
    }

    fn document(&mut self, doc: &StoredDocument) -> Result<()> {
        let (cols, pending) = (&mut self.columns, &mut self.pending);
        rows(self.table, doc, &self.narrow, &mut |row| {
            for (c, v) in cols.iter_mut().zip(&row) {
                c.push(v);
            }
            *pending += 1;
        });
        if self.pending >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_batch()?;
        if let Some(w) = self.writer.take() {
            w.close().map_err(pq)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;
    use arrow_array::{Array, Float64Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn events_round_trip() {
        let mut docs = Vec::new();
        for i in 0..3000 {
            let mut r = reading(&format!("d{i}"), "https://x.org/a");
            r.events.push(event("195"));
            r.events.push(event("190"));
            docs.push(stored(i, i / 2, r));
        }
        let mut buf = Vec::new();
        let mut e = ParquetExporter::new(Table::Events, &mut buf).unwrap();
        let mut src: &[StoredDocument] = &docs;
        crate::run(&mut e, &mut src).unwrap();
        drop(e);
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(buf))
            .unwrap()
            .build()
            .unwrap();
        let mut n = 0;
        for batch in reader {
            let batch = batch.unwrap();
            let doc = batch
                .column(0)
                .as_any()
                .downcast_ref::<Int64Array>()
                .unwrap();
            let cameo = batch
                .column_by_name("cameo")
                .unwrap()
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap();
            let lat = batch
                .column_by_name("lat")
                .unwrap()
                .as_any()
                .downcast_ref::<Float64Array>()
                .unwrap();
            let dup = batch.column_by_name("duplicate_of").unwrap();
            for row in 0..batch.num_rows() {
                assert_eq!(doc.value(row), (n / 2) as i64);
                assert_eq!(cameo.value(row), if n % 2 == 0 { "195" } else { "190" });
                assert_eq!(lat.value(row), 34.528);
                assert!(dup.is_null(row));
                n += 1;
            }
        }
        assert_eq!(n, 6000);
    }
}
