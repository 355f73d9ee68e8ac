//! Event coding: who did what to whom, as CAMEO events with their PLOVER mapping.
//!
//! The principal type is [`EventCoder`]. It holds the verb vocabulary (the imported PETRARCH-2
//! patterns and our own, `data/events/`) and the code tables, and codes the sentences of a text
//! one by one: find the event words ([`matcher`]), drop the negated and the conditions, fold a
//! governed verb into its governor ("ready to mediate" is 039), pick sources and targets among
//! the sentence's actors ([`roles`]), then merge repeats across the document.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::events::EventCoder;
//! let text = "Pakistan accused Afghanistan of harbouring militants.";
//! let layers = Analyzer::default().layers(text, Some("2026-03-17"), Some("en"));
//! let coder = EventCoder::default();
//! let events = coder.code(text, &layers, Some("2026-03-17"));
//! assert_eq!(events[0].cameo, "112");
//! assert_eq!(events[0].source.as_ref().and_then(|a| a.country.as_deref()), Some("PAK"));
//! // The audit trail: the pattern that fired and the roles it found.
//! let why = coder.explain(text, &layers, Some("2026-03-17"));
//! assert!(why[0].to_string().contains("112"));
//! ```
//!
//! Conditional events ("would be willing to mediate if both sides ask") are kept with half the
//! confidence (at most 0.45), and `explain` names them; `Event` has no field for it.

mod emit;
pub mod explain;
pub mod matcher;
pub mod roles;
pub mod tables;
pub mod vocabulary;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use sitrep_model::Event;

use crate::analyze::Layers;
pub use explain::{SentenceExplanation, TriggerExplanation};
use tables::CodeTable;
use vocabulary::Vocabulary;

const CAMEO_VERBS: &str = include_str!("../../../data/events/cameo-verbs.txt");
const SITREP_PATTERNS: &str = include_str!("../../../data/events/sitrep-patterns.txt");

/// The verb and noun patterns of the coder, and the CAMEO and PLOVER tables.
#[derive(Debug, Clone)]
pub struct EventCoder {
    vocab: Arc<Vocabulary>,
    table: Arc<CodeTable>,
}

impl Default for EventCoder {
    /// The embedded vocabulary, parsed once per process and shared.
    fn default() -> EventCoder {
        static SHARED: OnceLock<EventCoder> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let mut v = Vocabulary::default();
                // The embedded files are checked by the tests; an error keeps what was read.
                let _ = v.extend("cameo-verbs.txt", CAMEO_VERBS);
                let _ = v.extend("sitrep-patterns.txt", SITREP_PATTERNS);
                EventCoder {
                    vocab: Arc::new(v),
                    table: Arc::new(CodeTable::embedded()),
                }
            })
            .clone()
    }
}

impl EventCoder {
    /// Adds user patterns in the format of `data/events/` (see its README): new blocks, verbs,
    /// patterns, word sets and directives. A verb or block already known is overridden; `name`
    /// appears in the pattern ids that `explain` shows. The library never opens files: the
    /// caller reads them.
    pub fn extend_from_str(&mut self, name: &str, text: &str) -> Result<(), String> {
        let mut v = (*self.vocab).clone();
        v.extend(name, text)?;
        self.vocab = Arc::new(v);
        Ok(())
    }

    /// The vocabulary in use (pattern counts, lookups).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The events of `text`, in byte offsets (`sentence` spans), one per (source, target, code).
    pub fn code(&self, text: &str, layers: &Layers, published: Option<&str>) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        let mut seen: HashMap<(String, String, String), (usize, u32)> = HashMap::new();
        for si in 0..layers.doc.len() {
            let ex = explain::sentence(self, text, layers, si, published, false);
            for e in ex.events {
                let key = (actor_key(&e.source), actor_key(&e.target), e.cameo.clone());
                match seen.get_mut(&key) {
                    Some((i, mentions)) => {
                        // A repeat raises the confidence of the first mention.
                        *mentions += 1;
                        if let Some(first) = out.get_mut(*i) {
                            first.confidence =
                                ((first.confidence + 0.05).min(0.99) * 100.0).round() / 100.0;
                        }
                    }
                    None => {
                        seen.insert(key, (out.len(), 1));
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The coding of `text` sentence by sentence: the event words, the pattern that fired,
    /// the roles found and the events (before merging repeats across sentences).
    pub fn explain(
        &self,
        text: &str,
        layers: &Layers,
        published: Option<&str>,
    ) -> Vec<SentenceExplanation> {
        (0..layers.doc.len())
            .map(|si| explain::sentence(self, text, layers, si, published, true))
            .collect()
    }
}

fn actor_key(a: &Option<sitrep_model::ActorRef>) -> String {
    a.as_ref()
        .map(|a| {
            a.code
                .clone()
                .or_else(|| a.country.clone())
                .unwrap_or_else(|| a.text.clone())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let mut v = Vocabulary::default();
        v.extend("cameo-verbs.txt", CAMEO_VERBS).unwrap();
        v.extend("sitrep-patterns.txt", SITREP_PATTERNS).unwrap();
        assert!(v.blocks.len() > 300);
    }
}
