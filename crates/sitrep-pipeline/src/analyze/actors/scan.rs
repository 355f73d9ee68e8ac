//! A light word scanner for the actor rules, independent of the sentence splitter's tokens.
//!
//! The principal type is [`Tok`]: a word or a punctuation mark with byte offsets, and whether
//! it opens a sentence. Words keep inner dots of abbreviations ("U.N.", "Lt.") and inner
//! hyphens and apostrophes of names ("Ki-moon", "d'Ivoire"); a possessive "'s" is its own token.
//!
//! ```
//! use sitrep_pipeline::analyze::actors::scan::scan;
//! let t = scan("Putin's envoy, Lt. Col. Smith.", &[]);
//! let words: Vec<&str> = t.iter().map(|t| t.text).collect();
//! assert_eq!(words, ["Putin", "'s", "envoy", ",", "Lt.", "Col.", "Smith", "."]);
//! ```

use super::super::sentences::Sentence;

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// A word (letters or digits), not punctuation.
    pub word: bool,
    /// The first word of a sentence (or of a quotation, a line, or the text).
    pub initial: bool,
}

impl Tok<'_> {
    /// Starts with a capital letter.
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// The text in lower case, apostrophes straight.
    pub fn lower(&self) -> String {
        self.text
            .chars()
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    }
}

/// Splits `text` into tokens; `sentences` (byte spans) mark sentence starts where known.
pub fn scan<'a>(text: &'a str, sentences: &[Sentence]) -> Vec<Tok<'a>> {
    let mut toks: Vec<Tok<'a>> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut k = 0;
    while let Some(&(i, c)) = chars.get(k) {
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start_k = k;
        if is_apos(c)
            && at(k + 1).is_some_and(|c| c == 's' || c == 'S')
            && !at(k + 2).is_some_and(char::is_alphanumeric)
            && toks.last().is_some_and(|t| t.end == i)
        {
            k += 2;
        } else if c.is_alphanumeric() {
            k += 1;
            loop {
                match at(k) {
                    Some(c) if c.is_alphanumeric() => k += 1,
                    // Inner hyphen or apostrophe followed by a letter ("Ki-moon", "d'Ivoire"),
                    // but not the possessive "'s".
                    Some(c)
                        if (c == '-' || is_apos(c))
                            && at(k + 1).is_some_and(char::is_alphanumeric)
                            && !(is_apos(c)
                                && at(k + 1).is_some_and(|c| c == 's' || c == 'S')
                                && !at(k + 2).is_some_and(char::is_alphanumeric)) =>
                    {
                        k += 2
                    }
                    _ => break,
                }
            }
            // Abbreviation dots: "U.N.", "Lt.", "Gen." (a short word and its dot).
            let word_len = k - start_k;
            if at(k) == Some('.') {
                let single_letters =
                    at(k + 1).is_some_and(char::is_alphabetic) && at(k + 2) == Some('.');
                let short_title = word_len <= 3
                    && chars.get(start_k).is_some_and(|&(_, c)| c.is_uppercase())
                    && !at(k + 1).is_some_and(char::is_alphanumeric);
                if single_letters {
                    while at(k) == Some('.') && at(k + 1).is_some_and(char::is_alphabetic) {
                        k += 2;
                    }
                    if at(k) == Some('.') {
                        k += 1;
                    }
                } else if short_title && word_len <= 3 && is_abbrev(&chars, start_k, k) {
                    k += 1;
                }
            }
        } else {
            k += 1;
        }
        let end = chars.get(k).map_or(text.len(), |&(j, _)| j);
        let Some(t) = text.get(i..end) else {
            break;
        };
        let word = t.chars().next().is_some_and(char::is_alphanumeric);
        toks.push(Tok {
            text: t,
            start: i,
            end,
            word,
            initial: false,
        });
    }
    mark_initials(text, &mut toks, sentences);
    toks
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Title abbreviations that take a dot without ending the sentence.
fn is_abbrev(chars: &[(usize, char)], from: usize, to: usize) -> bool {
    let w: String = chars
        .get(from..to)
        .unwrap_or(&[])
        .iter()
        .map(|&(_, c)| c)
        .collect();
    matches!(
        w.as_str(),
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Lt"
            | "Gen"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Brig"
            | "Adm"
            | "Gov"
            | "Sen"
            | "Rep"
            | "St"
            | "Prof"
            | "Cpl"
            | "Pvt"
            | "Cmdr"
            | "No"
            | "Jr"
            | "Sr"
    )
}

fn mark_initials(text: &str, toks: &mut [Tok<'_>], sentences: &[Sentence]) {
    let mut prev: Option<(&str, usize, usize)> = None;
    for t in toks.iter_mut() {
        let k = sentences.partition_point(|s| s.start < t.start);
        let starts_sentence = sentences.get(k).is_some_and(|s| s.start == t.start);
        let after_break = match prev {
            None => true,
            Some((p, pstart, pend)) => {
                let gap = text.get(pend..t.start).unwrap_or("");
                // A straight quote opens a quotation when a space or the text's start is before it.
                let opening = p == "\""
                    && text
                        .get(..pstart)
                        .and_then(|b| b.chars().next_back())
                        .is_none_or(char::is_whitespace);
                gap.contains('\n')
                    || opening
                    || matches!(p, "." | "!" | "?" | ":" | "\u{201c}" | "(" | "\u{2014}")
            }
        };
        if t.word && (starts_sentence || after_break) {
            t.initial = true;
        }
        prev = Some((t.text, t.start, t.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_abbreviations() {
        let t = scan(
            "The U.N. said. \"We agree,\" Kabulov said.\n\nIslamabad",
            &[],
        );
        let init: Vec<&str> = t.iter().filter(|t| t.initial).map(|t| t.text).collect();
        assert_eq!(init, ["The", "We", "Islamabad"]);
        assert!(t.iter().any(|t| t.text == "U.N."));
    }
}
