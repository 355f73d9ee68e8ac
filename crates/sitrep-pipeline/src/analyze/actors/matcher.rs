//! Dictionary matching: every dictionary name found in a text, leftmost-longest, on word
//! boundaries, with the case each name asks for.
//!
//! The principal type is [`Matcher`], an Aho-Corasick automaton over the normalised names
//! (lower case, hyphens and runs of spaces as one space, curly apostrophes straight), which
//! scales to hundreds of thousands of names. The text is normalised the same way, with a map
//! back to its byte offsets.
//!
//! ```
//! use sitrep_pipeline::analyze::actors::matcher::normalize;
//! assert_eq!(normalize("Al-Shabaab’s  fighters").0, "al shabaab's fighters");
//! ```

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::dictionary::{Tables, WordCase};

/// One dictionary name found in the text, in byte offsets of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// Index into [`Tables::entries`].
    pub entry: usize,
}

/// The automaton over the names of a [`Tables`].
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// Per pattern: the normalised name, the key into [`Tables::names`].
    patterns: Vec<String>,
}

impl Matcher {
    /// Builds the automaton over every name of `tables`.
    pub fn new(tables: &Tables) -> Matcher {
        let mut patterns: Vec<String> = tables.names.keys().cloned().collect();
        patterns.sort_unstable();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
        Matcher { ac, patterns }
    }

    /// Every name of the dictionary in `text`: leftmost-longest among the matches that sit on
    /// word boundaries and have the right case, not overlapping.
    pub fn hits(&self, tables: &Tables, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let (hay, map) = normalize(text);
        let hb = hay.as_bytes();
        let mut found: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(&hay) {
            let (s, e) = (m.start(), m.end());
            let before_ok = s == 0 || !hay.get(..s).and_then(last_char).is_some_and(is_word);
            let after_ok = hay
                .get(e..)
                .and_then(|r| r.chars().next())
                .is_none_or(|c| !is_word(c));
            if !before_ok || !after_ok || hb.get(s) == Some(&b' ') {
                continue;
            }
            let Some(key) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(name) = tables.names.get(key) else {
                continue;
            };
            let (Some(&os), Some(&oe)) = (map.start.get(s), map.end.get(e.wrapping_sub(1))) else {
                continue;
            };
            let Some(orig) = text.get(os..oe) else {
                continue;
            };
            if !case_ok(orig, &name.case) || after_prefix(text, os) {
                continue;
            }
            found.push(Hit {
                start: os,
                end: oe,
                entry: name.entry,
            });
        }
        found.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::new();
        let mut last_end = 0;
        for h in found {
            if h.start >= last_end {
                last_end = h.end;
                out.push(h);
            }
        }
        out
    }
}

/// "anti-Pakistan", "pro-Russian": a name inside such a compound is no mention of the actor.
fn after_prefix(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let Some(stem) = before.strip_suffix('-') else {
        return false;
    };
    let word: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "anti" | "pro" | "non" | "ex" | "post" | "pre"
    )
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `orig` (the matched stretch of the text) has the case that `rules` ask for.
fn case_ok(orig: &str, rules: &[WordCase]) -> bool {
    let words = orig
        .split(|c: char| c.is_whitespace() || is_dash(c))
        .filter(|w| !w.is_empty());
    let mut n = 0;
    for (w, rule) in words.zip(rules.iter()) {
        n += 1;
        let letters = || w.chars().filter(|c| c.is_alphabetic());
        let ok = match rule {
            WordCase::Any => true,
            WordCase::Capital => letters().next().is_none_or(|c| c.is_uppercase()),
            WordCase::Upper => letters().all(|c| c.is_uppercase()),
        };
        if !ok {
            return false;
        }
    }
    n == rules.len() || rules.is_empty()
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
    )
}

/// Byte maps from a normalised string back to the text it came from.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// For each byte of the normalised string, the start of the original char.
    pub start: Vec<usize>,
    /// For each byte of the normalised string, the end of the original char.
    pub end: Vec<usize>,
}

/// Lower case, dashes and whitespace runs as one space, curly apostrophes straight.
pub fn normalize(text: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let n = if c.is_whitespace() || is_dash(c) {
            if last_space {
                continue;
            }
            ' '
        } else if matches!(c, '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}') {
            '\''
        } else {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        };
        last_space = n == ' ';
        let before = out.len();
        out.push(n);
        for _ in before..out.len() {
            map.start.push(i);
            map.end.push(end);
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Tables {
        let mut t = Tables::default();
        t.add("t", src).unwrap();
        t
    }

    #[test]
    fn longest_on_boundaries_with_case() {
        let t = tables(
            "@kind country\nTUR\tTurkey\nUSA\tUS|United States\n@kind organization\nIGOUNO\tUN|United Nations\nIGOUNO\tUN Assistance Mission in Afghanistan\n@kind country\nAFG\tAfghanistan\n",
        );
        let m = Matcher::new(&t);
        let text =
            "We ate turkey with us. The UN Assistance Mission in Afghanistan and Turkey; US-led.";
        let got: Vec<&str> = m
            .hits(&t, text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(
            got,
            vec!["UN Assistance Mission in Afghanistan", "Turkey", "US"]
        );
    }

    #[test]
    fn normalize_maps_back() {
        let (n, map) = normalize("Côte  d’Ivoire");
        assert_eq!(n, "côte d'ivoire");
        assert_eq!(map.start.len(), n.len());
        assert_eq!(*map.end.last().unwrap(), "Côte  d’Ivoire".len());
    }
}
