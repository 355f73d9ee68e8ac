//! The context words of place resolution, read from `data/gazetteer/words.txt`.
//!
//! The principal type is [`PlaceWords`]: the stop-lists (names that are never places, or only
//! after a locative preposition) and the cue words (prepositions, division and settlement words,
//! street-level words). They are data, so a language or a word is added without touching code.
//!
//! ```
//! use sitrep_pipeline::analyze::places::PlaceWords;
//!
//! let words = PlaceWords::embedded();
//! assert!(words.is_never("monday"));
//! assert!(words.is_common("nice"));
//! assert!(words.is_locative("in"));
//! ```

use std::collections::HashSet;

const WORDS_TXT: &str = include_str!("../../../data/gazetteer/words.txt");

/// The word lists, all lowercase.
#[derive(Debug, Clone, Default)]
pub struct PlaceWords {
    never: HashSet<String>,
    common: HashSet<String>,
    locative: HashSet<String>,
    division: HashSet<String>,
    settlement: HashSet<String>,
    street: HashSet<String>,
    after: HashSet<String>,
}

impl PlaceWords {
    /// The lists vendored in the crate.
    pub fn embedded() -> PlaceWords {
        PlaceWords::parse(WORDS_TXT)
    }

    /// Reads lists in the `words.txt` format: `[section]` headers, one word a line, `#` comments.
    /// Unknown sections are ignored.
    pub fn parse(text: &str) -> PlaceWords {
        let mut w = PlaceWords::default();
        let mut section = "";
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let set = match section {
                "never" => &mut w.never,
                "common" => &mut w.common,
                "locative" => &mut w.locative,
                "division" => &mut w.division,
                "settlement" => &mut w.settlement,
                "street" => &mut w.street,
                "after" => &mut w.after,
                _ => continue,
            };
            set.insert(line.to_lowercase());
        }
        w
    }

    /// A name that is never a place on its own ("may", "monday", "north").
    pub fn is_never(&self, key: &str) -> bool {
        self.never.contains(key)
    }

    /// A name that is also a common word: a place only after a locative preposition.
    pub fn is_common(&self, key: &str) -> bool {
        self.common.contains(key)
    }

    /// A preposition that introduces a place ("in", "near").
    pub fn is_locative(&self, word: &str) -> bool {
        self.locative.contains(word)
    }

    /// A word naming a first-level division ("province").
    pub fn is_division(&self, word: &str) -> bool {
        self.division.contains(word)
    }

    /// A word naming a settlement ("city", "town").
    pub fn is_settlement(&self, word: &str) -> bool {
        self.settlement.contains(word)
    }

    /// A street-level word ("hospital", "market").
    pub fn is_street(&self, word: &str) -> bool {
        self.street.contains(word)
    }

    /// A capitalised word that may follow a place name without extending it ("Monday",
    /// "President").
    pub fn is_after(&self, word: &str) -> bool {
        self.after.contains(word)
    }

    /// How many words all lists hold.
    pub fn len(&self) -> usize {
        self.never.len()
            + self.common.len()
            + self.locative.len()
            + self.division.len()
            + self.settlement.len()
            + self.street.len()
            + self.after.len()
    }

    /// Whether every list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections() {
        let w = PlaceWords::parse("# c\n[never]\nMay\n[street]\nmarket\n[other]\nx\n");
        assert!(w.is_never("may"));
        assert!(w.is_street("market"));
        assert!(!w.is_never("x"));
        assert_eq!(w.len(), 2);
    }
}
