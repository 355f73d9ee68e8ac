//! Casualty claims: one record per figure stated, with its claimant.

use sitrep_model::CasualtyClaim;

use crate::analyze::Layers;

/// The casualty claims of `text`, in byte offsets (`sentence` spans).
pub fn find(_text: &str, _layers: &Layers, _published: Option<&str>) -> Vec<CasualtyClaim> {
    Vec::new()
}
