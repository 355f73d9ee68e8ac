//! The sitrep stages, pure and synchronous: bytes in, a [`Reading`](sitrep_model::Reading) out.
//!
//! The pipeline reads left to right, one module per stage:
//!
//! - [`ingest`]: recognise an input (plain text, HTML, JSON Lines, RSS/Atom, WARC, any of them
//!   gzipped), decode it to Unicode and split it into [`RawDocument`](sitrep_model::RawDocument)s;
//! - [`clean`]: find the article in a raw document (main-text extraction for HTML, paragraphs for
//!   text) and take out boilerplate, recording every removal: a [`CleanDocument`](clean::CleanDocument);
//! - [`extract`]: assemble the final [`Reading`](sitrep_model::Reading).
//!
//! Only `ingest` can fail, because only it touches bytes from the outside world; it takes any
//! `std::io::Read` and never opens files itself. `clean` and `extract` are total: they return a
//! value for every input and never panic.
//!
//! ```
//! use sitrep_pipeline::{extract::Extractor, ingest};
//! let input = "Headline here\n\nFirst paragraph of the story, long enough to be a paragraph.\n";
//! let docs = ingest::read("story.txt", input.as_bytes(), &ingest::IngestConfig::default());
//! let extractor = Extractor::default();
//! for doc in docs {
//!     let reading = extractor.read(doc.unwrap());
//!     assert_eq!(reading.title.as_deref(), Some("Headline here"));
//! }
//! ```

pub mod analyze;
pub mod clean;
pub mod datetime;
mod error;
pub mod extract;
pub mod ingest;

pub use error::{Error, ErrorKind, Result};
