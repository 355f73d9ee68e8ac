//! Event coding: who did what to whom, as CAMEO events with their PLOVER mapping.
//!
//! The principal type is [`EventCoder`].

use sitrep_model::Event;

use crate::analyze::Layers;

/// The verb and noun patterns of the coder, and the CAMEO and PLOVER tables.
#[derive(Debug, Clone, Default)]
pub struct EventCoder {}

impl EventCoder {
    /// The events of `text`, in byte offsets (`sentence` spans), one per (source, target, code).
    pub fn code(&self, _text: &str, _layers: &Layers, _published: Option<&str>) -> Vec<Event> {
        Vec::new()
    }
}
