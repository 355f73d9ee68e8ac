//! Finding place-name candidates in text: light word scanning and leftmost-longest lookups.
//!
//! The principal function is [`scan`]. It cuts the text into words (runs of alphanumeric chars),
//! and from every capitalised word reads the longest run of words whose normalised form is a name
//! of the gazetteer and whose last word is capitalised too. The normal form is the one
//! `scripts/build-gazetteer.py` writes into `names.tsv`: words folded to ASCII where a fold table
//! says so ("Kandahār" → "kandahar"), lowercased, joined by the
//! separator found between them, written as one of `" "`, `"-"`, `"'"`, `"."` or `". "`. Any
//! other separator (a comma, a full stop and a line break) ends a name.
//!
//! ```
//! use sitrep_pipeline::analyze::places::{scan, words, GazetteerData};
//!
//! let data = GazetteerData::embedded();
//! let text = "Fighting near Dera Ismail Khan and in Kabul.";
//! let ws = words(text);
//! let found: Vec<_> = scan(&data, text, &ws).iter().map(|m| m.key.clone()).collect();
//! assert_eq!(found, ["dera ismail khan", "kabul"]);
//! ```

use super::gazetteer::{GazetteerData, NameEntry};

/// The most words a name may have.
const MAX_WORDS: usize = 8;

/// A word of the text: a run of alphanumeric chars, in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Whether its first char is an uppercase letter.
    pub upper: bool,
}

/// Cuts `text` into words.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<Word> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            match cur.as_mut() {
                Some(w) => w.end = i + c.len_utf8(),
                None => {
                    cur = Some(Word {
                        start: i,
                        end: i + c.len_utf8(),
                        upper: c.is_uppercase(),
                    })
                }
            }
        } else if let Some(w) = cur.take() {
            out.push(w);
        }
    }
    out.extend(cur);
    out
}

/// The normal form of the separator `s` between two words of a name, or `None` when a name
/// cannot run across it.
pub fn separator(s: &str) -> Option<&'static str> {
    match s {
        "-" | "\u{2010}" | "\u{2011}" => Some("-"),
        "'" | "\u{2019}" => Some("'"),
        "." => Some("."),
        _ => {
            let (dot, rest) = match s.strip_prefix('.') {
                Some(rest) => (true, rest),
                None => (false, s),
            };
            let spaces = rest.chars().count();
            let newlines = rest.chars().filter(|&c| c == '\n').count();
            let blank = (1..=3).contains(&spaces) && rest.chars().all(char::is_whitespace);
            match (dot, blank, newlines) {
                (true, true, 0) => Some(". "),
                (false, true, 0 | 1) => Some(" "),
                _ => None,
            }
        }
    }
}

/// A run of words that is a name of the gazetteer.
#[derive(Debug, Clone)]
pub struct Candidate<'d> {
    /// Index of the first and last word in the word list.
    pub first: usize,
    pub last: usize,
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    /// The normalised name.
    pub key: String,
    pub entry: NameEntry<'d>,
}

impl Candidate<'_> {
    /// How many words the name has.
    pub fn word_count(&self) -> usize {
        self.last + 1 - self.first
    }
}

/// The lowercased text of a word.
pub fn lower(text: &str, w: &Word) -> String {
    text.get(w.start..w.end).unwrap_or_default().to_lowercase()
}

/// Finds the names of the gazetteer in `text`, leftmost-longest, each starting and ending with a
/// capitalised word.
pub fn scan<'d>(data: &'d GazetteerData, text: &str, words: &[Word]) -> Vec<Candidate<'d>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(first) = words.get(i) else { break };
        if !first.upper {
            i += 1;
            continue;
        }
        let mut key = String::new();
        data.fold_into(
            text.get(first.start..first.end).unwrap_or_default(),
            &mut key,
        );
        let mut best: Option<(usize, String, NameEntry<'d>)> = None;
        let mut j = i;
        loop {
            let upper = words.get(j).is_some_and(|w| w.upper);
            let (entry, longer) = data.find(&key);
            if let (true, Some(entry)) = (upper, entry) {
                best = Some((j, key.clone(), entry));
            }
            if j + 1 - i >= MAX_WORDS || !longer {
                break;
            }
            let (Some(a), Some(b)) = (words.get(j), words.get(j + 1)) else {
                break;
            };
            let Some(sep) = text.get(a.end..b.start).and_then(separator) else {
                break;
            };
            key.push_str(sep);
            data.fold_into(text.get(b.start..b.end).unwrap_or_default(), &mut key);
            j += 1;
        }
        match best {
            Some((last, key, entry)) => {
                let start = first.start;
                let mut end = words.get(last).map_or(first.end, |w| w.end);
                // An abbreviation keeps its final period: "U.S." (the key is "u.s").
                let short_last = words.get(last).is_some_and(|w| w.end - w.start <= 2);
                if key.contains('.')
                    && short_last
                    && text.get(end..).is_some_and(|t| t.starts_with('.'))
                {
                    end += 1;
                }
                out.push(Candidate {
                    first: i,
                    last,
                    start,
                    end,
                    key,
                    entry,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_words() {
        let ws = words("Kabul's ça-va, 12 Öz");
        let spans: Vec<_> = ws.iter().map(|w| (w.start, w.end, w.upper)).collect();
        assert_eq!(
            spans,
            vec![
                (0, 5, true),
                (6, 7, false),
                (8, 11, false),
                (12, 14, false),
                (16, 18, false),
                (19, 22, true)
            ]
        );
    }

    #[test]
    fn separators() {
        assert_eq!(separator(" "), Some(" "));
        assert_eq!(separator("\n"), Some(" "));
        assert_eq!(separator("\n\n"), None);
        assert_eq!(separator(". "), Some(". "));
        assert_eq!(separator(".\n"), None);
        assert_eq!(separator(", "), None);
        assert_eq!(separator("’"), Some("'"));
        assert_eq!(separator("-"), Some("-"));
    }
}
