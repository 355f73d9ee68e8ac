//! Sentences and tokens. The principal type is [`Sentences`]: the tokens of a text and the
//! sentences they form, all in byte offsets into the text (end exclusive).
//!
//! ```
//! use sitrep_pipeline::analyze::sentences::{split, TokenKind};
//! let text = "KABUL, March 17 (AA) - Gen. Ali spoke. \"We agree.\" He left.\n\nHeadline";
//! let doc = split(text, Some("en"));
//! let spans: Vec<&str> = doc.sentences.iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(spans, [
//!     "KABUL, March 17 (AA) - Gen. Ali spoke.",
//!     "\"We agree.\"",
//!     "He left.",
//!     "Headline",
//! ]);
//! // The tokens of the first sentence, and the sentence and token at a byte offset.
//! let first: Vec<&str> = doc.tokens_of(0).iter().map(|t| t.text(text)).collect();
//! assert_eq!(first[..4], ["KABUL", ",", "March", "17"]);
//! assert_eq!(doc.tokens_of(0)[2].kind, TokenKind::Word);
//! let at = text.find("Ali").unwrap();
//! assert_eq!(doc.sentence_at(at), Some(0));
//! assert_eq!(doc.token_at(at).map(|i| doc.tokens[i].text(text)), Some("Ali"));
//! // Tokens under a byte range (a dictionary match), and whether a match sits on word edges.
//! let words: Vec<&str> = doc.tokens_in(at, at + 9).iter().map(|t| t.text(text)).collect();
//! assert_eq!(words, ["Ali", "spoke"]);
//! assert!(doc.is_token_start(at) && doc.is_token_end(at + 3) && !doc.is_token_end(at + 2));
//! assert_eq!(doc.text_of(text, 2), "He left.");
//! ```
//!
//! Every token belongs to exactly one sentence, sentences are sorted and never overlap, and a
//! sentence never crosses a paragraph break (a blank line). Sentence ends come from terminal
//! punctuation, with the closing quotes and brackets that follow it; abbreviations, initials,
//! decimals and ordinals do not end a sentence unless the next word shows a new one starts (see
//! [`lexicon`] for the word lists that decide it). Within a paragraph, a single line break ends a
//! sentence only before a list item ("- ", "1. ") or after a colon. To split with extended word
//! lists, build a [`Splitter`] once with [`Splitter::new`] and keep it.
//!
//! Speed: `cargo run --release -p sitrep-pipeline --example split_speed` reports sentences/s.

pub mod lexicon;
mod tokens;

use std::ops::Range;
use std::sync::OnceLock;

pub use lexicon::{AbbreviationClass, Abbreviations, LexiconError};
pub use tokens::{Token, TokenKind};

use tokens::Before;

/// One sentence: its byte span and the range of its tokens in [`Sentences::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// The sentences and tokens of a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentences {
    pub sentences: Vec<Sentence>,
    /// All tokens of the text, in order; each sentence owns a contiguous run of them.
    pub tokens: Vec<Token>,
}

impl Sentences {
    /// The tokens of sentence `i` (empty when there is no such sentence).
    pub fn tokens_of(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .and_then(|s| self.tokens.get(s.tokens.clone()))
            .unwrap_or(&[])
    }

    /// The index of the sentence that contains byte `byte`, if any.
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= byte);
        self.sentences.get(i).filter(|s| s.start <= byte).map(|_| i)
    }

    /// The index in [`Sentences::tokens`] of the token that contains byte `byte`, if any.
    pub fn token_at(&self, byte: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end <= byte);
        self.tokens.get(i).filter(|t| t.start <= byte).map(|_| i)
    }

    /// The tokens that overlap the byte range `start..end`, in order.
    pub fn tokens_in(&self, start: usize, end: usize) -> &[Token] {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let last = self.tokens.partition_point(|t| t.start < end);
        self.tokens.get(first..last.max(first)).unwrap_or(&[])
    }

    /// Whether byte `byte` is where a token starts: a dictionary match that starts elsewhere
    /// begins inside a word.
    pub fn is_token_start(&self, byte: usize) -> bool {
        self.tokens.binary_search_by(|t| t.start.cmp(&byte)).is_ok()
    }

    /// Whether byte `byte` is where a token ends.
    pub fn is_token_end(&self, byte: usize) -> bool {
        self.tokens.binary_search_by(|t| t.end.cmp(&byte)).is_ok()
    }

    /// The text of sentence `i` ("" when there is no such sentence).
    pub fn text_of<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.sentences
            .get(i)
            .and_then(|s| text.get(s.start..s.end))
            .unwrap_or("")
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// Splits `text` into sentences and tokens with the embedded word lists of `language`
/// (ISO 639-1; English when there are none for it).
pub fn split(text: &str, language: Option<&str>) -> Sentences {
    Splitter::for_language(language).split(text)
}

/// A sentence splitter with its word lists. Build one with [`Splitter::new`] to use extended
/// lists; [`split`] uses the embedded ones.
#[derive(Debug, Clone, Default)]
pub struct Splitter {
    abbreviations: Abbreviations,
}

impl Splitter {
    pub fn new(abbreviations: Abbreviations) -> Splitter {
        Splitter { abbreviations }
    }

    /// The shared splitter with the embedded lists of `language` (English for a language
    /// without lists), built on first use for every embedded language at once.
    pub fn for_language(language: Option<&str>) -> &'static Splitter {
        static SHARED: OnceLock<(Splitter, Vec<(&'static str, Splitter)>)> = OnceLock::new();
        let (english, others) = SHARED.get_or_init(|| {
            let english = Splitter::new(Abbreviations::for_language(Some("en")));
            let others = lexicon::LANGUAGES
                .iter()
                .filter(|code| **code != "en")
                .map(|code| {
                    (
                        *code,
                        Splitter::new(Abbreviations::for_language(Some(code))),
                    )
                })
                .collect();
            (english, others)
        });
        language
            .and_then(|l| others.iter().find(|(code, _)| l.eq_ignore_ascii_case(code)))
            .map_or(english, |(_, splitter)| splitter)
    }

    /// Splits `text` into sentences and tokens.
    pub fn split(&self, text: &str) -> Sentences {
        let (tokens, opens) = tokens::tokenize(text, &self.abbreviations);
        let mut sentences = Vec::new();
        let mut first = 0;
        let mut k = 0;
        while k < tokens.len() {
            let Some(end) = self.sentence_end(text, &tokens, &opens, first, k) else {
                k += 1;
                continue;
            };
            push(&mut sentences, &tokens, first..end + 1);
            first = end + 1;
            k = end + 1;
        }
        push(&mut sentences, &tokens, first..tokens.len());
        Sentences { sentences, tokens }
    }

    /// When token `k` ends a sentence, the index of the sentence's last token (`k` or a closing
    /// quote or bracket after it).
    fn sentence_end(
        &self,
        text: &str,
        tokens: &[Token],
        opens: &[Before],
        first: usize,
        k: usize,
    ) -> Option<usize> {
        let tok = tokens.get(k)?;
        let starts_paragraph = |i: usize| opens.get(i).is_none_or(|b| *b == Before::Paragraph);
        if starts_paragraph(k + 1) {
            return Some(k); // the paragraph ends here
        }
        if opens.get(k + 1) == Some(&Before::Line) && self.line_ends(text, tokens, k) {
            return Some(k);
        }
        let word = tok.text(text);
        let terminal = match tok.kind {
            TokenKind::Punctuation => Terminal::of(word)?,
            TokenKind::Abbreviation => Terminal::Abbreviation,
            _ => return None,
        };
        // Closing quotes and brackets (and more terminal marks) written right after the mark
        // belong to the ending sentence: `."`, `?)`, `!»`.
        let mut end = k;
        while let Some(next) = tokens.get(end + 1) {
            let prev_end = tokens.get(end).map_or(0, |t| t.end);
            let closes = next.start == prev_end
                && next.kind == TokenKind::Punctuation
                && (is_closer(next.text(text)) || Terminal::of(next.text(text)).is_some());
            if !closes || starts_paragraph(end + 1) {
                break;
            }
            end += 1;
        }
        if starts_paragraph(end + 1) {
            return Some(end);
        }
        let next = tokens.get(end + 1)?;
        let next_text = next.text(text);
        let next_char = next_text.chars().next()?;
        let quoted = end > k;
        let last = tokens.get(end)?;
        // ".08 percent", "Yahoo!News": a mark that touches the next word is inside the sentence,
        // unless it is a period between a word and a capital, a missing space ("reserved.Privacy").
        let missing_space = terminal == Terminal::Stop
            && next_char.is_uppercase()
            && k.checked_sub(1)
                .and_then(|p| tokens.get(p))
                .is_some_and(|p| p.kind == TokenKind::Word && p.end == tok.start);
        if next.start == last.end && terminal != Terminal::Always && !missing_space {
            return None;
        }
        // "1. The first point": a list number is not a sentence.
        let list_number = k == first + 1
            && terminal == Terminal::Stop
            && tokens
                .get(first)
                .is_some_and(|t| t.kind == TokenKind::Number && t.end - t.start <= 2);
        if list_number {
            return None;
        }
        let ends = match terminal {
            Terminal::Always => true,
            Terminal::Abbreviation if !quoted || self.is_title(word) => {
                let bare = word.strip_suffix('.').unwrap_or(word);
                let class = if bare.contains('.') || bare.chars().count() == 1 {
                    Some(AbbreviationClass::Plain)
                } else {
                    self.abbreviations.class(bare)
                };
                match class {
                    Some(AbbreviationClass::Plain) => {
                        self.abbreviations.is_starter(next_text) || is_opening_quote(next_text)
                    }
                    _ => false,
                }
            }
            Terminal::Abbreviation | Terminal::Stop | Terminal::Other => {
                let continues = next_char.is_lowercase()
                    || (next.kind == TokenKind::Punctuation
                        && !is_opener(next_text)
                        && !is_dash(next_text))
                    || self.ordinal_continues(text, tokens, k, terminal, next_text)
                    || self.speech_continues(text, tokens, end, terminal, quoted);
                !continues
            }
        };
        ends.then_some(end)
    }

    /// Whether the line break after token `k` ends a sentence although no mark does: before a
    /// list item ("- ", "• ", "1. ") or after a line that introduces one ("Key points:").
    fn line_ends(&self, text: &str, tokens: &[Token], k: usize) -> bool {
        let this = tokens.get(k).map_or("", |t| t.text(text));
        let next = tokens.get(k + 1).map_or("", |t| t.text(text));
        let after = tokens.get(k + 2).map_or("", |t| t.text(text));
        let bullet = matches!(next, "-" | "*" | "•" | "–" | "—" | "·" | "▪" | "◦")
            || (next.bytes().all(|b| b.is_ascii_digit()) && matches!(after, "." | ")"));
        bullet || this == ":"
    }

    /// Whether the abbreviation token `word` ("Gen.", "retd.") is a title, which never ends a
    /// sentence, even inside brackets: "Lt. Gen. (retd.) Talat Masood".
    fn is_title(&self, word: &str) -> bool {
        let bare = word.strip_suffix('.').unwrap_or(word);
        self.abbreviations.class(bare) == Some(AbbreviationClass::Title)
    }

    /// "16. März": a period after a number that the next word shows is an ordinal.
    fn ordinal_continues(
        &self,
        text: &str,
        tokens: &[Token],
        k: usize,
        terminal: Terminal,
        next: &str,
    ) -> bool {
        let (Some(prev), Some(stop)) =
            (k.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(k))
        else {
            return false;
        };
        terminal == Terminal::Stop
            && prev.kind == TokenKind::Number
            && prev.end == stop.start
            && prev.text(text).len() <= 2
            && self.abbreviations.follows_ordinal(next)
    }

    /// `"Why?" Ali asked.`: a quoted question or exclamation followed by a name and a reporting
    /// verb goes on.
    fn speech_continues(
        &self,
        text: &str,
        tokens: &[Token],
        end: usize,
        terminal: Terminal,
        quoted: bool,
    ) -> bool {
        if !quoted || terminal != Terminal::Other {
            return false;
        }
        // Up to three capitalised words (the speaker), then the verb.
        for gap in 2..=4 {
            match tokens.get(end + gap) {
                Some(t) if self.abbreviations.is_reporting(t.text(text)) => {
                    return (end + 1..end + gap).all(|i| {
                        tokens.get(i).is_some_and(|t| {
                            t.text(text).chars().next().is_some_and(char::is_uppercase)
                        })
                    })
                }
                Some(t) if t.text(text).chars().next().is_some_and(char::is_uppercase) => {}
                _ => return false,
            }
        }
        false
    }
}

/// What a candidate sentence end is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// A period.
    Stop,
    /// Question and exclamation marks, ellipses.
    Other,
    /// Full stops of scripts without spaces (。): a break whatever follows.
    Always,
    /// The period of an abbreviation.
    Abbreviation,
}

impl Terminal {
    fn of(mark: &str) -> Option<Terminal> {
        match mark {
            "." => Some(Terminal::Stop),
            "。" | "！" | "？" | "।" | "۔" | "።" => Some(Terminal::Always),
            m if m.starts_with("..") || m == "…" => Some(Terminal::Other),
            m if m.starts_with(['?', '!']) || m == "؟" => Some(Terminal::Other),
            _ => None,
        }
    }
}

fn is_closer(mark: &str) -> bool {
    matches!(
        mark,
        "\"" | "'"
            | "\u{201D}"
            | "\u{2019}"
            | "\u{201C}"
            | "»"
            | "›"
            | ")"
            | "]"
            | "}"
            | "）"
            | "」"
            | "』"
    )
}

fn is_opening_quote(mark: &str) -> bool {
    matches!(
        mark,
        "\"" | "\u{201C}" | "\u{2018}" | "„" | "«" | "‹" | "'" | "「"
    )
}

fn is_opener(mark: &str) -> bool {
    is_opening_quote(mark) || matches!(mark, "(" | "[" | "{" | "¿" | "¡" | "（")
}

fn is_dash(mark: &str) -> bool {
    matches!(mark, "\u{2013}" | "\u{2014}" | "\u{2022}") || mark.starts_with('-')
}

fn push(sentences: &mut Vec<Sentence>, tokens: &[Token], range: Range<usize>) {
    if let (Some(first), Some(last)) = (
        tokens.get(range.start),
        range.end.checked_sub(1).and_then(|e| tokens.get(e)),
    ) {
        if range.start < range.end {
            sentences.push(Sentence {
                start: first.start,
                end: last.end,
                tokens: range,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        split(text, Some("en"))
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn basic_breaks() {
        assert_eq!(
            spans("One. Two! Three? four"),
            ["One.", "Two!", "Three? four"]
        );
        assert_eq!(
            spans("Lt. Col. Smith met U.S. officials."),
            ["Lt. Col. Smith met U.S. officials."]
        );
        assert_eq!(
            spans("He lives in the U.S. The rest"),
            ["He lives in the U.S.", "The rest"]
        );
        assert_eq!(spans("A\n\nB"), ["A", "B"]);
        assert_eq!(spans(""), Vec::<&str>::new());
    }

    #[test]
    fn token_ranges() {
        let doc = split("ab cd ef", None);
        assert_eq!(doc.tokens_in(0, 0).len(), 0);
        assert_eq!(doc.tokens_in(1, 4).len(), 2);
        assert_eq!(doc.tokens_in(2, 3).len(), 0);
        assert_eq!(doc.tokens_in(7, 100).len(), 1);
        assert_eq!(doc.tokens_in(5, 1).len(), 0);
    }

    #[test]
    fn lookups() {
        let doc = split("Ab. Cd.", None);
        assert_eq!(doc.sentence_at(2), Some(0));
        assert_eq!(doc.sentence_at(3), None);
        assert_eq!(doc.sentence_at(4), Some(1));
        assert_eq!(doc.tokens_of(1).len(), 2);
        assert_eq!(doc.tokens_of(9), &[]);
    }
}
