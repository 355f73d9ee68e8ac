//! Finding event words in one sentence: every token is looked up once in the form index of the
//! [`Vocabulary`], and the patterns of the verbs it may be are tried around it.
//!
//! The principal type is [`Trigger`]: a verb or event noun with the code of its best pattern.
//!
//! ```
//! use sitrep_pipeline::extract::events::matcher::{find, SentenceWords};
//! use sitrep_pipeline::extract::events::vocabulary::Vocabulary;
//! let mut v = Vocabulary::default();
//! v.extend("t", "== attack 190\nattack\n- * with rocket = 193").unwrap();
//! let s = SentenceWords::from_words(&["they", "attacked", "it", "with", "rockets"]);
//! let t = find(&v, &s);
//! assert_eq!(t[0].code.as_deref(), Some("193"));
//! assert_eq!(t[0].pattern, "t:3");
//! ```

use super::vocabulary::{norm, FastSet, Kind, Vocabulary};

/// How far before and after the verb pattern words are looked for, in tokens.
const PRE_WINDOW: usize = 6;
const POST_WINDOW: usize = 10;

/// The words of one sentence, lowercased and normalised, with the tokens that sit inside an
/// actor name (which never trigger: "Security Council", "Freedom Party").
#[derive(Debug, Clone, Default)]
pub struct SentenceWords {
    pub lower: Vec<String>,
    pub norm: Vec<String>,
    pub in_actor: Vec<bool>,
    /// Whether the token starts with an upper-case letter.
    pub capital: Vec<bool>,
    /// The normalised words, for the anchor test of patterns.
    pub present: FastSet<String>,
    /// The bits of the directive lists each word is in ([`Kind::bit`]).
    pub flags: Vec<u16>,
}

impl SentenceWords {
    /// The words of a sentence, with their directive flags from `vocab`.
    pub fn new(vocab: &Vocabulary, words: &[&str]) -> SentenceWords {
        let mut s = SentenceWords::from_words(words);
        s.flags = s.lower.iter().map(|w| vocab.flags(w)).collect();
        s
    }

    /// The words of a sentence, without directive flags.
    pub fn from_words(words: &[&str]) -> SentenceWords {
        let norm: Vec<String> = words.iter().map(|w| norm(w)).collect();
        SentenceWords {
            flags: vec![0; words.len()],
            lower: words.iter().map(|w| w.to_lowercase()).collect(),
            present: norm.iter().cloned().collect(),
            norm,
            in_actor: vec![false; words.len()],
            capital: words
                .iter()
                .map(|w| w.starts_with(char::is_uppercase))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.lower.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// Whether word `i` is in the `kind` list.
    pub fn is(&self, kind: Kind, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & kind.bit() != 0)
    }

    pub fn lower_at(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Whether token `i` ends a clause for pattern matching.
    fn is_stop(&self, i: usize) -> bool {
        matches!(self.lower_at(i), ";" | "." | ":" | "?" | "!")
    }
}

/// A verb or event noun found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Token index (within the sentence) of the verb.
    pub at: usize,
    /// One past the last token of the verb and its particles.
    pub end: usize,
    /// Index of the verb in the vocabulary.
    pub verb: usize,
    /// The code, `None` when the phrase is not an event.
    pub code: Option<String>,
    /// The id (`file:line`) of the pattern or verb entry that gave the code.
    pub pattern: String,
    /// How many pattern words matched besides the verb (0: the verb alone).
    pub specificity: usize,
}

/// The triggers of a sentence, in token order; at most one per token (the most specific).
pub fn find(vocab: &Vocabulary, s: &SentenceWords) -> Vec<Trigger> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        // The second half of a compound ("cease-fire", "US-led") is a modifier, not an event.
        let compound = i > 0 && s.lower_at(i - 1) == "-";
        if s.in_actor.get(i).copied().unwrap_or(true) || s.is(Kind::Skip, i) || compound {
            continue;
        }
        let Some(normed) = s.norm.get(i) else {
            continue;
        };
        let mut best: Option<Trigger> = None;
        for (vi, verb) in vocab.verbs_of_norm(normed) {
            // Particles follow the verb, possibly after one word ("stir tensions up" is rare;
            // "stir up" is the rule), so they are required right after it.
            let mut end = i + 1;
            let mut ok = true;
            for p in &verb.particles {
                if s.norm.get(end) == Some(p) {
                    end += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            let Some(block) = vocab.blocks.get(verb.block) else {
                continue;
            };
            let mut cand = Trigger {
                at: i,
                end,
                verb: vi,
                code: verb.code.clone().unwrap_or_else(|| block.code.clone()),
                pattern: verb.id.clone(),
                specificity: verb.particles.len(),
            };
            for p in &block.patterns {
                if p.anchor.as_ref().is_some_and(|a| !s.present.contains(a)) {
                    continue;
                }
                let Some(n) = pattern_matches(vocab, s, i, end, &p.pre, &p.post) else {
                    continue;
                };
                // Later patterns win ties so that user files override the imported ones.
                if n + verb.particles.len() >= cand.specificity && n > 0 {
                    cand.code = p.code.clone();
                    cand.pattern = p.id.clone();
                    cand.specificity = n + verb.particles.len();
                }
            }
            // Later entries win ties: our own file and user files override the imported one.
            let better = best
                .as_ref()
                .is_none_or(|b| cand.specificity >= b.specificity);
            if better {
                best = Some(cand);
            }
        }
        out.extend(best);
    }
    out
}

/// The number of pattern words matched when all of `pre` (before `at`) and `post` (after
/// `end`) are found in order within the windows; `None` otherwise.
fn pattern_matches(
    vocab: &Vocabulary,
    s: &SentenceWords,
    at: usize,
    end: usize,
    pre: &[String],
    post: &[String],
) -> Option<usize> {
    let mut n = 0;
    let mut pos = end;
    // A pattern of function words only ("* on", "* into") must sit next to its verb: further
    // away, "on" is as likely to start "on Monday".
    let short = pre
        .iter()
        .chain(post)
        .all(|w| vocab.is_word(Kind::Function, w));
    let window = if short { 2 } else { POST_WINDOW };
    let limit = (end + window).min(s.len());
    for w in post {
        let mut found = None;
        let mut k = pos;
        while k < limit && !s.is_stop(k) {
            if let Some(len) = word_at(vocab, s, k, w) {
                found = Some(k + len);
                break;
            }
            k += 1;
        }
        pos = found?;
        n += 1;
    }
    // Pre words are matched right to left, nearest first.
    let mut pos = at;
    let floor = at.saturating_sub(if short { 2 } else { PRE_WINDOW });
    for w in pre.iter().rev() {
        let mut found = None;
        let mut k = pos;
        while k > floor {
            k -= 1;
            if s.is_stop(k) {
                break;
            }
            if word_at(vocab, s, k, w).is_some() {
                found = Some(k);
                break;
            }
        }
        pos = found?;
        n += 1;
    }
    Some(n)
}

/// Whether pattern word `w` (a normalised word or an `&set`) is at token `k`, and how many
/// tokens it covers.
fn word_at(vocab: &Vocabulary, s: &SentenceWords, k: usize, w: &str) -> Option<usize> {
    if let Some(name) = w.strip_prefix('&') {
        let members = vocab.sets.get(name)?;
        return members.iter().find_map(|m| {
            let all = m
                .iter()
                .enumerate()
                .all(|(j, mw)| s.norm.get(k + j) == Some(mw));
            (all && !m.is_empty()).then_some(m.len())
        });
    }
    (s.norm.get(k).map(String::as_str) == Some(w)).then_some(1)
}
