//! Finding the article in the tree: the principal type is [`Verdict`], the status of every node
//! (in the main content, removed inside it, or outside it), decided from text density.
//!
//! 1. Each segment counts its text outside links (its "weight") for its element, and its length
//!    again as "prose" when it is a long, link-poor paragraph; the counts are summed up the tree,
//!    children first (the arena is walked backwards). Elements whose markup names them as
//!    boilerplate pass nothing up, unless they hold much of the page's prose (a weak hint yields
//!    at a third, a strong one at half: a `class="l-outer--nav"` page wrapper is no menu).
//! 2. From the body down, the walk descends into the heaviest child while that child holds
//!    nearly all the weight: the deepest element that still holds the article.
//! 3. Climbing back while the ancestors add little prose, their link-poor prose-bearing children
//!    and the headings before the article join it (a lead paragraph above the body, as in
//!    readability's sibling step).
//! 4. Every node then gets its status from its parent's, its own hint, its link density, and
//!    its place: prose-free containers after the last prose of a main element are the widgets
//!    that close an article.
//!
//! ```ignore
//! let v = Verdict::decide(&tree, &segments);
//! assert!(v.status[main_p].is_kept());
//! ```

use super::segment::Segment;
use super::tags::Tag;
use super::tree::{Tree, NONE};
use sitrep_model::RemovedKind;

/// How much of its parent's prose a child must hold for the walk to descend into it.
const DESCEND: f32 = 0.8;
/// A sibling joins the main content only with less than this share of link text: a teaser
/// list beside the article has more.
const SIBLING_LINKS: f32 = 0.2;
/// How far above the chosen element's own prose its ancestors may go for their prose-bearing
/// children to join the main content.
const CLIMB: f32 = 1.4;
/// A segment shorter than this (in bytes) is not prose for scoring.
const PROSE_MIN: usize = 90;
/// Above this share of link text a segment or a container is navigation, not prose.
const LINK_DENSE: f32 = 0.4;

/// The status of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Kept,
    /// Removed with this kind; the node where the decision was taken groups the removed text.
    Removed(RemovedKind, u32),
}

pub struct Verdict {
    pub status: Vec<Status>,
}

/// Per-node sums over the segments inside it.
struct Stats {
    text: Vec<u32>,
    link: Vec<u32>,
    /// Prose, counting everything.
    prose_all: Vec<u32>,
    /// Prose, without what boilerplate-named elements hold.
    prose: Vec<u32>,
    /// All text outside links (of segments that are not mostly links), without what
    /// boilerplate-named elements hold: short list items and table cells count here.
    weight: Vec<u32>,
}

fn is_prose(s: &Segment) -> bool {
    s.text.len() >= PROSE_MIN
        && (s.link_len as f32) < 0.35 * s.text.len() as f32
        && !matches!(s.role, super::super::BlockRole::Heading)
}

impl Stats {
    fn compute(tree: &Tree, segs: &[Segment]) -> Stats {
        let n = tree.nodes.len();
        let mut st = Stats {
            text: vec![0; n],
            link: vec![0; n],
            prose_all: vec![0; n],
            prose: vec![0; n],
            weight: vec![0; n],
        };
        for s in segs {
            let o = s.owner as usize;
            if let (Some(t), Some(l)) = (st.text.get_mut(o), st.link.get_mut(o)) {
                *t = t.saturating_add(s.text.len() as u32);
                *l = l.saturating_add(s.link_len as u32);
            }
            if s.link_len * 2 < s.text.len() {
                if let Some(w) = st.weight.get_mut(o) {
                    *w = w.saturating_add((s.text.len() - s.link_len) as u32);
                }
            }
            if is_prose(s) {
                if let Some(p) = st.prose_all.get_mut(o) {
                    *p = p.saturating_add(s.text.len() as u32);
                }
            }
        }
        st.prose.clone_from(&st.prose_all);
        for i in (1..n).rev() {
            let parent = tree.nodes.get(i).map_or(NONE, |x| x.parent) as usize;
            for v in [&mut st.text, &mut st.link, &mut st.prose_all] {
                let add = v.get(i).copied().unwrap_or(0);
                if let Some(p) = v.get_mut(parent) {
                    *p = p.saturating_add(add);
                }
            }
        }
        let total = st.prose_all.first().copied().unwrap_or(0);
        for i in (1..n).rev() {
            let Some(node) = tree.nodes.get(i) else {
                continue;
            };
            let parent = node.parent as usize;
            if is_negative(node, st.prose_all.get(i).copied().unwrap_or(0), total) {
                continue;
            }
            for v in [&mut st.prose, &mut st.weight] {
                let add = v.get(i).copied().unwrap_or(0);
                if let Some(p) = v.get_mut(parent) {
                    *p = p.saturating_add(add);
                }
            }
        }
        st
    }

    fn link_density(&self, i: usize) -> f32 {
        let t = self.text.get(i).copied().unwrap_or(0);
        let l = self.link.get(i).copied().unwrap_or(0);
        if t == 0 {
            0.0
        } else {
            l as f32 / t as f32
        }
    }
}

/// Whether the node's markup removes it. A weak hint yields when the node holds more than half
/// of all the page's prose: then the hint is far more likely a styling accident than a sidebar.
fn is_negative(node: &super::tree::Node, prose: u32, total: u32) -> bool {
    match node.hint.remove {
        None => false,
        Some(_) if node.hint.certain => true,
        // Even a strong word yields on an element holding nearly all the prose: that is a page
        // wrapper with a layout class (`l-outer--nav`), not a menu.
        Some(_) if node.hint.strong => prose.saturating_mul(2) <= total,
        Some(_) => !(node.hint.content || prose.saturating_mul(3) > total && prose > 0),
    }
}

impl Verdict {
    pub fn decide(tree: &Tree, segs: &[Segment]) -> Verdict {
        let st = Stats::compute(tree, segs);
        let n = tree.nodes.len();
        let body = tree
            .nodes
            .iter()
            .position(|x| x.tag == Tag::Body)
            .unwrap_or(0) as u32;
        let main = choose_main(tree, &st, body);
        let total = st.prose_all.first().copied().unwrap_or(0);
        let mut status = vec![Status::Removed(RemovedKind::Other, 0); n];
        let mut is_main = vec![false; n];
        for &m in &main {
            if let Some(x) = is_main.get_mut(m as usize) {
                *x = true;
            }
        }
        let trailing = trailing_widgets(tree, &st, &main);
        if is_main.first().copied().unwrap_or(false) {
            if let Some(s) = status.first_mut() {
                *s = Status::Kept;
            }
        }
        for i in 1..n {
            let Some(node) = tree.nodes.get(i) else {
                continue;
            };
            let parent = status
                .get(node.parent as usize)
                .copied()
                .unwrap_or(Status::Kept);
            let own = node
                .hint
                .remove
                .filter(|_| is_negative(node, st.prose_all.get(i).copied().unwrap_or(0), total));
            let s = match parent {
                _ if is_main.get(i).copied().unwrap_or(false) => match own {
                    Some(k) if node.hint.strong => Status::Removed(k, i as u32),
                    _ => Status::Kept,
                },
                Status::Kept => match own {
                    Some(k) => Status::Removed(k, i as u32),
                    None if trailing.get(i).copied().unwrap_or(false) => {
                        Status::Removed(RemovedKind::Other, i as u32)
                    }
                    None if is_link_list(node.tag, &st, i) => {
                        Status::Removed(list_kind(node.tag), i as u32)
                    }
                    None => Status::Kept,
                },
                // Inside a removal, a more specific hint names the kind of its own part.
                Status::Removed(k, anchor) => match own {
                    Some(k2) if k == RemovedKind::Other && k2 != k => Status::Removed(k2, i as u32),
                    _ => Status::Removed(k, anchor),
                },
            };
            if let Some(x) = status.get_mut(i) {
                *x = s;
            }
        }
        Verdict { status }
    }
}

/// Marks the containers that follow the last prose-bearing child of a main element and hold
/// no prose themselves: the tag lists, author boxes and widgets that close an article.
fn trailing_widgets(tree: &Tree, st: &Stats, main: &[u32]) -> Vec<bool> {
    let mut out = vec![false; tree.nodes.len()];
    let prose = |i: u32| st.prose.get(i as usize).copied().unwrap_or(0);
    // Every prose-bearing element in the main content, not only its roots: an article body
    // nested in a wrapper ends with the same widgets.
    let mut in_main = vec![false; tree.nodes.len()];
    for &m in main {
        if let Some(x) = in_main.get_mut(m as usize) {
            *x = true;
        }
    }
    let mut parents = Vec::new();
    for (i, node) in tree.nodes.iter().enumerate() {
        let inherited = in_main.get(node.parent as usize).copied().unwrap_or(false);
        if let Some(x) = in_main.get_mut(i) {
            *x |= inherited;
            if *x && prose(i as u32) > 0 && node.tag != Tag::Text {
                parents.push(i as u32);
            }
        }
    }
    for m in parents {
        let Some(node) = tree.node(m) else { continue };
        let mut last_prose = NONE;
        let mut c = node.first_child;
        while let Some(ch) = tree.node(c) {
            if prose(c) > 0 {
                last_prose = c;
            }
            c = ch.next_sibling;
        }
        if last_prose == NONE {
            continue;
        }
        let mut c = tree.node(last_prose).map_or(NONE, |n| n.next_sibling);
        while let Some(ch) = tree.node(c) {
            let container = matches!(
                ch.tag,
                Tag::Div
                    | Tag::Section
                    | Tag::Aside
                    | Tag::Ul
                    | Tag::Ol
                    | Tag::Dl
                    | Tag::Table
                    | Tag::Footer
                    | Tag::Custom
                    | Tag::Form
                    | Tag::Nav
                    | Tag::Header
            );
            if container && st.prose_all.get(c as usize).copied().unwrap_or(0) == 0 {
                if let Some(x) = out.get_mut(c as usize) {
                    *x = true;
                }
            }
            c = ch.next_sibling;
        }
    }
    out
}

/// A container whose text is mostly links: a menu, a list of related stories.
fn is_link_list(tag: Tag, st: &Stats, i: usize) -> bool {
    matches!(
        tag,
        Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Table
            | Tag::Div
            | Tag::Section
            | Tag::Menu
            | Tag::Custom
    ) && st.text.get(i).copied().unwrap_or(0) > 0
        && st.link_density(i) > LINK_DENSE
        // A paragraph of prose inside means a mixed container: its parts are judged one by one.
        && prose_share_small(st, i)
}

/// Whether the prose inside node `i` is a small part of both the node and the page: a
/// teaser or two in a list of links, not an article inside a link-heavy wrapper.
fn prose_share_small(st: &Stats, i: usize) -> bool {
    let prose = st.prose_all.get(i).copied().unwrap_or(0);
    let text = st.text.get(i).copied().unwrap_or(0);
    let total = st.prose_all.first().copied().unwrap_or(0);
    prose == 0 || (prose.saturating_mul(3) < text && prose.saturating_mul(4) < total)
}

fn list_kind(tag: Tag) -> RemovedKind {
    match tag {
        Tag::Ul | Tag::Ol | Tag::Dl => RemovedKind::RelatedLinks,
        _ => RemovedKind::Navigation,
    }
}

/// Descends from `body` to the element that holds nearly all the prose, then adds its prose-
/// bearing siblings and the headings before it.
fn choose_main(tree: &Tree, st: &Stats, body: u32) -> Vec<u32> {
    let prose = |i: u32| st.prose.get(i as usize).copied().unwrap_or(0);
    let weight = |i: u32| st.weight.get(i as usize).copied().unwrap_or(0);
    let mut cur = body;
    if prose(cur) == 0 {
        return vec![cur];
    }
    while let Some(node) = tree.node(cur) {
        let mut best = NONE;
        let mut c = node.first_child;
        while let Some(ch) = tree.node(c) {
            if best == NONE || weight(c) > weight(best) {
                best = c;
            }
            c = ch.next_sibling;
        }
        if best != NONE && weight(best) as f32 >= DESCEND * weight(cur) as f32 && prose(best) > 0 {
            cur = best;
        } else {
            break;
        }
    }
    let mut main = vec![cur];
    // Climb from the chosen element while its ancestors add little prose of their own, taking
    // in the siblings at each level that carry prose (a lead paragraph above the body, a second
    // body part) and the headings before it.
    let core = prose(cur);
    let mut child = cur;
    while child != body {
        let Some(parent_idx) = tree.node(child).map(|n| n.parent) else {
            break;
        };
        let Some(parent) = tree.node(parent_idx) else {
            break;
        };
        if prose(parent_idx) as f32 > CLIMB * core as f32 {
            break;
        }
        let mut c = parent.first_child;
        let mut before = true;
        while let Some(sib) = tree.node(c) {
            if c == child {
                before = false;
            } else if sib.tag != Tag::Text && sib.hint.remove.is_none() {
                let heading = before && sib.tag.is_heading();
                let prose_sib = prose(c) > 0 && st.link_density(c as usize) < SIBLING_LINKS;
                if heading || prose_sib {
                    main.push(c);
                }
            }
            c = sib.next_sibling;
        }
        child = parent_idx;
    }
    main.sort_unstable();
    main
}
