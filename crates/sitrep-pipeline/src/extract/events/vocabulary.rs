//! The event vocabulary: verb blocks, their patterns, word sets and the directive word lists,
//! parsed from the text format of `data/events/` (described in its `README.md`).
//!
//! The principal type is [`Vocabulary`]. Every surface form of every verb points, through one
//! hash lookup, to the verbs it may be; each verb belongs to a block whose patterns refine its
//! code.
//!
//! ```
//! use sitrep_pipeline::extract::events::vocabulary::{Kind, Vocabulary};
//! let mut v = Vocabulary::default();
//! v.extend("mine", "== shell 190\nshell\n- * hospital = 1823\n% intent eager\n").unwrap();
//! assert!(v.verbs_of("shelled").next().is_some());
//! assert!(v.is_word(Kind::Intent, "eager"));
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the keys are short words, where SipHash's setup dominates. The maps are built from
/// the vocabulary; input words are only looked up (or, in one sentence's word set, inserted in
/// numbers bounded by the sentence).
#[derive(Debug, Clone, Copy, Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map with [`Fnv`] hashing.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A hash set with [`Fnv`] hashing.
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// The word lists of the `%` directives that steer the coder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "ready", "willing": the event they govern becomes an expressed intent.
    Intent,
    /// "said", "according": the actor next to them is the speaker.
    Report,
    /// "not", "never": the event word after them is not coded.
    Negate,
    /// "if", "unless": what follows is a condition, not an event.
    Condition,
    /// "would", "could": the event is hypothetical (lower confidence).
    Modal,
    /// "was", "been": auxiliaries of the passive.
    Passive,
    /// "which", "while": words that end the search for a target.
    Clause,
    /// Words that never trigger ("forces", "officials").
    Skip,
    /// "must", "should": after a reporting verb, the speaker demands the event of its subject.
    Obligation,
    /// "on", "against": a pattern of these alone must sit next to its verb.
    Function,
    /// "staged", "began": light verbs whose object noun names the event.
    Light,
    /// "will": an announced future act is an expressed intent ("will allow" is 035).
    Future,
}

impl Kind {
    const ALL: [(&'static str, Kind); 12] = [
        ("intent", Kind::Intent),
        ("report", Kind::Report),
        ("negate", Kind::Negate),
        ("condition", Kind::Condition),
        ("modal", Kind::Modal),
        ("passive", Kind::Passive),
        ("clause", Kind::Clause),
        ("skip", Kind::Skip),
        ("obligation", Kind::Obligation),
        ("function", Kind::Function),
        ("light", Kind::Light),
        ("future", Kind::Future),
    ];

    fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    /// The kind's bit in a word's flags.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// One pattern: words before the verb and words after it, in order, with the code it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub pre: Vec<String>,
    pub post: Vec<String>,
    /// The CAMEO code, or `None` for `---` (the phrase is not an event).
    pub code: Option<String>,
    /// Where the pattern comes from: `file:line`.
    pub id: String,
    /// A literal word of the pattern: when the sentence lacks it, the pattern is skipped
    /// without a scan.
    pub anchor: Option<String>,
}

/// One verb (or event noun) of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verb {
    pub lemma: String,
    /// Words that must follow the verb ("stir up", "cordon off").
    pub particles: Vec<String>,
    /// The code of the verb alone; the block's code when `None`.
    pub code: Option<Option<String>>,
    pub block: usize,
    pub id: String,
}

/// A synonym block: verbs that share their patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub name: String,
    pub code: Option<String>,
    pub patterns: Vec<Pattern>,
}

/// The loaded vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub blocks: Vec<Block>,
    pub verbs: Vec<Verb>,
    /// Normalised surface form → indices into `verbs`.
    forms: FastMap<String, Vec<usize>>,
    /// `&name` → its members, each a sequence of normalised words.
    pub sets: HashMap<String, Vec<Vec<String>>>,
    /// Lowercase word → the bits of the `% kind` lists it is in.
    words: FastMap<String, u16>,
    /// `% transparent CODE...`: statement codes not coded on their own.
    transparent: FastSet<String>,
    /// `% compose GOVERNOR EMBEDDED RESULT`, in file order.
    pub compose: Vec<(String, String, String)>,
}

impl Vocabulary {
    /// Adds the entries of `text` (named `name` in pattern ids). A later verb with the same
    /// lemma and block name overrides an earlier one; later lines win when two patterns tie.
    pub fn extend(&mut self, name: &str, text: &str) -> Result<(), String> {
        let mut block: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let id = format!("{name}:{}", n + 1);
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |what: &str| format!("{id}: {what}: {line:?}");
            if let Some(rest) = line.strip_prefix("==") {
                let mut it = rest.split_whitespace();
                let bname = it.next().ok_or_else(|| err("block without a name"))?;
                let code = parse_code(it.next().unwrap_or("---")).ok_or_else(|| err("bad code"))?;
                let existing = self.blocks.iter().position(|b| b.name == bname);
                block = Some(match existing {
                    Some(i) => {
                        if let Some(b) = self.blocks.get_mut(i) {
                            b.code = code;
                        }
                        i
                    }
                    None => {
                        self.blocks.push(Block {
                            name: bname.to_string(),
                            code,
                            patterns: Vec::new(),
                        });
                        self.blocks.len() - 1
                    }
                });
            } else if let Some(rest) = line.strip_prefix('&') {
                let mut it = rest.split_whitespace();
                let sname = it.next().ok_or_else(|| err("set without a name"))?;
                let members = it.map(|m| m.split('_').map(norm).collect()).collect();
                self.sets.insert(sname.to_lowercase(), members);
            } else if let Some(rest) = line.strip_prefix('%') {
                let mut it = rest.split_whitespace();
                let kind = it.next().ok_or_else(|| err("directive without a kind"))?;
                if kind == "compose" {
                    let v: Vec<&str> = it.collect();
                    let [g, e, r] = v[..] else {
                        return Err(err("compose needs GOVERNOR EMBEDDED RESULT"));
                    };
                    self.compose.push((g.into(), e.into(), r.into()));
                } else if kind == "transparent" {
                    self.transparent.extend(it.map(str::to_string));
                } else {
                    let k = Kind::parse(kind).ok_or_else(|| err("unknown directive"))?;
                    for w in it {
                        *self.words.entry(w.to_lowercase()).or_default() |= k.bit();
                    }
                }
            } else if let Some(rest) = line.strip_prefix('-') {
                let b = block.ok_or_else(|| err("pattern outside a block"))?;
                let (body, code) = rest.rsplit_once('=').ok_or_else(|| err("no `= CODE`"))?;
                let code = parse_code(code.trim()).ok_or_else(|| err("bad code"))?;
                let (pre, post) = body.split_once('*').ok_or_else(|| err("no `*`"))?;
                let words = |s: &str| -> Vec<String> {
                    s.split_whitespace()
                        .map(|w| {
                            if w.starts_with('&') {
                                w.to_lowercase()
                            } else {
                                norm(w)
                            }
                        })
                        .collect()
                };
                let (pre, post) = (words(pre), words(post));
                // The longest literal word is the rarest in practice ("to" and "with" are
                // everywhere, "ceasefire" is not).
                let anchor = post
                    .iter()
                    .chain(pre.iter())
                    .filter(|w| !w.starts_with('&'))
                    .max_by_key(|w| w.len())
                    .cloned();
                if let Some(bl) = self.blocks.get_mut(b) {
                    bl.patterns.push(Pattern {
                        pre,
                        post,
                        code,
                        id,
                        anchor,
                    });
                }
            } else {
                let b = block.ok_or_else(|| err("verb outside a block"))?;
                let (head, code) = match line.rsplit_once('=') {
                    Some((h, c)) => (
                        h,
                        Some(parse_code(c.trim()).ok_or_else(|| err("bad code"))?),
                    ),
                    None => (line, None),
                };
                let mut it = head.split_whitespace();
                let lemma_full = it.next().ok_or_else(|| err("empty verb"))?.to_lowercase();
                // `!verb`: this block takes the verb over from every earlier block.
                let (lemma_full, take_over) = match lemma_full.strip_prefix('!') {
                    Some(rest) => (rest.to_string(), true),
                    None => (lemma_full, false),
                };
                if take_over {
                    self.forget(lemma_full.split('_').next().unwrap_or(""));
                }
                let mut parts = lemma_full.split('_').filter(|p| !p.is_empty());
                let lemma = parts.next().ok_or_else(|| err("empty verb"))?.to_string();
                let particles: Vec<String> = parts.map(norm).collect();
                let irregular: Vec<String> = it.map(|f| f.to_lowercase()).collect();
                self.add_verb(lemma, particles, irregular, code, b, id);
            }
        }
        Ok(())
    }

    /// Removes the single-word verb `lemma` from every block, so that a new entry replaces it.
    fn forget(&mut self, lemma: &str) {
        let gone: Vec<usize> = (0..self.verbs.len())
            .filter(|&i| {
                self.verbs
                    .get(i)
                    .is_some_and(|v| v.lemma == lemma && v.particles.is_empty())
            })
            .collect();
        for list in self.forms.values_mut() {
            list.retain(|i| !gone.contains(i));
        }
    }

    fn add_verb(
        &mut self,
        lemma: String,
        particles: Vec<String>,
        irregular: Vec<String>,
        code: Option<Option<String>>,
        block: usize,
        id: String,
    ) {
        // A user entry for a verb already in the block replaces it.
        let same = self
            .verbs
            .iter()
            .position(|v| v.lemma == lemma && v.particles == particles && v.block == block);
        let index = match same {
            Some(i) => {
                if let Some(v) = self.verbs.get_mut(i) {
                    v.code = code;
                    v.id = id;
                }
                i
            }
            None => {
                self.verbs.push(Verb {
                    lemma: lemma.clone(),
                    particles,
                    code,
                    block,
                    id,
                });
                self.verbs.len() - 1
            }
        };
        let mut forms = regular_forms(&lemma);
        forms.extend(irregular);
        for f in forms {
            let list = self.forms.entry(norm(&f)).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
    }

    /// The verbs that the word `form` may be (any case and inflection).
    pub fn verbs_of(&self, form: &str) -> impl Iterator<Item = (usize, &Verb)> {
        self.verbs_of_norm(&norm(form))
    }

    /// The verbs of a word already normalised with [`norm`].
    pub fn verbs_of_norm(&self, normed: &str) -> impl Iterator<Item = (usize, &Verb)> {
        self.forms
            .get(normed)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.verbs.get(i).map(|v| (i, v)))
    }

    /// Whether `word` (lowercase) is in the `% kind` list.
    pub fn is_word(&self, kind: Kind, word: &str) -> bool {
        self.flags(word) & kind.bit() != 0
    }

    /// The bits of the `% kind` lists that `word` (lowercase) is in.
    pub fn flags(&self, word: &str) -> u16 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// Whether `code` is a statement code that is not coded on its own.
    pub fn is_transparent(&self, code: &str) -> bool {
        self.transparent.contains(code)
    }

    /// The number of patterns, by CAMEO root (`--` for the null code).
    pub fn patterns_by_root(&self) -> Vec<(String, usize)> {
        let mut by: HashMap<String, usize> = HashMap::new();
        for b in &self.blocks {
            for p in &b.patterns {
                let root = p.code.as_deref().and_then(|c| c.get(..2)).unwrap_or("--");
                *by.entry(root.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<_> = by.into_iter().collect();
        v.sort();
        v
    }
}

/// `190` → Some(Some("190")); `---` → Some(None); anything else → None.
fn parse_code(s: &str) -> Option<Option<String>> {
    if s == "---" {
        return Some(None);
    }
    let ok = (3..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| Some(s.to_string()))
}

/// The comparison form of a word: lowercase, with a plural or third-person `s` taken off, so
/// that "talks", "talk" and "Talks" meet; both sides of every comparison go through it.
pub fn norm(w: &str) -> String {
    let w = w.to_lowercase();
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", w.get(..n - 3).unwrap_or(""));
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if n > suffix.len() + 1 && w.ends_with(suffix) {
            return w.get(..n - 2).unwrap_or("").to_string();
        }
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w.get(..n - 1).unwrap_or("").to_string();
    }
    w
}

/// The regular inflections of an English verb (and the plural of a noun). Where the rule is
/// unsure (doubling the last consonant), both spellings are listed: a form that never occurs
/// costs nothing.
fn regular_forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let last = lemma.chars().last().unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);
    let mut stems = vec![lemma.to_string()];
    if let Some(stem) = lemma.strip_suffix('e') {
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}d"));
        out.push(format!("{stem}ing"));
        return out;
    }
    if let Some(stem) = lemma.strip_suffix('y') {
        if !stem.ends_with(|c: char| vowel(c)) {
            out.push(format!("{stem}ies"));
            out.push(format!("{stem}ied"));
            out.push(format!("{lemma}ing"));
            return out;
        }
    }
    let chars: Vec<char> = lemma.chars().collect();
    let cvc = chars.len() >= 3
        && !vowel(last)
        && !"wxy".contains(last)
        && chars.get(chars.len() - 2).is_some_and(|&c| vowel(c))
        && chars.get(chars.len() - 3).is_some_and(|&c| !vowel(c));
    if cvc {
        stems.push(format!("{lemma}{last}"));
    }
    let es = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| lemma.ends_with(s));
    out.push(if es {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    });
    for s in stems {
        out.push(format!("{s}ed"));
        out.push(format!("{s}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_norms() {
        assert!(regular_forms("attack").contains(&"attacked".to_string()));
        assert!(regular_forms("submit").contains(&"submitted".to_string()));
        assert!(regular_forms("accuse").contains(&"accusing".to_string()));
        assert!(regular_forms("deny").contains(&"denied".to_string()));
        assert_eq!(norm("Talks"), "talk");
        assert_eq!(norm("clashes"), "clash");
        assert_eq!(norm("casualties"), "casualty");
        assert_eq!(norm("ss"), "ss");
        assert_eq!(norm("é"), "é");
    }

    #[test]
    fn errors_name_the_line() {
        let mut v = Vocabulary::default();
        let e = v.extend("user", "- * x = 190").unwrap_err();
        assert!(e.starts_with("user:1"), "{e}");
        assert!(v.extend("user", "== b 19x").is_err());
    }
}
