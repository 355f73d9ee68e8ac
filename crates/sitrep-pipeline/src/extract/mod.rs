//! Assembling the reading: the last stage, from a [`CleanDocument`] to a [`Reading`].
//!
//! The principal type is [`Extractor`], which holds the configured stages and turns each
//! [`RawDocument`] into the [`Reading`] that `sitrep extract` prints. Total: it never fails.

use sitrep_model::{RawDocument, Reading};

use crate::analyze::Analyzer;
use crate::clean::{CleanDocument, Cleaner};

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Publication date (`YYYY-MM-DD`) for documents that carry none.
    pub default_published: Option<String>,
}

/// Runs the stages from a raw document to its reading.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    cleaner: Cleaner,
    analyzer: Analyzer,
    options: ExtractOptions,
}

impl Extractor {
    pub fn new(cleaner: Cleaner, analyzer: Analyzer, options: ExtractOptions) -> Extractor {
        Extractor {
            cleaner,
            analyzer,
            options,
        }
    }

    /// Reads one document.
    pub fn read(&self, raw: RawDocument) -> Reading {
        let clean = self.cleaner.clean(raw);
        self.assemble(clean)
    }

    fn assemble(&self, doc: CleanDocument) -> Reading {
        let mut r = Reading::new(doc.id.clone());
        r.text = doc.text();
        r.removed = doc.removed();
        r.url = doc.url;
        r.title = doc.title;
        r.published = doc
            .published
            .or_else(|| self.options.default_published.clone());
        r.language = doc.language;
        let a = self
            .analyzer
            .analyze(&r.text, r.published.as_deref(), r.language.as_deref());
        r.sentences = a.sentences;
        r.entities = a.entities;
        r.places = a.places;
        r.dates = a.dates;
        r
    }
}
