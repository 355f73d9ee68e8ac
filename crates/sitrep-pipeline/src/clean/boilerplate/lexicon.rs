//! The cue lexicons of the boilerplate filter: vocabularies as data, compiled into matchers.
//!
//! [`Lexicon`] holds three tables, each read from a tab-separated file (the format is documented
//! in `data/lexicon/README.md`):
//!
//! - `cookie.tsv`: weighted cues of cookie and consent notices, either about the notice's *topic*
//!   (cookies, consent, tracking) or *addressing* the reader (we use, your choices, accept all);
//! - `controls.tsv`: whole-block UI remnants ("Share", "Close", "Advertisement");
//! - `phrases.tsv`: weighted cues for the other kinds, anchored at the start or end of a block or
//!   found anywhere in it ("Sign up for our newsletter", "All rights reserved", "Read more:").
//!
//! The built-in tables are compiled into the binary; [`Lexicon::extend_from_str`] adds a user's
//! entries from text the caller has read, so vocabularies grow without recompiling.
//!
//! ```
//! use sitrep_pipeline::clean::Lexicon;
//! let mut lex = Lexicon::default();
//! lex.extend_from_str("controls.tsv", "sv\tDela\n").unwrap();
//! assert!(lex.extend_from_str("nonsense.tsv", "").is_err());
//! ```

use std::collections::HashMap;
use std::fmt;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use sitrep_model::RemovedKind;

const COOKIE_TSV: &str = include_str!("../../../data/lexicon/cookie.tsv");
const CONTROLS_TSV: &str = include_str!("../../../data/lexicon/controls.tsv");
const PHRASES_TSV: &str = include_str!("../../../data/lexicon/phrases.tsv");

/// A line of a lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    /// 1-based; 0 when the whole file is at fault.
    pub line: usize,
    pub message: String,
}

/// What a cookie cue speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CookieClass {
    /// The subject of a notice: cookies, consent, tracking, personal data, partners.
    Topic,
    /// The notice speaking to the reader: "we use", "your consent", "accept all".
    Address,
}

/// Where in a block a phrase cue must sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// At the very start of the block.
    Start,
    /// At the very end of the block, trailing punctuation aside.
    End,
    /// Anywhere.
    Any,
    /// At the start, followed by nothing but names ("By Jane Doe and John Roe").
    Names,
}

/// What a cue counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Cookie(CookieClass),
    Phrase(RemovedKind, Position),
}

/// One cue of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub lang: String,
    pub target: Target,
    pub weight: f32,
    /// The cue may begin inside a word (written with a leading `*`).
    pub inner_start: bool,
    /// The cue may end inside a word: it is a stem (written with a trailing `*`).
    pub stem: bool,
}

/// A cue found in a block: its index in the table and the byte range in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub cue: usize,
    pub start: usize,
    pub end: usize,
}

/// A table of cues and the automaton that finds them.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub cues: Vec<Cue>,
    patterns: Vec<String>,
    /// Where each (pattern, target) pair sits in `cues`, to replace rather than repeat it.
    index: HashMap<(String, Target), usize>,
    matcher: Option<AhoCorasick>,
}

impl Cues {
    fn push(&mut self, pattern: &str, mut cue: Cue) {
        let mut p = pattern;
        if let Some(rest) = p.strip_prefix('*') {
            cue.inner_start = true;
            p = rest;
        }
        if let Some(rest) = p.strip_suffix('*') {
            cue.stem = true;
            p = rest;
        }
        let p = normalize(p);
        if p.is_empty() {
            return;
        }
        // Scripts written without spaces between words have no word boundaries to check.
        if p.chars().next().is_some_and(is_unspaced) {
            cue.inner_start = true;
        }
        if p.chars().last().is_some_and(is_unspaced) {
            cue.stem = true;
        }
        // A later entry for the same cue and target replaces the earlier one, so that a user's
        // file can re-weigh a built-in cue.
        match self.index.get(&(p.clone(), cue.target)) {
            Some(&i) => self.cues[i] = cue,
            None => {
                self.index.insert((p.clone(), cue.target), self.cues.len());
                self.patterns.push(p);
                self.cues.push(cue);
            }
        }
        self.matcher = None;
    }

    fn compile(&mut self) {
        if self.matcher.is_none() && !self.patterns.is_empty() {
            // The patterns are plain literals of bounded size; building cannot fail in practice,
            // and if it did the table would simply find nothing.
            // A contiguous NFA builds in well under a millisecond and searches short paragraphs
            // about as fast as a DFA, which would take far longer to build.
            self.matcher = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&self.patterns)
                .ok();
        }
    }

    /// Every cue found in `norm` (text made by [`normalize`]), each cue once, at word boundaries.
    pub fn hits(&self, norm: &str) -> Vec<Hit> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let mut out: Vec<Hit> = Vec::new();
        for found in m.find_overlapping_iter(norm) {
            let cue = found.pattern().as_usize();
            if out.iter().any(|h| h.cue == cue) {
                continue;
            }
            let c = &self.cues[cue];
            let (start, end) = (found.start(), found.end());
            let pat = &self.patterns[cue];
            let starts_word = !pat.starts_with(is_word_char)
                || !norm[..start].chars().next_back().is_some_and(is_word_char);
            let ends_word = !pat.ends_with(is_word_char) || !norm[end..].starts_with(is_word_char);
            if (c.inner_start || starts_word) && (c.stem || ends_word) {
                out.push(Hit { cue, start, end });
            }
        }
        out
    }
}

/// Which table a lexicon file extends.
#[derive(Debug, Clone, Copy)]
enum Table {
    Cookie,
    Controls,
    /// Phrases, with the kind given by the file name or, when `None`, by the first column.
    Phrases(Option<RemovedKind>),
}

/// The cue lexicons of the boilerplate filter. `Default` is the built-in lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) cookie: Cues,
    pub(crate) phrases: Cues,
    pub(crate) controls: HashMap<String, RemovedKind>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::builtin()
    }
}

impl Lexicon {
    /// A lexicon with no entries: nothing but structure and exact repeats is found with it.
    pub fn empty() -> Lexicon {
        Lexicon {
            cookie: Cues::default(),
            phrases: Cues::default(),
            controls: HashMap::new(),
        }
    }

    /// The lexicon compiled from `data/lexicon/`.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::empty();
        for (name, text) in [
            ("cookie.tsv", COOKIE_TSV),
            ("controls.tsv", CONTROLS_TSV),
            ("phrases.tsv", PHRASES_TSV),
        ] {
            if let Err(e) = lex.extend_from_str(name, text) {
                // The built-in files are checked by a unit test; a broken line is skipped, never fatal.
                debug_assert!(false, "built-in lexicon: {e}");
            }
        }
        lex
    }

    /// Adds the entries of one lexicon file. `name` is the file's name, without or with a
    /// directory part and extension, and says which table the lines go to:
    ///
    /// - `cookie` (or `cookie_notice`): cookie and consent cues;
    /// - `controls` (or `ui_control`): whole-block UI remnants;
    /// - `phrases`: cue phrases of any kind;
    /// - the name of another removal kind (`newsletter`, `copyright`, `byline`, ...): cue phrases
    ///   of that kind, written as in `phrases` without the first column.
    ///
    /// On error no entry of this file is kept.
    pub fn extend_from_str(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = base.split('.').next().unwrap_or(base);
        let err = |line: usize, message: String| LexiconError {
            file: base.to_string(),
            line,
            message,
        };
        let table = match stem {
            "cookie" | "cookie_notice" => Table::Cookie,
            "controls" | "ui_control" => Table::Controls,
            "phrases" => Table::Phrases(None),
            other => match RemovedKind::from_name(other) {
                Some(kind) => Table::Phrases(Some(kind)),
                None => {
                    return Err(err(
                        0,
                        format!(
                            "unknown lexicon `{other}`: expected cookie, controls, phrases or a removal kind"
                        ),
                    ))
                }
            },
        };
        let mut next = self.clone();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let added = match table {
                Table::Cookie => next.add_cookie(&cols),
                Table::Controls => next.add_control(&cols),
                Table::Phrases(None) => next.add_phrase(&cols),
                Table::Phrases(Some(kind)) => {
                    cols.insert(0, kind.as_str());
                    next.add_phrase(&cols)
                }
            };
            added.map_err(|m| err(i + 1, m))?;
        }
        next.cookie.compile();
        next.phrases.compile();
        *self = next;
        Ok(())
    }

    /// `lang  cue  weight  [topic|address]`
    fn add_cookie(&mut self, cols: &[&str]) -> Result<(), String> {
        let [lang, cue, weight, rest @ ..] = cols else {
            return Err("expected `lang<TAB>cue<TAB>weight[<TAB>class]`".into());
        };
        let class = match rest.first().copied().unwrap_or("topic") {
            "topic" | "" => CookieClass::Topic,
            "address" => CookieClass::Address,
            other => {
                return Err(format!(
                    "unknown class `{other}`: expected topic or address"
                ))
            }
        };
        let cue_def = Cue {
            lang: lang.to_string(),
            target: Target::Cookie(class),
            weight: parse_weight(weight)?,
            inner_start: false,
            stem: false,
        };
        self.cookie.push(cue, cue_def);
        Ok(())
    }

    /// `lang  text  [kind]`
    fn add_control(&mut self, cols: &[&str]) -> Result<(), String> {
        let [_lang, text, rest @ ..] = cols else {
            return Err("expected `lang<TAB>text[<TAB>kind]`".into());
        };
        let kind = match rest.first().copied().unwrap_or("") {
            "" => RemovedKind::UiControl,
            name => parse_kind(name)?,
        };
        let key = control_key(text);
        if key.is_empty() {
            return Err("empty control text".into());
        }
        self.controls.insert(key, kind);
        Ok(())
    }

    /// `kind  position  lang  cue  [weight]`
    fn add_phrase(&mut self, cols: &[&str]) -> Result<(), String> {
        let [kind, position, lang, cue, rest @ ..] = cols else {
            return Err("expected `kind<TAB>position<TAB>lang<TAB>cue[<TAB>weight]`".into());
        };
        let position = match *position {
            "start" => Position::Start,
            "end" => Position::End,
            "any" => Position::Any,
            "names" => Position::Names,
            other => {
                return Err(format!(
                    "unknown position `{other}`: expected start, end, any or names"
                ))
            }
        };
        let weight = match rest.first() {
            Some(w) if !w.is_empty() => parse_weight(w)?,
            _ => 1.0,
        };
        let cue_def = Cue {
            lang: lang.to_string(),
            target: Target::Phrase(parse_kind(kind)?, position),
            weight,
            inner_start: false,
            stem: false,
        };
        self.phrases.push(cue, cue_def);
        Ok(())
    }

    /// The kind of a block that is nothing but a UI remnant, if it is one.
    pub fn control(&self, text: &str) -> Option<RemovedKind> {
        self.controls.get(&control_key(text)).copied()
    }
}

fn parse_weight(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(w) if w.is_finite() && w >= 0.0 => Ok(w),
        _ => Err(format!("bad weight `{s}`: expected a non-negative number")),
    }
}

fn parse_kind(s: &str) -> Result<RemovedKind, String> {
    RemovedKind::from_name(s).ok_or_else(|| format!("unknown kind `{s}`"))
}

/// Text as the matchers see it: lower case, one space between words, typographic quotes made
/// plain. Turkish `İ` lower-cases to `i` plus a combining dot, which is dropped so that `İzin`
/// and `izin` match alike.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' => out.push('\''),
            _ => {
                for l in c.to_lowercase() {
                    if l != '\u{0307}' {
                        out.push(l);
                    }
                }
            }
        }
    }
    out
}

/// The key under which a UI remnant is looked up: normalised, with the decoration around it
/// (colons, arrows, bullets, ellipses, brackets) taken off. A block of decoration only, like `×`
/// or `…`, is its own key.
pub fn control_key(s: &str) -> String {
    let norm = normalize(s);
    let trimmed = norm.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        norm
    } else {
        trimmed.to_string()
    }
}

/// A character that continues a word. Characters of unspaced scripts do not: "Cookie" inside
/// Chinese text ("本网站使用Cookie来") is a word of its own.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// Han, kana, Hangul syllables and Thai: scripts where words are not separated by spaces.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x0E00..=0x0E7F)
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Position::Start => "start",
            Position::End => "end",
            Position::Any => "any",
            Position::Names => "names",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse() {
        let mut lex = Lexicon::empty();
        lex.extend_from_str("cookie.tsv", COOKIE_TSV).unwrap();
        lex.extend_from_str("controls.tsv", CONTROLS_TSV).unwrap();
        lex.extend_from_str("phrases.tsv", PHRASES_TSV).unwrap();
        assert!(lex.cookie.cues.len() > 100);
        assert_eq!(lex.control("Share »"), Some(RemovedKind::UiControl));
    }

    #[test]
    fn a_file_named_after_a_kind_holds_phrases_of_that_kind() {
        let mut lex = Lexicon::empty();
        lex.extend_from_str("/etc/sitrep/newsletter.tsv", "start\tsv\tprenumerera på\n")
            .unwrap();
        let hits = lex
            .phrases
            .hits(&normalize("Prenumerera på vårt nyhetsbrev"));
        assert_eq!(hits.len(), 1);
        let cue = &lex.phrases.cues[hits[0].cue];
        assert_eq!(
            cue.target,
            Target::Phrase(RemovedKind::Newsletter, Position::Start)
        );
    }

    #[test]
    fn builtin_entries_name_a_two_letter_language() {
        for (name, text, col) in [
            ("cookie", COOKIE_TSV, 0),
            ("controls", CONTROLS_TSV, 0),
            ("phrases", PHRASES_TSV, 2),
        ] {
            for line in text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let lang = line.split('\t').nth(col).unwrap_or("");
                let ok = lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase());
                assert!(ok, "{name}: bad language in {line:?}");
            }
        }
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let mut lex = Lexicon::empty();
        let e = lex
            .extend_from_str("my/cookie.tsv", "# c\nen\tcookie\theavy\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cookie.tsv:2: bad weight `heavy`: expected a non-negative number"
        );
        assert!(lex.cookie.cues.is_empty());
    }

    #[test]
    fn cues_respect_word_boundaries() {
        let mut lex = Lexicon::empty();
        lex.extend_from_str(
            "cookie.tsv",
            "en\tcookie*\t1\nen\tad\t1\ntr\t*çerez*\t1\nzh\t同意\t1\n",
        )
        .unwrap();
        let hits = |s: &str| lex.cookie.hits(&normalize(s)).len();
        assert_eq!(hits("Cookies and ads"), 1);
        assert_eq!(hits("an ad here"), 1);
        assert_eq!(hits("Çerezleri kabul"), 1);
        assert_eq!(hits("您同意我们"), 1);
        assert_eq!(hits("本网站使用Cookie来"), 1);
    }

    #[test]
    fn turkish_dotted_capital_matches_lower_case() {
        assert_eq!(normalize("İzin  VERİN"), "izin verin");
    }
}
