//! Actors: countries, people, organisations and groups with CAMEO codes.

use sitrep_model::Entity;

use super::sentences::Sentences;

/// The actor dictionaries.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {}

impl ActorDictionary {
    /// Finds the actors mentioned in `text`.
    pub fn find(&self, _text: &str, _doc: &Sentences, _language: Option<&str>) -> Vec<Entity> {
        Vec::new()
    }
}
