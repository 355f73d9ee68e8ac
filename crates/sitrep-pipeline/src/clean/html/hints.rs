//! What an element's own markup says about it: the principal type is [`Hint`], read from the
//! tag, `class`, `id`, `role` and `itemprop`.
//!
//! Class and id values are cut into words (`relatedPosts`, `related-posts` and `related_posts`
//! all give `related`, `posts`), and each word is looked up in small vocabularies of layout
//! names. Short words must match whole (`ad`, `nav`); longer stems match as prefixes
//! (`comment` matches `comments` and `commentlist` but the vocabulary excludes `commentary`).
//!
//! ```ignore
//! let h = Hint::from_attrs(Tag::Div, Some("post-share-buttons"), None, None, None);
//! assert_eq!(h.remove, Some(RemovedKind::Social));
//! ```

use super::tags::Tag;
use sitrep_model::RemovedKind;

/// The verdict of an element's markup on its content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// The markup names the element as boilerplate of this kind.
    pub remove: Option<RemovedKind>,
    /// The removal is certain enough to hold even when the element holds most of the page's
    /// prose (comment sections, navigation elements).
    pub strong: bool,
    /// The markup names a comment section: removed even when it outweighs the article, as
    /// under a much-discussed blog post.
    pub certain: bool,
    /// The markup names the element as the article (`<article>`, `itemprop=articleBody`,
    /// `class="entry-content"`).
    pub content: bool,
}

type Rule = (&'static str, RemovedKind, bool);

/// Words that name boilerplate when they are the whole word.
const EXACT: &[Rule] = &[
    ("nav", RemovedKind::Navigation, true),
    ("menu", RemovedKind::Navigation, true),
    ("menus", RemovedKind::Navigation, true),
    ("pager", RemovedKind::Navigation, true),
    ("skip", RemovedKind::Navigation, false),
    ("toc", RemovedKind::Navigation, false),
    ("tags", RemovedKind::Navigation, false),
    ("tag", RemovedKind::Navigation, false),
    ("topics", RemovedKind::Navigation, false),
    ("categories", RemovedKind::Navigation, false),
    ("masthead", RemovedKind::Navigation, true),
    ("ad", RemovedKind::Advertisement, true),
    ("ads", RemovedKind::Advertisement, true),
    ("adv", RemovedKind::Advertisement, true),
    ("dfp", RemovedKind::Advertisement, true),
    ("gpt", RemovedKind::Advertisement, true),
    ("banner", RemovedKind::Advertisement, false),
    ("share", RemovedKind::Social, true),
    ("social", RemovedKind::Social, true),
    ("facebook", RemovedKind::Social, false),
    ("twitter", RemovedKind::Social, false),
    ("whatsapp", RemovedKind::Social, false),
    ("follow", RemovedKind::Social, false),
    ("author", RemovedKind::Byline, false),
    ("authors", RemovedKind::Byline, false),
    ("byline", RemovedKind::Byline, false),
    ("dateline", RemovedKind::Byline, false),
    ("date", RemovedKind::Byline, false),
    ("meta", RemovedKind::Byline, false),
    ("posted", RemovedKind::Byline, false),
    ("timestamp", RemovedKind::Byline, false),
    ("caption", RemovedKind::Caption, false),
    ("credit", RemovedKind::Caption, false),
    ("credits", RemovedKind::Caption, false),
    ("legal", RemovedKind::Copyright, false),
    ("disclaimer", RemovedKind::Copyright, false),
    ("btn", RemovedKind::UiControl, false),
    ("button", RemovedKind::UiControl, false),
    ("buttons", RemovedKind::UiControl, false),
    ("toolbar", RemovedKind::UiControl, false),
    ("modal", RemovedKind::UiControl, true),
    ("popup", RemovedKind::UiControl, true),
    ("overlay", RemovedKind::UiControl, false),
    ("login", RemovedKind::UiControl, false),
    ("search", RemovedKind::UiControl, false),
    ("searchform", RemovedKind::UiControl, true),
    ("tooltip", RemovedKind::UiControl, false),
    ("dropdown", RemovedKind::UiControl, false),
    ("lightbox", RemovedKind::UiControl, false),
    ("sr", RemovedKind::UiControl, false),
    ("rating", RemovedKind::UiControl, false),
    ("side", RemovedKind::Other, false),
    ("aside", RemovedKind::Other, false),
    ("rail", RemovedKind::Other, false),
    ("respond", RemovedKind::Other, true),
    ("reply", RemovedKind::Other, false),
    ("replies", RemovedKind::Other, true),
    ("disqus", RemovedKind::Other, true),
    ("footer", RemovedKind::Other, true),
    ("foot", RemovedKind::Other, false),
    ("popular", RemovedKind::RelatedLinks, false),
    ("trending", RemovedKind::RelatedLinks, false),
    ("outbrain", RemovedKind::RelatedLinks, true),
    ("taboola", RemovedKind::RelatedLinks, true),
    ("mostread", RemovedKind::RelatedLinks, true),
];

/// Stems that name boilerplate at the start of a word.
const PREFIX: &[Rule] = &[
    ("navigation", RemovedKind::Navigation, true),
    ("navbar", RemovedKind::Navigation, true),
    ("breadcrumb", RemovedKind::Navigation, true),
    ("pagination", RemovedKind::Navigation, true),
    ("tagcloud", RemovedKind::Navigation, false),
    ("sitemap", RemovedKind::Navigation, true),
    ("advert", RemovedKind::Advertisement, true),
    ("adsense", RemovedKind::Advertisement, true),
    ("adslot", RemovedKind::Advertisement, true),
    ("adunit", RemovedKind::Advertisement, true),
    ("adcontainer", RemovedKind::Advertisement, true),
    ("sponsor", RemovedKind::Advertisement, true),
    ("promo", RemovedKind::Advertisement, false),
    ("commercial", RemovedKind::Advertisement, false),
    ("billboard", RemovedKind::Advertisement, false),
    ("sharing", RemovedKind::Social, true),
    ("sharethis", RemovedKind::Social, true),
    ("shariff", RemovedKind::Social, true),
    ("addthis", RemovedKind::Social, true),
    ("socialmedia", RemovedKind::Social, true),
    ("cookie", RemovedKind::CookieNotice, true),
    ("consent", RemovedKind::CookieNotice, true),
    ("gdpr", RemovedKind::CookieNotice, true),
    ("newsletter", RemovedKind::Newsletter, true),
    ("subscri", RemovedKind::Newsletter, false),
    ("signup", RemovedKind::Newsletter, false),
    ("copyright", RemovedKind::Copyright, true),
    ("related", RemovedKind::RelatedLinks, true),
    ("recommend", RemovedKind::RelatedLinks, true),
    ("sidebar", RemovedKind::Other, true),
    ("comment", RemovedKind::Other, true),
    ("screenreader", RemovedKind::UiControl, false),
];

/// Words that make a class name describe a wrapper or a page state rather than a part.
const WRAPPER: &[&str] = &[
    "wrap",
    "wrapper",
    "container",
    "layout",
    "has",
    "with",
    "no",
    "without",
    "show",
    "open",
    "active",
    "enabled",
    "visible",
    "template",
    "single",
];

/// Words that name the article itself.
const CONTENT: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "entry",
    "post",
    "story",
    "storybody",
    "text",
    "body",
    "main",
    "hentry",
    "prose",
    "richtext",
    "blogpost",
];

impl Hint {
    /// Reads the hint of one element from its tag and attribute values (raw, not decoded).
    pub fn from_attrs(
        tag: Tag,
        class: Option<&str>,
        id: Option<&str>,
        role: Option<&str>,
        itemprop: Option<&str>,
    ) -> Hint {
        let mut h = match tag {
            Tag::Nav | Tag::Menu => removal(RemovedKind::Navigation, true),
            Tag::Aside => removal(RemovedKind::Other, false),
            Tag::Footer => removal(RemovedKind::Other, false),
            Tag::Figcaption | Tag::Caption => removal(RemovedKind::Caption, false),
            // Weak: some sites wrap the whole page in one `<form>`, and the weak verdict yields
            // to an element holding most of the prose.
            Tag::Form => removal(RemovedKind::UiControl, false),
            Tag::Button | Tag::Select | Tag::Option | Tag::Label | Tag::Dialog | Tag::Input => {
                removal(RemovedKind::UiControl, true)
            }
            Tag::Article | Tag::Main => Hint {
                content: true,
                ..Hint::default()
            },
            _ => Hint::default(),
        };
        if let Some(role) = role {
            let r = role.trim().to_ascii_lowercase();
            match r.as_str() {
                "navigation" | "menu" | "menubar" => {
                    h = removal(RemovedKind::Navigation, true);
                }
                "banner" => h = removal(RemovedKind::Navigation, false),
                "contentinfo" | "complementary" => h = removal(RemovedKind::Other, false),
                "search" | "dialog" | "alertdialog" | "button" | "toolbar" => {
                    h = removal(RemovedKind::UiControl, true);
                }
                "main" | "article" => h.content = true,
                _ => {}
            }
        }
        if let Some(p) = itemprop {
            let p = p.to_ascii_lowercase();
            if p.contains("articlebody") || p == "text" || p.contains("reviewbody") {
                h.content = true;
            }
            if p.contains("author") {
                h = removal(RemovedKind::Byline, false);
            }
        }
        // The page's outermost elements carry state classes for the whole page
        // (`mega-menu-primary content-sidebar`), never a verdict on their content.
        if matches!(tag, Tag::Html | Tag::Body) {
            return Hint::default();
        }
        let tokens = [class, id]
            .into_iter()
            .flatten()
            .flat_map(str::split_ascii_whitespace);
        for token in tokens.take(24) {
            // `content-sidebar-wrap` or `has-sidebar` describe a wrapper around a sidebar (and
            // usually the article), not the sidebar itself; `post-meta` is a byline, not the post.
            // Class names generated by CSS-in-JS tools (`tagStyle_z4kqwb-o_O-style_1tcxgp3`) carry
            // hashes, and whatever words they contain say nothing about the element.
            if is_generated(token) {
                continue;
            }
            let mut wrapper = false;
            let mut removal_word = false;
            let (mut author, mut about_author) = (false, false);
            words(token, |w| {
                wrapper |= WRAPPER.contains(&w);
                removal_word |= classify(w).is_some();
                author |= w == "author";
                about_author |= matches!(
                    w,
                    "bio" | "info" | "box" | "description" | "about" | "profile"
                );
            });
            // `author` alone may be a state class (`author-jdoe` on a post); `author-bio` or
            // `author-info` is the box about the writer.
            if author && about_author {
                h.remove = Some(RemovedKind::Byline);
                h.strong = true;
                continue;
            }
            words(token, |w| {
                if let Some((kind, strong)) = classify(w).filter(|_| !wrapper) {
                    // The first removal word wins; a strong word upgrades a weak verdict.
                    if h.remove.is_none() || (strong && !h.strong) {
                        h.remove = Some(kind);
                        h.strong = strong;
                    }
                    h.certain |= is_comment_word(w);
                } else if CONTENT.contains(&w) && !removal_word {
                    h.content = true;
                }
            });
        }
        h
    }
}

fn removal(kind: RemovedKind, strong: bool) -> Hint {
    Hint {
        remove: Some(kind),
        strong,
        certain: false,
        content: false,
    }
}

/// Whether a class token looks machine-generated: it has a hash-like part, a run of letters
/// and digits mixed (at least two of each) five or more characters long.
fn is_generated(token: &str) -> bool {
    token
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| {
            let digits = part.bytes().filter(u8::is_ascii_digit).count();
            let letters = part.len() - digits;
            part.len() >= 5 && digits >= 2 && letters >= 2
        })
}

fn is_comment_word(w: &str) -> bool {
    (w.starts_with("comment") && !w.starts_with("commentary"))
        || matches!(w, "respond" | "replies" | "disqus")
}

/// The verdict on one lower-case word.
fn classify(w: &str) -> Option<(RemovedKind, bool)> {
    let index = rule_index();
    if let Some(&i) = index.exact.get(w) {
        let (_, k, s) = EXACT[i];
        return Some((k, s));
    }
    if w.starts_with("commentary") {
        return None;
    }
    // Only the prefixes that share the word's first byte can match; they are kept in list order,
    // so the first rule of the list still wins.
    let first = *w.as_bytes().first()?;
    index.prefix[usize::from(first)]
        .iter()
        .map(|&i| PREFIX[i])
        .find(|(x, _, _)| w.starts_with(x))
        .map(|(_, k, s)| (k, s))
}

/// The rule lists indexed for lookups: every class word of every element passes through
/// [`classify`], so a linear scan of the lists was a tenth of the whole extraction time.
struct RuleIndex {
    exact: std::collections::HashMap<&'static str, usize>,
    prefix: Vec<Vec<usize>>,
}

fn rule_index() -> &'static RuleIndex {
    static INDEX: std::sync::OnceLock<RuleIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut exact = std::collections::HashMap::new();
        for (i, (w, _, _)) in EXACT.iter().enumerate() {
            exact.entry(*w).or_insert(i);
        }
        let mut prefix = vec![Vec::new(); 256];
        for (i, (w, _, _)) in PREFIX.iter().enumerate() {
            if let Some(&b) = w.as_bytes().first() {
                prefix[usize::from(b)].push(i);
            }
        }
        RuleIndex { exact, prefix }
    })
}

/// Calls `f` with each lower-cased word of an attribute value. Words split at anything not
/// alphanumeric and at camel-case humps; at most 24 words are read, so a pathological class
/// list cannot cost more than a normal one.
fn words(value: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::with_capacity(24);
    let mut prev_lower = false;
    let mut count = 0;
    for c in value.chars().chain(std::iter::once(' ')) {
        let hump = c.is_uppercase() && prev_lower;
        if (!c.is_alphanumeric() || hump) && !buf.is_empty() {
            f(&buf);
            buf.clear();
            count += 1;
            if count >= 24 {
                return;
            }
        }
        if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(c: &str) -> Hint {
        Hint::from_attrs(Tag::Div, Some(c), None, None, None)
    }

    #[test]
    fn reads_layout_words_in_any_spelling() {
        assert_eq!(
            class("relatedPosts").remove,
            Some(RemovedKind::RelatedLinks)
        );
        assert_eq!(
            class("post-share_buttons").remove,
            Some(RemovedKind::Social)
        );
        assert_eq!(
            class("ad-slot top").remove,
            Some(RemovedKind::Advertisement)
        );
        assert_eq!(class("comments-area").remove, Some(RemovedKind::Other));
        assert!(class("comments-area").strong);
    }

    #[test]
    fn ignores_generated_class_names() {
        assert_eq!(class("tagStyle_z4kqwb-o_O-style_1tcxgp3").remove, None);
        assert_eq!(class("nav-2col").remove, Some(RemovedKind::Navigation));
    }

    #[test]
    fn leaves_content_words_alone() {
        let h = class("entry-content header loaded");
        assert_eq!(h.remove, None);
        assert!(h.content);
        assert_eq!(class("commentary").remove, None);
        assert_eq!(class("shadow readable").remove, None);
    }

    #[test]
    fn reads_tags_and_roles() {
        let nav = Hint::from_attrs(Tag::Div, None, None, Some("navigation"), None);
        assert_eq!(nav.remove, Some(RemovedKind::Navigation));
        let body = Hint::from_attrs(Tag::Div, None, None, None, Some("articleBody"));
        assert!(body.content);
        assert_eq!(
            Hint::from_attrs(Tag::Nav, None, None, None, None).remove,
            Some(RemovedKind::Navigation)
        );
    }
}
