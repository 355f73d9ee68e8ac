//! Cleaning: from a raw document to the article a careful reader sees.
//!
//! The principal type is [`Cleaner`], which turns a [`RawDocument`] into a [`CleanDocument`]:
//!
//! 1. the body is cut into [`Block`]s, paragraph-sized pieces in document order. HTML goes through
//!    main-text extraction ([`html`]), which already marks navigation, footers, asides and the
//!    like as removed; plain text is split into paragraphs and a headline ([`text`]);
//! 2. the paragraph-level filter ([`boilerplate`]) marks cookie and consent notices in any
//!    language, UI remnants, newsletter prompts, copyright lines, related links and captions,
//!    and exact repeats, using the cue lexicons in `data/lexicon/`;
//! 3. each block's language is identified ([`language`]), and the body's language with it.
//!
//! Nothing is dropped silently: a block is either kept or carries the kind of its removal.
//!
//! ```
//! use sitrep_model::{Body, RawDocument, RecordRef};
//! use sitrep_pipeline::clean::Cleaner;
//! let raw = RawDocument {
//!     origin: RecordRef::whole("a.txt"), id: "a".into(), url: None, title: None, published: None,
//!     captured: None,
//!     body: Body::Text("A headline\n\nThe story begins here and goes on for a while.\n".into()),
//! };
//! let doc = Cleaner::default().clean(raw);
//! assert_eq!(doc.title.as_deref(), Some("A headline"));
//! ```

pub mod boilerplate;
pub mod html;
pub mod language;
pub mod text;

use sitrep_model::{Body, Diagnostic, RawDocument, RecordRef, Removed, RemovedKind};

pub use boilerplate::Lexicon;

/// What a block is, structurally. HTML extraction knows this from the markup; plain text guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Caption,
    Preformatted,
    TableCell,
    Other,
}

/// One paragraph-sized piece of a document, kept or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    pub role: BlockRole,
    /// `Some(kind)` when the block is not part of the article.
    pub removed: Option<RemovedKind>,
    /// ISO 639-1 language of the block, where it can be told.
    pub language: Option<String>,
}

impl Block {
    pub fn new(text: impl Into<String>, role: BlockRole) -> Block {
        Block {
            text: text.into(),
            role,
            removed: None,
            language: None,
        }
    }

    pub fn is_kept(&self) -> bool {
        self.removed.is_none()
    }
}

/// A document after cleaning: metadata and its blocks, each kept or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanDocument {
    pub origin: RecordRef,
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 language of the kept text.
    pub language: Option<String>,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CleanDocument {
    /// The clean body: kept blocks separated by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| b.is_kept()) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    /// Every removed block, in document order.
    pub fn removed(&self) -> Vec<Removed> {
        self.blocks
            .iter()
            .filter_map(|b| {
                b.removed
                    .map(|k| Removed::new(k, b.language.clone(), b.text.clone()))
            })
            .collect()
    }
}

/// Runs the cleaning steps with one lexicon.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    lexicon: Lexicon,
}

impl Cleaner {
    pub fn new(lexicon: Lexicon) -> Cleaner {
        Cleaner { lexicon }
    }

    /// Cleans one document. Total: every input gives a document.
    pub fn clean(&self, raw: RawDocument) -> CleanDocument {
        let RawDocument {
            origin,
            id,
            url,
            title,
            published,
            captured,
            body,
        } = raw;
        let (mut blocks, meta) = match body {
            Body::Html(html) => {
                let article = html::extract(&html);
                (article.blocks, article.meta)
            }
            Body::Text(s) => {
                let mut t = text::split(&s);
                // A container's title (JSONL `title`, a feed item's) wins; a first line that
                // read as a headline but is not that title is body text after all.
                if let (Some(given), Some(first)) = (&title, &t.title) {
                    if squash_space(given) != squash_space(first) {
                        t.blocks
                            .insert(0, Block::new(first.clone(), BlockRole::Paragraph));
                    }
                }
                let meta = html::PageMeta {
                    title: t.title,
                    ..html::PageMeta::default()
                };
                (t.blocks, meta)
            }
        };
        let title = title.or(meta.title).map(|t| squash_space(&t));
        if let Some(t) = &title {
            drop_headline(&mut blocks, t);
        }
        let language = boilerplate::mark(&mut blocks, &self.lexicon);
        CleanDocument {
            origin,
            id,
            url: url.or(meta.url),
            title,
            published: published.or(meta.published).or(captured),
            language: language.or(meta.language),
            blocks,
            diagnostics: Vec::new(),
        }
    }
}

/// The headline belongs in `title`, not in the body: when the first kept block repeats it, the
/// block goes (it is not lost, the title holds it).
fn drop_headline(blocks: &mut Vec<Block>, title: &str) {
    let want = squash_space(title).to_lowercase();
    if let Some(i) = blocks.iter().position(|b| b.is_kept()) {
        if squash_space(&blocks[i].text).to_lowercase() == want {
            blocks.remove(i);
        }
    }
}

/// Collapses every run of white space to one space and trims the ends.
pub fn squash_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
