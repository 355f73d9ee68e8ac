//! Assembling the reading: the last stage, from a [`CleanDocument`] to a [`Reading`].
//!
//! The principal type is [`Extractor`], which holds the configured stages and turns each
//! [`RawDocument`] into the [`Reading`] that `sitrep extract` prints. Total: it never fails.

use sitrep_model::{RawDocument, Reading};

pub mod casualties;
pub mod events;
pub mod quotes;

use crate::analyze::{Analyzer, CharOffsets};
use crate::clean::{CleanDocument, Cleaner};

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Publication date (`YYYY-MM-DD`) for documents that carry none.
    pub default_published: Option<String>,
    /// Stop after cleaning: text, metadata and removals only, no language analysis or records
    /// (their fields stay empty). For building text corpora fast.
    pub clean_only: bool,
}

/// Runs the stages from a raw document to its reading.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    cleaner: Cleaner,
    analyzer: Analyzer,
    coder: events::EventCoder,
    options: ExtractOptions,
}

impl Extractor {
    pub fn new(cleaner: Cleaner, analyzer: Analyzer, options: ExtractOptions) -> Extractor {
        Extractor {
            cleaner,
            analyzer,
            coder: events::EventCoder::default(),
            options,
        }
    }

    /// Replaces the event coder (e.g. with one extended by user patterns).
    pub fn with_coder(mut self, coder: events::EventCoder) -> Extractor {
        self.coder = coder;
        self
    }

    /// Reads one document and explains its event coding sentence by sentence (`sitrep explain`).
    pub fn explain(&self, raw: RawDocument) -> (Reading, Vec<events::SentenceExplanation>) {
        let reading = self.read(raw);
        let published = reading.published.as_deref();
        let layers = self
            .analyzer
            .layers(&reading.text, published, reading.language.as_deref());
        let sentences = self.coder.explain(&reading.text, &layers, published);
        (reading, sentences)
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
        if self.options.clean_only {
            return r;
        }
        let text = &r.text;
        let published = r.published.as_deref();
        let layers = self.analyzer.layers(text, published, r.language.as_deref());
        let events = self.coder.code(text, &layers, published);
        let casualties = casualties::find(text, &layers, published);
        let quotes = quotes::find(text, &layers);
        // Every stage works in byte offsets; the contract counts chars. One conversion, here.
        let conv = CharOffsets::new(text);
        let a = layers.to_analysis(&conv);
        r.sentences = a.sentences;
        r.entities = a.entities;
        r.places = a.places;
        r.dates = a.dates;
        r.events = events
            .into_iter()
            .map(|mut e| {
                e.sentence = conv.span(e.sentence.start, e.sentence.end);
                if let Some(p) = &mut e.place {
                    (p.start, p.end) = (conv.get(p.start), conv.get(p.end));
                }
                e
            })
            .collect();
        r.casualties = casualties
            .into_iter()
            .map(|mut c| {
                c.sentence = conv.span(c.sentence.start, c.sentence.end);
                if let Some(p) = &mut c.place {
                    (p.start, p.end) = (conv.get(p.start), conv.get(p.end));
                }
                c
            })
            .collect();
        r.casualty_summary = casualties::reconcile::summarize(&r.casualties);
        r.quotes = quotes
            .into_iter()
            .map(|mut q| {
                (q.start, q.end) = (conv.get(q.start), conv.get(q.end));
                q
            })
            .collect();
        r
    }
}
