//! Places, geocoded from the embedded gazetteer.

use sitrep_model::{Entity, Place};

use super::sentences::Sentences;

/// The embedded gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Finds and geocodes the places mentioned in `text`.
    pub fn resolve(&self, _text: &str, _doc: &Sentences, _entities: &[Entity]) -> Vec<Place> {
        Vec::new()
    }
}
