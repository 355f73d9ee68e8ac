//! The paragraph-level boilerplate filter.
//!
//! [`mark`] reads a document's blocks and marks those that are not part of the article with the
//! kind of their removal, and the language of every block long enough to have one. It only adds
//! removals: blocks that arrive removed (HTML navigation, say) stay as they are.
//!
//! The vocabularies live in the [`Lexicon`], read from `data/lexicon/`; this module holds the
//! mechanisms, in three passes:
//!
//! 1. one block at a time ([`rules`]): UI remnants, advertisement labels, newsletter prompts,
//!    copyright lines, related links, captions, social prompts and bylines, each recognised by
//!    weighted cue phrases and a size limit per kind;
//! 2. cookie and consent notices ([`cookie`]), by cue density and document structure: runs of
//!    blocks at the start or end of the document, and a language other than the body's;
//! 3. headline-like lines after the article's last sentence (links to other stories), and exact
//!    repeats of an earlier kept paragraph.
//!
//! ```
//! use sitrep_pipeline::clean::{boilerplate, Block, BlockRole, Lexicon};
//! use sitrep_model::RemovedKind;
//! let mut blocks = vec![
//!     Block::new("The ministry said talks would resume on Thursday in the capital.", BlockRole::Paragraph),
//!     Block::new("Share", BlockRole::Paragraph),
//! ];
//! let lang = boilerplate::mark(&mut blocks, &Lexicon::default());
//! assert_eq!(lang.as_deref(), Some("en"));
//! assert_eq!(blocks[1].removed, Some(RemovedKind::UiControl));
//! ```

pub mod cookie;
pub mod lexicon;
pub mod rules;

use std::collections::HashSet;

use sitrep_model::RemovedKind;

use super::{language, squash_space, Block};

pub use lexicon::{Lexicon, LexiconError};

/// A guess this confident overrides a language the block arrived with.
const SURE_GUESS: f64 = 0.5;

/// What the passes know about one block, computed once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// The text as the matchers see it ([`lexicon::normalize`]).
    pub norm: String,
    /// Words, counting two characters of an unspaced script (Chinese, Japanese) as one.
    pub words: usize,
    /// `whatlang`'s confidence in the block's language; 0 when it has none.
    pub confidence: f64,
}

/// Marks boilerplate blocks as removed and sets each block's language; returns the language of
/// the kept text.
/// Bytes of a block removed by the markup that language identification reads.
const REMOVED_SAMPLE: usize = 96;

pub fn mark(blocks: &mut [Block], lexicon: &Lexicon) -> Option<String> {
    // Blocks the markup already removed (menus, footers, sidebars) are most of a page's blocks;
    // their language is recorded but decides nothing, so a shorter sample does for them.
    let guesses = language::guess_blocks(blocks.iter().map(|b| {
        if b.is_kept() {
            b.text.as_str()
        } else {
            language::prefix(&b.text, REMOVED_SAMPLE)
        }
    }));
    let mut facts = Vec::with_capacity(blocks.len());
    for (b, g) in blocks.iter_mut().zip(guesses) {
        let mut f = Facts::default();
        if let Some(g) = g {
            f.confidence = g.confidence;
            // A language from the markup (`lang` attributes) is kept unless the text itself says
            // otherwise with confidence: pages declare one language and paste in notices in
            // another.
            if b.language.is_none() || g.confidence >= SURE_GUESS {
                b.language = Some(g.code.to_string());
            }
        }
        if b.is_kept() {
            f.norm = lexicon::normalize(&b.text);
            f.words = word_count(&f.norm);
        }
        facts.push(f);
    }
    rules::mark(blocks, &facts, lexicon);
    cookie::mark(blocks, &facts, lexicon);
    rules::mark_trailing_links(blocks, &facts);
    mark_duplicates(blocks);
    language::body_language(blocks)
}

/// An exact repeat of an earlier kept paragraph, after white space is normalised, is a
/// duplicate: pages repeat their standfirst, pull quotes and captions.
fn mark_duplicates(blocks: &mut [Block]) {
    let mut seen: HashSet<String> = HashSet::new();
    for b in blocks.iter_mut().filter(|b| b.is_kept()) {
        let key = squash_space(&b.text);
        if key.is_empty() {
            continue;
        }
        if seen.contains(&key) {
            b.removed = Some(RemovedKind::Duplicate);
        } else {
            seen.insert(key);
        }
    }
}

/// Words of normalised text; an unspaced script counts one word per two characters, so that
/// size limits mean about the same in every language.
pub(crate) fn word_count(norm: &str) -> usize {
    let mut words = 0;
    let mut unspaced = 0;
    for w in norm.split(' ').filter(|w| !w.is_empty()) {
        let cjk = w.chars().filter(|&c| lexicon::is_unspaced(c)).count();
        if cjk > 0 {
            unspaced += cjk;
        } else {
            words += 1;
        }
    }
    words + unspaced.div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::BlockRole;

    fn kept(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block::new(*t, BlockRole::Paragraph))
            .collect()
    }

    #[test]
    fn repeats_are_duplicates() {
        let mut blocks = kept(&[
            "A paragraph  of news.",
            "Another one.",
            "A paragraph of news.",
        ]);
        mark_duplicates(&mut blocks);
        assert_eq!(blocks[2].removed, Some(RemovedKind::Duplicate));
        assert!(blocks[0].is_kept() && blocks[1].is_kept());
    }

    #[test]
    fn removed_blocks_stay_removed_and_get_a_language() {
        let mut blocks = kept(&[
            "Home News World Politics Business Sport Culture Travel Weather",
            "The ministry said talks would resume on Thursday in the capital city.",
        ]);
        blocks[0].removed = Some(RemovedKind::Navigation);
        mark(&mut blocks, &Lexicon::default());
        assert_eq!(blocks[0].removed, Some(RemovedKind::Navigation));
        assert_eq!(blocks[1].language.as_deref(), Some("en"));
    }

    #[test]
    fn unspaced_scripts_count_two_characters_a_word() {
        assert_eq!(word_count("we use cookies"), 3);
        assert_eq!(word_count("本网站使用"), 3);
    }
}
