//! Main-text extraction from HTML, and the page's metadata.
//!
//! [`extract`] returns an [`Article`]: the page cut into blocks in document order, each kept or
//! marked with the kind of boilerplate it is, and the [`PageMeta`] found in the head.
//!
//! The stages, one module each: [`tokenizer`] reads tags and text without copying;
//! [`tree`] builds a depth-capped arena tree, reading each element's [`hints`] from its markup
//! and handing metadata to [`meta`]; [`segment`] cuts the visible text into runs between block
//! boundaries; [`select`] finds the main content by prose density and decides every node's
//! status; this module turns segments into [`Block`]s.
//!
//! ```
//! use sitrep_pipeline::clean::html::extract;
//! let a = extract("<html lang=en><body><nav><a href=/>Home</a></nav><article>\
//!     <p>The first paragraph of the story, long enough to count as prose for the extractor.</p>\
//!     </article></body></html>");
//! assert_eq!(a.meta.language.as_deref(), Some("en"));
//! assert!(a.blocks.iter().any(|b| b.is_kept() && b.text.starts_with("The first")));
//! assert!(a.blocks.iter().any(|b| !b.is_kept() && b.text == "Home"));
//! ```

mod hints;
mod meta;
mod segment;
mod select;
mod tags;
mod text;
mod tokenizer;
mod tree;

use super::{Block, BlockRole};
use select::{Status, Verdict};
use sitrep_model::RemovedKind;
use tags::Tag;

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

/// Inputs beyond this many bytes are cut: node offsets are 32-bit, and no article is this long.
const MAX_INPUT: usize = 1 << 30;

/// Lines shorter than this many bytes are judged by their share of link text.
const LINK_LINE: usize = 150;

/// Lines shorter than this many bytes with a `©` in them are picture credits.
const CREDIT_LINE: usize = 200;

/// Below this many bytes of kept text, a page is taken for one rendered by scripts.
const SCRIPTED_PAGE: usize = 200;

/// A removed block grows by merging its neighbours of the same removal up to about this many
/// bytes, so a 200-link menu is a few blocks, not 200.
const REMOVED_BLOCK: usize = 400;

/// Extracts the main text of `html`. Total: never fails, never panics.
pub fn extract(html: &str) -> Article {
    let html = cut(html, MAX_INPUT);
    let mut collector = meta::MetaCollector::default();
    let tree = tree::Tree::build(html, &mut collector);
    let segs = segment::segments(&tree);
    let verdict = Verdict::decide(&tree, &segs);
    let status = |i: u32| {
        verdict
            .status
            .get(i as usize)
            .copied()
            .unwrap_or(Status::Removed(RemovedKind::Other, 0))
    };
    let mut blocks: Vec<Block> = Vec::with_capacity(segs.len());
    // The removal that made the last block, for merging.
    let mut last: Option<(RemovedKind, u32)> = None;
    let mut h1 = None;
    for s in segs {
        let mut st = status(s.owner);
        // A short line that is a third links is a menu entry or a "read more", not a sentence.
        if st == Status::Kept && s.link_len * 3 > s.text.len() && s.text.len() < LINK_LINE {
            st = Status::Removed(RemovedKind::Navigation, s.owner);
        }
        if st == Status::Kept && is_copyright_line(&s.text) {
            st = Status::Removed(RemovedKind::Copyright, s.owner);
        } else if st == Status::Kept && s.text.len() < CREDIT_LINE && s.text.contains('©') {
            // A short line with a copyright sign inside is a picture's caption and credit.
            st = Status::Removed(RemovedKind::Caption, s.owner);
        }
        let is_h1 = tree.node(s.owner).is_some_and(|n| n.tag == Tag::H1);
        match st {
            Status::Kept => {
                if is_h1 && h1.is_none() {
                    h1 = Some(s.text.clone());
                }
                blocks.push(Block::new(s.text, s.role));
                last = None;
            }
            Status::Removed(kind, anchor) => {
                let kind = refine(kind, &s.text);
                if let (Some(prev), Some(b)) = (last, blocks.last_mut()) {
                    if prev == (kind, anchor) && b.text.len() + s.text.len() < REMOVED_BLOCK {
                        b.text.push(' ');
                        b.text.push_str(&s.text);
                        continue;
                    }
                }
                let mut b = Block::new(s.text, s.role);
                b.removed = Some(kind);
                blocks.push(b);
                last = Some((kind, anchor));
            }
        }
    }
    drop_section_headings(&mut blocks);
    drop_trailing_islands(&mut blocks);
    // A page whose body is rendered by scripts has next to no text in its markup; its own
    // summary is then the best reading of it there is.
    let kept_len: usize = blocks
        .iter()
        .filter(|b| b.is_kept())
        .map(|b| b.text.len())
        .sum();
    if kept_len < SCRIPTED_PAGE {
        let body = collector.ld_paragraphs();
        if body.iter().map(String::len).sum::<usize>() > kept_len.max(SCRIPTED_PAGE) {
            let at = blocks
                .iter()
                .position(Block::is_kept)
                .unwrap_or(blocks.len());
            blocks.splice(
                at..at,
                body.into_iter()
                    .map(|p| Block::new(p, BlockRole::Paragraph)),
            );
        } else if let Some(d) = collector.description().filter(|d| d.len() > kept_len) {
            blocks.insert(0, Block::new(d, BlockRole::Paragraph));
        }
    }
    let meta = collector.finish(h1, |n| status(n) == Status::Kept);
    Article { meta, blocks }
}

/// A kept heading followed only by removed blocks up to the next heading (or the end) titles a
/// removed section ("Related stories", "Share this"): it goes with what it titles.
fn drop_section_headings(blocks: &mut [Block]) {
    let mut next_kept_heading_or_end = true;
    let mut removed_after: Option<RemovedKind> = None;
    for b in blocks.iter_mut().rev() {
        match b.removed {
            Some(k) => removed_after = Some(k),
            None if b.role == BlockRole::Heading || introduces(&b.text) => {
                if let (Some(k), true) = (removed_after, next_kept_heading_or_end) {
                    if !matches!(k, RemovedKind::Byline | RemovedKind::Caption) {
                        b.removed = Some(k);
                        continue;
                    }
                }
                next_kept_heading_or_end = true;
                removed_after = None;
            }
            None => {
                next_kept_heading_or_end = false;
                removed_after = None;
            }
        }
    }
}

/// After the article's last long paragraph, a short kept block between two removed ones is a
/// remnant of the boilerplate around it (an author blurb, a form label, "Was this useful?").
fn drop_trailing_islands(blocks: &mut [Block]) {
    const LONG: usize = 250;
    let Some(last_long) = blocks
        .iter()
        .rposition(|b| b.is_kept() && b.text.len() >= LONG)
    else {
        return;
    };
    let removed_at = |blocks: &[Block], i: Option<usize>| {
        i.and_then(|i| blocks.get(i)).is_none_or(|b| !b.is_kept())
    };
    let islands: Vec<usize> = (last_long + 1..blocks.len())
        .filter(|&i| {
            blocks
                .get(i)
                .is_some_and(|b| b.is_kept() && b.text.len() < LONG)
                && removed_at(blocks, i.checked_sub(1))
                && removed_at(blocks, Some(i + 1))
        })
        .collect();
    for i in islands {
        if let Some(b) = blocks.get_mut(i) {
            b.removed = Some(RemovedKind::Other);
        }
    }
}

/// A short line ending in a colon ("Read more:", "Related topics:") introduces what follows.
fn introduces(text: &str) -> bool {
    text.len() < 80 && text.trim_end().ends_with(':')
}

/// Names a copyright line as such when its removal had no more precise kind.
fn refine(kind: RemovedKind, text: &str) -> RemovedKind {
    if matches!(kind, RemovedKind::Other | RemovedKind::Navigation)
        && text.len() < 400
        && (text.contains('©')
            || text.contains("Copyright")
            || text.contains("All rights reserved"))
    {
        RemovedKind::Copyright
    } else {
        kind
    }
}

/// A short line that states the copyright of the page, not of a quoted work: it opens with
/// the sign or reserves the rights.
fn is_copyright_line(text: &str) -> bool {
    let t = text.trim_start();
    text.len() < 300
        && (t.starts_with('©')
            || t.starts_with("(c) ")
            || t.starts_with("Copyright")
            || text.contains("All rights reserved")
            || text.contains("Alle Rechte vorbehalten"))
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

#[cfg(test)]
mod tests;
