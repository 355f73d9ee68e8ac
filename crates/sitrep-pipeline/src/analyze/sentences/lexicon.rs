//! The sentence splitter's vocabulary: [`Abbreviations`], read from the sectioned word lists under
//! `data/<language>/abbreviations.txt` (the format is described at the top of
//! `data/en/abbreviations.txt`).
//!
//! ```
//! use sitrep_pipeline::analyze::sentences::Abbreviations;
//! let mut abbr = Abbreviations::for_language(Some("en"));
//! abbr.extend_from_str("[title]\nCmdt\n").unwrap();
//! ```
//!
//! The defaults are embedded in the binary; users add words at run time with
//! [`Abbreviations::extend_from_str`] (the library never opens files itself).

use std::collections::HashSet;
use std::fmt;

/// The languages with embedded word lists. Adding one is a data addition: its files under
/// `data/<code>/` and one line here and in `dates::words`.
pub const LANGUAGES: &[&str] = &["en", "de"];

/// The embedded defaults, by ISO 639-1 code. English is the fallback for any other language.
const DEFAULTS: &[(&str, &str)] = &[
    ("en", include_str!("../../../data/en/abbreviations.txt")),
    ("de", include_str!("../../../data/de/abbreviations.txt")),
];

/// A line of a lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// The embedded file of `language` (ISO 639-1) in a table of `(code, text)`, else the table's
/// first entry (English), else nothing.
pub(crate) fn embedded_for(table: &[(&str, &'static str)], language: Option<&str>) -> &'static str {
    language
        .and_then(|l| table.iter().find(|(code, _)| l.eq_ignore_ascii_case(code)))
        .or(table.first())
        .map_or("", |(_, d)| *d)
}

/// Walks the lines of a sectioned lexicon file, calling `entry(section, line_no, line)` for every
/// entry line. Comments (`#`) and blank lines are skipped; an entry before any `[section]` line
/// is an error.
pub(crate) fn for_each_entry<F>(data: &str, mut entry: F) -> Result<(), LexiconError>
where
    F: FnMut(&str, usize, &str) -> Result<(), String>,
{
    let mut section: Option<&str> = None;
    for (n, raw) in data.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(name.trim());
            continue;
        }
        let Some(sec) = section else {
            return Err(LexiconError {
                line: n + 1,
                message: "entry before any [section] line".to_string(),
            });
        };
        entry(sec, n + 1, line).map_err(|message| LexiconError {
            line: n + 1,
            message,
        })?;
    }
    Ok(())
}

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// Comes before a name and never ends a sentence: Mr., Gen., Lt. Col.
    Title,
    /// An abbreviation only before a number: No. 5.
    Number,
    /// May end a sentence, which it does before a sentence starter: Inc., etc., Feb.
    Plain,
}

/// A word list that matches exactly, or in any case for entries written in lower case.
#[derive(Debug, Clone, Default)]
struct WordSet {
    exact: HashSet<String>,
    folded: HashSet<String>,
}

impl WordSet {
    fn insert(&mut self, w: &str) {
        if w.chars().any(char::is_uppercase) {
            self.exact.insert(w.to_string());
        } else {
            self.folded.insert(w.to_string());
        }
    }

    fn contains(&self, w: &str) -> bool {
        if self.exact.contains(w) {
            return true;
        }
        if self.folded.is_empty() {
            return false;
        }
        if w.chars().any(char::is_uppercase) {
            self.folded.contains(&w.to_lowercase())
        } else {
            self.folded.contains(w)
        }
    }
}

/// Abbreviations and the other word lists that decide where sentences end.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    title: WordSet,
    number: WordSet,
    plain: WordSet,
    starters: WordSet,
    ordinal: WordSet,
    reporting: WordSet,
}

impl Abbreviations {
    /// The embedded lists for `language` (ISO 639-1), English when there are none for it.
    pub fn for_language(language: Option<&str>) -> Abbreviations {
        let data = embedded_for(DEFAULTS, language);
        let mut a = Abbreviations::default();
        // The embedded files are tested to parse, so an error here cannot happen; ignoring it
        // keeps this constructor infallible.
        let _ = a.extend_from_str(data);
        a
    }

    /// Adds the entries of a lexicon file in the `data/en/abbreviations.txt` format.
    pub fn extend_from_str(&mut self, data: &str) -> Result<(), LexiconError> {
        for_each_entry(data, |section, _, word| {
            let word = word.strip_suffix('.').unwrap_or(word);
            let set = match section {
                "title" => &mut self.title,
                "number" => &mut self.number,
                "plain" => &mut self.plain,
                "starters" => &mut self.starters,
                "ordinal" => &mut self.ordinal,
                "reporting" => &mut self.reporting,
                other => return Err(format!("unknown section [{other}]")),
            };
            set.insert(word);
            Ok(())
        })
    }

    /// The class of `word` (written without its period) when it is a listed abbreviation.
    pub fn class(&self, word: &str) -> Option<AbbreviationClass> {
        if self.title.contains(word) {
            Some(AbbreviationClass::Title)
        } else if self.plain.contains(word) {
            Some(AbbreviationClass::Plain)
        } else if self.number.contains(word) {
            Some(AbbreviationClass::Number)
        } else {
            None
        }
    }

    /// Whether `word` often opens a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether `word` may follow an ordinal number's period without a sentence break.
    pub fn follows_ordinal(&self, word: &str) -> bool {
        self.ordinal.contains(word)
    }

    /// Whether `word` is a reporting verb ("said").
    pub fn is_reporting(&self, word: &str) -> bool {
        self.reporting.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_lists() {
        for code in LANGUAGES {
            assert!(DEFAULTS.iter().any(|(c, _)| c == code), "{code}");
        }
    }

    #[test]
    fn embedded_lists_parse() {
        for (code, data) in DEFAULTS {
            let mut a = Abbreviations::default();
            assert_eq!(a.extend_from_str(data), Ok(()), "{code}");
        }
        let en = Abbreviations::for_language(None);
        assert_eq!(en.class("Gen"), Some(AbbreviationClass::Title));
        assert_eq!(en.class("Etc"), Some(AbbreviationClass::Plain));
        assert_eq!(en.class("gen"), None);
        assert!(en.is_starter("The"));
    }

    #[test]
    fn bad_lines_are_reported() {
        let mut a = Abbreviations::default();
        assert_eq!(a.extend_from_str("Mr\n").unwrap_err().line, 1);
        assert!(a.extend_from_str("[title]\nMr\n[bogus]\nx\n").is_err());
    }
}
