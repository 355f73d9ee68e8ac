//! The paragraph-level boilerplate filter.

use super::Block;

/// Cue lexicons for the boilerplate filter.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

/// Marks boilerplate blocks as removed; returns the language of the kept text.
pub fn mark(blocks: &mut [Block], _lexicon: &Lexicon) -> Option<String> {
    let _ = blocks;
    None
}
