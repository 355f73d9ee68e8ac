//! Cookie and consent notices, in any language, by cue weight and document structure.
//!
//! A notice is told from a news paragraph about cookies by more than its words:
//!
//! - **cues**: the lexicon's `cookie.tsv` gives each block a *topic* score (cookies, consent,
//!   tracking, personal data, partners) and an *address* score (we use, our site, your choices,
//!   accept all). A news story about the EU's cookie law has topic but little address;
//! - **edges**: notices sit before or after the article, so runs of blocks at either end of the
//!   document are read together;
//! - **language**: a notice in another language than the body's (a Turkish banner under an
//!   English wire story) needs no address cues at all;
//! - **contiguity**: once a run at an edge holds a strong notice paragraph, its weaker neighbours
//!   in the run (foreign-language ones, or ones with a few cues) belong to the same notice.
//!
//! Each paragraph of a notice is removed as its own block with its own language; where a short
//! paragraph's language could not be told, it takes the language of the rest of its notice.

use sitrep_model::RemovedKind;

use super::lexicon::{CookieClass, Lexicon, Target};
use super::Facts;
use crate::clean::{language, Block};

/// A topic cue at least this heavy names cookies by itself (`cookie*`, `çerez*`, `traceurs`).
const CORE_CUE: f32 = 1.5;
/// Without a core cue, a topic score this high (consent, personal data, partners) will do.
const TOPIC_WITHOUT_CORE: f32 = 2.5;
/// Address needed for a same-language block at an edge to be a notice by itself.
const ADDRESS_EDGE: f32 = 2.0;
/// Address needed for a same-language block amid the article: stricter, since a story about
/// consent banners may well quote one.
const ADDRESS_INNER: f32 = 2.5;
/// Cue weight that makes a block a notice's weaker paragraph.
const WEAK: f32 = 1.0;
/// A banner of at most this many words needs only [`ADDRESS_SHORT_BANNER`] at an edge.
const SHORT_BANNER_WORDS: usize = 15;
const ADDRESS_SHORT_BANNER: f32 = 1.0;
/// Address a same-language paragraph needs to join a notice beside it.
const JOIN_ADDRESS: f32 = 0.5;
/// Same-language notice paragraphs carry at least one unit of cue weight per this many words.
const WORDS_PER_CUE: f32 = 20.0;
/// A block this short without a language of its own can sit inside a notice ("Tamam", "OK").
const SHORT_UNKNOWN_WORDS: usize = 6;
/// A guess below this confidence yields to the language of the rest of the notice.
const WEAK_GUESS: f64 = 0.5;

/// The cookie cue weights of one block.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub topic: f32,
    pub address: f32,
    /// The heaviest topic cue found.
    pub core: f32,
}

impl Score {
    pub fn total(self) -> f32 {
        self.topic + self.address
    }

    /// About cookies and consent: a core cue, or several lesser ones.
    pub fn on_topic(self) -> bool {
        self.core >= CORE_CUE || self.topic >= TOPIC_WITHOUT_CORE
    }
}

/// The cookie cue weights of normalised text.
pub fn score(norm: &str, lexicon: &Lexicon) -> Score {
    let mut s = Score::default();
    for hit in lexicon.cookie.hits(norm) {
        let cue = &lexicon.cookie.cues[hit.cue];
        match cue.target {
            Target::Cookie(CookieClass::Topic) => {
                s.topic += cue.weight;
                s.core = s.core.max(cue.weight);
            }
            Target::Cookie(CookieClass::Address) => s.address += cue.weight,
            Target::Phrase(..) => {}
        }
    }
    s
}

/// What the notice finder knows about one kept block.
struct View {
    index: usize,
    score: Score,
    words: usize,
    foreign: bool,
    /// `whatlang`'s confidence in the block's language.
    confidence: f64,
    unknown: bool,
}

impl View {
    fn dense(&self) -> bool {
        self.score.total() * WORDS_PER_CUE >= self.words as f32
    }

    /// A notice paragraph by itself, at the document's edge. A one-line banner ("This site uses
    /// cookies.") says less than a full notice, so a short block needs less address.
    fn strong_at_edge(&self) -> bool {
        let address = if self.words <= SHORT_BANNER_WORDS {
            ADDRESS_SHORT_BANNER
        } else {
            ADDRESS_EDGE
        };
        self.score.on_topic() && (self.foreign || (self.score.address >= address && self.dense()))
    }

    /// A notice paragraph by itself, amid the article.
    fn strong_inside(&self) -> bool {
        self.score.on_topic()
            && self.dense()
            && (self.score.address >= ADDRESS_INNER || (self.foreign && self.score.address >= 1.0))
    }

    fn has_cues(&self) -> bool {
        self.score.total() >= WEAK
    }

    /// Can belong to a notice next to a strong paragraph: anything in a foreign language, and
    /// in the body's language a paragraph with cues that speaks to the reader (a closing news
    /// paragraph on personal data and consent does not).
    fn can_join(&self) -> bool {
        // Headings and toggles of a consent dialog ("Strictly necessary cookies") name cookies
        // without addressing anyone; they are short, a news paragraph is not.
        let dialog_line = self.score.core >= CORE_CUE && self.words <= SHORT_BANNER_WORDS;
        let notice_like = self.has_cues() && (self.score.address >= JOIN_ADDRESS || dialog_line);
        // Without cues, only a sure foreign guess joins: an article paragraph thick with names
        // can read, weakly, as another language.
        let surely_foreign = self.foreign && (self.has_cues() || self.confidence >= WEAK_GUESS);
        surely_foreign || notice_like || (self.unknown && self.words <= SHORT_UNKNOWN_WORDS)
    }
}

/// Marks cookie and consent notices among the kept blocks.
pub(crate) fn mark(blocks: &mut [Block], facts: &[Facts], lexicon: &Lexicon) {
    let mut views: Vec<View> = Vec::new();
    for (i, (b, f)) in blocks.iter().zip(facts).enumerate() {
        if b.is_kept() && !f.norm.is_empty() {
            views.push(View {
                index: i,
                score: score(&f.norm, lexicon),
                words: f.words,
                foreign: false,
                confidence: f.confidence,
                unknown: b.language.is_none(),
            });
        }
    }
    if !views.iter().any(|v| v.score.on_topic()) {
        return;
    }
    // The body's language, as voted by the blocks without cookie cues: a long notice must not
    // make its language the article's.
    let body = language::vote(
        views
            .iter()
            .filter(|v| !v.has_cues())
            .map(|v| &blocks[v.index]),
    )
    .or_else(|| language::vote(views.iter().map(|v| &blocks[v.index])));
    for v in &mut views {
        let lang = blocks[v.index].language.as_deref();
        v.foreign = matches!((lang, body.as_deref()), (Some(l), Some(b)) if l != b);
    }

    let mut notice = vec![false; views.len()];
    // The end of the document first, then its start: each edge's run read inward.
    let order: Vec<usize> = (0..views.len()).rev().collect();
    mark_edge_run(&views, &order, &mut notice);
    let order: Vec<usize> = (0..views.len()).collect();
    mark_edge_run(&views, &order, &mut notice);
    // Amid the article, a notice must stand on its own; its cue-bearing neighbours go with it.
    for k in 0..views.len() {
        if notice[k] || !views[k].strong_inside() {
            continue;
        }
        notice[k] = true;
        let joins = |v: &View| v.has_cues() && (v.foreign || v.score.address >= 1.0);
        for j in (0..k).rev() {
            if notice[j] || !joins(&views[j]) {
                break;
            }
            notice[j] = true;
        }
        for j in k + 1..views.len() {
            if notice[j] || !joins(&views[j]) {
                break;
            }
            notice[j] = true;
        }
    }

    for (v, _) in views.iter().zip(&notice).filter(|(_, &n)| n) {
        blocks[v.index].removed = Some(RemovedKind::CookieNotice);
    }
    settle_languages(blocks, facts, &views, &notice);
}

/// Reads a run of blocks from one edge inward (`order`), while they can belong to a notice, and
/// marks it when it holds a strong paragraph. The run is cut back to its innermost block with
/// cues or a foreign language, so a short unknown line between notice and article stays.
fn mark_edge_run(views: &[View], order: &[usize], notice: &mut [bool]) {
    let mut run = Vec::new();
    for &k in order {
        if notice[k] {
            run.push(k);
            continue;
        }
        if !views[k].can_join() {
            break;
        }
        run.push(k);
    }
    if !run.iter().any(|&k| views[k].strong_at_edge()) {
        return;
    }
    while let Some(&k) = run.last() {
        if views[k].has_cues() || views[k].foreign {
            break;
        }
        run.pop();
    }
    for k in run {
        notice[k] = true;
    }
}

/// Gives a notice's blocks one language where their own guesses were missing or weak: a short
/// Turkish paragraph may read as Azerbaijani on its own, but not beside three Turkish ones. Each
/// notice (a run of adjacent notice blocks) settles on its own.
fn settle_languages(blocks: &mut [Block], facts: &[Facts], views: &[View], notice: &[bool]) {
    let mut k = 0;
    while k < views.len() {
        if !notice[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < views.len() && notice[k] {
            k += 1;
        }
        let members: Vec<usize> = views[start..k].iter().map(|v| v.index).collect();
        if members.len() < 2 {
            continue;
        }
        let Some(common) = language::vote(members.iter().map(|&i| &blocks[i])) else {
            continue;
        };
        for &i in &members {
            let enough = language::letters(&blocks[i].text) >= language::MIN_LETTERS;
            if enough && facts[i].confidence < WEAK_GUESS {
                blocks[i].language = Some(common.clone());
            }
        }
    }
}
