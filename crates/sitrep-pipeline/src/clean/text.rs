//! Plain text into blocks: paragraphs, and a headline on the first line when it reads as one.

use super::{Block, BlockRole};

/// A plain-text document cut into a headline and paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextArticle {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// Splits plain text into a headline (when the first line reads as one) and paragraph blocks.
pub fn split(s: &str) -> TextArticle {
    let mut blocks: Vec<Block> = s
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::new(p, BlockRole::Paragraph))
        .collect();
    let title = if blocks.len() > 1 {
        Some(blocks.remove(0).text)
    } else {
        None
    };
    TextArticle { title, blocks }
}
