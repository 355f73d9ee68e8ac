//! Main-text extraction from HTML, and the page's metadata.
//!
//! [`extract`] returns an [`Article`]: the page cut into blocks in document order, each kept or
//! marked with the kind of boilerplate it is, and the [`PageMeta`] found in the head.

use super::{Block, BlockRole};

/// Metadata read from a page: `<title>`, `og:` and `article:` meta tags, JSON-LD, `<time>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 from `<html lang>` or a content-language meta tag.
    pub language: Option<String>,
}

/// A page after main-text extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub meta: PageMeta,
    pub blocks: Vec<Block>,
}

/// Extracts the main text of `html`. Total: never fails, never panics.
pub fn extract(html: &str) -> Article {
    // Placeholder until the extractor lands: every line of tag-stripped text is one block.
    let mut blocks = Vec::new();
    let mut in_tag = false;
    let mut cur = String::new();
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\n' if !in_tag => {
                if !cur.trim().is_empty() {
                    blocks.push(Block::new(cur.trim().to_string(), BlockRole::Paragraph));
                }
                cur.clear();
            }
            c if !in_tag => cur.push(c),
            _ => {}
        }
    }
    if !cur.trim().is_empty() {
        blocks.push(Block::new(cur.trim().to_string(), BlockRole::Paragraph));
    }
    Article {
        meta: PageMeta::default(),
        blocks,
    }
}
