//! Cutting the tree into text: the principal type is [`Segment`], one run of text between two
//! block boundaries, with the block-level element it belongs to.
//!
//! Inline elements join their text into the surrounding run; block-level elements and double
//! `<br>`s end it. Hidden elements give no text. The walk uses the tree's sibling and parent
//! links, never recursion.
//!
//! ```ignore
//! let segs = segments(&tree);
//! assert_eq!(segs[0].text, "Hello world");
//! ```

use super::super::BlockRole;
use super::tags::Tag;
use super::text::TextBuf;
use super::tree::{Tree, NONE};

/// One run of text.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    /// The innermost block-level element holding the text.
    pub owner: u32,
    pub role: BlockRole,
    /// Bytes of the text that sit inside links.
    pub link_len: usize,
}

/// The state of the walk: the run being built and what encloses it.
struct Walk<'t> {
    tree: &'t Tree<'t>,
    out: Vec<Segment>,
    buf: TextBuf,
    link_len: usize,
    /// The block-level elements open around the walk, innermost last.
    owners: Vec<u32>,
    links: u32,
    quotes: u32,
    pres: u32,
    /// The last thing in the run was a `<br>`: a second one ends the run.
    after_br: bool,
}

impl Walk<'_> {
    fn flush(&mut self) {
        self.after_br = false;
        if self.buf.is_empty() {
            return;
        }
        let owner = self.owners.last().copied().unwrap_or(0);
        let tag = self.tree.node(owner).map_or(Tag::Div, |n| n.tag);
        let role = match tag {
            t if t.is_heading() => BlockRole::Heading,
            Tag::Li | Tag::Dt | Tag::Dd => BlockRole::ListItem,
            Tag::Td | Tag::Th => BlockRole::TableCell,
            Tag::Figcaption | Tag::Caption => BlockRole::Caption,
            _ if self.pres > 0 => BlockRole::Preformatted,
            _ if self.quotes > 0 => BlockRole::Quote,
            Tag::P | Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Body | Tag::Root => {
                BlockRole::Paragraph
            }
            _ => BlockRole::Other,
        };
        let text = self.buf.take();
        self.out.push(Segment {
            link_len: self.link_len.min(text.len()),
            text,
            owner,
            role,
        });
        self.link_len = 0;
    }

    fn enter(&mut self, i: u32, tag: Tag) {
        match tag {
            Tag::Text => {
                let Some(n) = self.tree.node(i) else { return };
                let before = self.buf.len();
                self.buf.push_raw(self.tree.text(n));
                if self.links > 0 {
                    self.link_len += self.buf.len() - before;
                }
                if self.buf.len() > before {
                    self.after_br = false;
                }
            }
            Tag::Br => {
                if self.after_br {
                    self.flush();
                } else {
                    self.buf.space();
                    self.after_br = true;
                }
            }
            Tag::A => self.links += 1,
            Tag::Img | Tag::Wbr | Tag::Input => {}
            t if t.is_inline() => {}
            t => {
                self.flush();
                self.owners.push(i);
                if t == Tag::Blockquote {
                    self.quotes += 1;
                }
                if t == Tag::Pre {
                    self.pres += 1;
                }
            }
        }
    }

    fn leave(&mut self, tag: Tag) {
        match tag {
            Tag::A => self.links = self.links.saturating_sub(1),
            t if t.is_inline() => {}
            t => {
                self.flush();
                self.owners.pop();
                if t == Tag::Blockquote {
                    self.quotes = self.quotes.saturating_sub(1);
                }
                if t == Tag::Pre {
                    self.pres = self.pres.saturating_sub(1);
                }
            }
        }
    }
}

/// Cuts the visible text of `tree` into segments, in document order.
pub fn segments(tree: &Tree) -> Vec<Segment> {
    let mut w = Walk {
        tree,
        out: Vec::new(),
        buf: TextBuf::default(),
        link_len: 0,
        owners: vec![0],
        links: 0,
        quotes: 0,
        pres: 0,
        after_br: false,
    };
    let first = tree.node(0).map_or(NONE, |n| n.first_child);
    let mut i = first;
    'walk: while i != NONE {
        let Some(n) = tree.node(i) else { break };
        let visible = !n.hidden && !matches!(n.tag, Tag::Head | Tag::Textarea | Tag::Select);
        if visible {
            w.enter(i, n.tag);
            if n.first_child != NONE {
                i = n.first_child;
                continue;
            }
            w.leave(n.tag);
        }
        // Climb until a next sibling turns up, leaving each finished element.
        let mut cur = i;
        loop {
            let Some(c) = tree.node(cur) else { break 'walk };
            if c.next_sibling != NONE {
                i = c.next_sibling;
                break;
            }
            cur = c.parent;
            if cur == 0 || cur == NONE {
                break 'walk;
            }
            if let Some(p) = tree.node(cur) {
                w.leave(p.tag);
            }
        }
    }
    w.flush();
    w.out
}
