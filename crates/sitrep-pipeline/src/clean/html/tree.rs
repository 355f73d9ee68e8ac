//! A light document tree: the principal type is [`Tree`], an arena of [`Node`]s built from the
//! token stream with the HTML parsing rules that matter for text (implied end tags of `p`, `li`,
//! `td`, `tr`, `dt`/`dd`, `option`; void elements; stray end tags ignored; opaque `svg`/`math`/
//! `template` skipped whole).
//!
//! Nodes are stored in document order, so a parent always comes before its children: passes that
//! need children first walk the arena backwards, and no pass ever recurses. Depth is capped at
//! [`MAX_DEPTH`]: deeper elements are flattened into the deepest open one.
//!
//! ```ignore
//! let tree = Tree::build("<p>a<p>b", &mut MetaCollector::default());
//! assert_eq!(tree.nodes.iter().filter(|n| n.tag == Tag::P).count(), 2);
//! ```

use super::hints::Hint;
use super::meta::MetaCollector;
use super::tags::Tag;
use super::tokenizer::{AttrName, Token, Tokenizer};

/// No node: the end of a sibling chain, or the root's parent.
pub const NONE: u32 = u32::MAX;

/// The deepest nesting kept. Real pages stay far below it; adversarial ones are flattened.
pub const MAX_DEPTH: usize = 400;

/// A cap on nodes, bounding memory on absurd inputs; the rest of the document is ignored.
const MAX_NODES: usize = 4_000_000;

/// How far up the open elements an implied end tag looks.
const IMPLIED_LOOKUP: usize = 48;

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    /// The text's byte range in the source, for text nodes.
    pub start: u32,
    pub end: u32,
    pub hint: Hint,
    /// `hidden`, or an inline style that hides it: neither it nor its content is shown.
    pub hidden: bool,
}

impl Node {
    fn new(tag: Tag, parent: u32) -> Node {
        Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: 0,
            end: 0,
            hint: Hint::default(),
            hidden: false,
        }
    }
}

pub struct Tree<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
}

impl<'a> Tree<'a> {
    /// Builds the tree of `src`, handing head and metadata elements to `meta` on the way.
    pub fn build(src: &'a str, meta: &mut MetaCollector) -> Tree<'a> {
        let mut b = Builder {
            nodes: vec![Node::new(Tag::Root, NONE)],
            stack: vec![0],
        };
        let mut tok = Tokenizer::new(src);
        // The opaque element being skipped, and how deeply it nests in itself.
        let mut skip: Option<(Tag, u32)> = None;
        let mut script_type: Option<&str> = None;
        while let Some(t) = tok.next_token() {
            if b.nodes.len() >= MAX_NODES {
                break;
            }
            match t {
                Token::Start { tag, self_closing } => {
                    if let Some((t, depth)) = &mut skip {
                        if !(foreign(*t) && tag.breaks_out_of_foreign()) {
                            if *t == tag && !self_closing {
                                *depth += 1;
                            }
                            continue;
                        }
                        // An HTML block tag inside `<svg>` or `<math>` ends it, as in browsers:
                        // an unclosed `<svg>` icon must not swallow the article after it.
                        skip = None;
                    }
                    if tag.is_opaque() {
                        if !self_closing {
                            skip = Some((tag, 1));
                        }
                        continue;
                    }
                    meta.start_tag(tag, &tok, b.nodes.len() as u32);
                    if tag == Tag::Script {
                        script_type = tok.attr(AttrName::Type);
                    }
                    b.start(tag, self_closing, &tok);
                }
                Token::End { tag } => {
                    if let Some((t, depth)) = &mut skip {
                        if *t == tag {
                            *depth -= 1;
                            if *depth == 0 {
                                skip = None;
                            }
                            continue;
                        }
                        // The end tag of an HTML element open around unclosed foreign content
                        // closes that content too.
                        if !(foreign(*t) && tag != Tag::Inline && b.is_open(tag)) {
                            continue;
                        }
                        skip = None;
                    }
                    b.end(tag, &tok);
                }
                Token::Text { start, end } => {
                    if skip.is_none() {
                        b.text(start, end);
                    }
                }
                Token::Raw { tag, start, end } => {
                    if skip.is_some() {
                        continue;
                    }
                    if let Some(text) = src.get(start..end) {
                        meta.raw_text(tag, script_type.take(), text);
                    }
                }
            }
        }
        Tree {
            src,
            nodes: b.nodes,
        }
    }

    pub fn node(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }

    /// The source text of a text node.
    pub fn text(&self, n: &Node) -> &'a str {
        self.src.get(n.start as usize..n.end as usize).unwrap_or("")
    }
}

/// Foreign content (SVG, MathML), which HTML tags can break out of.
fn foreign(tag: Tag) -> bool {
    matches!(tag, Tag::Svg | Tag::Math)
}

struct Builder {
    nodes: Vec<Node>,
    /// The open elements, outermost first.
    stack: Vec<u32>,
}

impl Builder {
    fn tag_at(&self, depth: usize) -> Tag {
        self.stack
            .get(depth)
            .and_then(|&i| self.nodes.get(i as usize))
            .map_or(Tag::Root, |n| n.tag)
    }

    fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, mut node: Node) -> u32 {
        let parent = self.top();
        let idx = self.nodes.len() as u32;
        node.parent = parent;
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            let last = p.last_child;
            p.last_child = idx;
            if last == NONE {
                p.first_child = idx;
            } else if let Some(l) = self.nodes.get_mut(last as usize) {
                l.next_sibling = idx;
            }
        }
        self.nodes.push(node);
        idx
    }

    /// Finds the innermost open element accepted by `want`, looking at most `limit` elements up
    /// and stopping at one accepted by `stop`; returns its depth in the stack.
    fn find_open(
        &self,
        limit: usize,
        want: impl Fn(Tag) -> bool,
        stop: impl Fn(Tag) -> bool,
    ) -> Option<usize> {
        let len = self.stack.len();
        for depth in (len.saturating_sub(limit)..len).rev() {
            let t = self.tag_at(depth);
            if want(t) {
                return Some(depth);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    /// Whether an element with tag `tag` is open (anywhere up the stack).
    fn is_open(&self, tag: Tag) -> bool {
        (1..self.stack.len()).any(|d| self.tag_at(d) == tag)
    }

    /// Closes the open elements from the innermost to the one at `depth`, inclusive.
    fn pop_to(&mut self, depth: usize) {
        self.stack.truncate(depth.max(1));
    }

    fn close_implied(&mut self, want: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) {
        if let Some(d) = self.find_open(IMPLIED_LOOKUP, want, stop) {
            self.pop_to(d);
        }
    }

    fn start(&mut self, tag: Tag, self_closing: bool, tok: &Tokenizer) {
        match tag {
            Tag::Html | Tag::Body | Tag::Head => {
                // A second `<body>` or `<html>` is merged into the first, as browsers do.
                if self
                    .stack
                    .iter()
                    .any(|&i| self.nodes.get(i as usize).is_some_and(|n| n.tag == tag))
                {
                    return;
                }
                if tag == Tag::Body {
                    self.close_implied(|t| t == Tag::Head, |_| false);
                }
            }
            _ => {}
        }
        if tag.closes_p() {
            self.close_implied(|t| t == Tag::P, Tag::is_scope_boundary);
        }
        match tag {
            Tag::Li => self.close_implied(
                |t| t == Tag::Li,
                |t| matches!(t, Tag::Ul | Tag::Ol | Tag::Menu) || t.is_scope_boundary(),
            ),
            Tag::Dt | Tag::Dd => self.close_implied(
                |t| matches!(t, Tag::Dt | Tag::Dd),
                |t| t == Tag::Dl || t.is_scope_boundary(),
            ),
            Tag::Td | Tag::Th => self.close_implied(
                |t| matches!(t, Tag::Td | Tag::Th),
                |t| matches!(t, Tag::Tr | Tag::Table),
            ),
            Tag::Tr => self.close_implied(
                |t| t == Tag::Tr,
                |t| matches!(t, Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot),
            ),
            Tag::Tbody | Tag::Thead | Tag::Tfoot => self.close_implied(
                |t| matches!(t, Tag::Tbody | Tag::Thead | Tag::Tfoot),
                |t| t == Tag::Table,
            ),
            Tag::Option => self.close_implied(|t| t == Tag::Option, |t| t != Tag::Option),
            Tag::A => self.close_implied(|t| t == Tag::A, |t| !t.is_inline()),
            t if t.is_heading() => self.close_implied(Tag::is_heading, |t| !t.is_inline()),
            _ => {}
        }
        let mut node = Node::new(tag, NONE);
        let class = tok.attr(AttrName::Class);
        let id = tok.attr(AttrName::Id);
        let role = tok.attr(AttrName::Role);
        let itemprop = tok.attr(AttrName::Itemprop);
        node.hint = Hint::from_attrs(tag, class, id, role, itemprop);
        node.hidden =
            tok.attr(AttrName::Hidden).is_some() || tok.attr(AttrName::Style).is_some_and(hides);
        let idx = self.append(node);
        let opens = !(tag.is_void() || tag.is_raw_text() || self_closing && tag == Tag::Custom);
        if opens && self.stack.len() < MAX_DEPTH {
            self.stack.push(idx);
        }
    }

    fn end(&mut self, tag: Tag, tok: &Tokenizer) {
        match tag {
            Tag::Html | Tag::Body => {}
            Tag::Br => self.start(Tag::Br, true, tok),
            t if t.is_inline() => {
                let len = self.stack.len();
                if let Some(d) = self.find_open(len, |x| x == t, |x| !x.is_inline()) {
                    self.pop_to(d);
                }
            }
            t => {
                let len = self.stack.len();
                let boundary = move |x: Tag| x.is_scope_boundary() && x != t;
                if let Some(d) = self.find_open(len, |x| x == t, boundary) {
                    self.pop_to(d);
                }
            }
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        let top = self.top();
        // Adjacent pieces of text (a literal `<` splits them) become one node.
        let last = self.nodes.get(top as usize).map_or(NONE, |n| n.last_child);
        if let Some(l) = self.nodes.get_mut(last as usize) {
            if l.tag == Tag::Text && l.end as usize == start {
                l.end = end as u32;
                return;
            }
        }
        let mut n = Node::new(Tag::Text, NONE);
        n.start = start as u32;
        n.end = end as u32;
        self.append(n);
    }
}

/// Whether an inline style hides the element.
fn hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}
