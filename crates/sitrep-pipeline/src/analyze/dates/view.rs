//! A view of one sentence's tokens for the date grammar. The principal type is [`Words`]: each
//! token with its lower-cased form (abbreviation periods dropped, curly apostrophes straightened),
//! looked up by index without ever panicking past the end.
//!
//! ```text
//! "Since late Feb., Monday’s" → ["since", "late", "feb", ",", "monday", "'s"]
//! ```

use std::borrow::Cow;

use crate::analyze::sentences::{Token, TokenKind};

/// The tokens of one sentence with their lower-cased forms.
pub(crate) struct Words<'a> {
    text: &'a str,
    toks: &'a [Token],
    lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str, toks: &'a [Token]) -> Words<'a> {
        let lower = toks
            .iter()
            .map(|t| {
                let raw = t.text(text);
                let raw = match t.kind {
                    TokenKind::Abbreviation => raw.strip_suffix('.').unwrap_or(raw),
                    _ => raw,
                };
                // Most tokens are already lower case: borrow them rather than allocate.
                if raw.chars().any(|c| c.is_uppercase() || c == '\u{2019}') {
                    Cow::Owned(raw.to_lowercase().replace('\u{2019}', "'"))
                } else {
                    Cow::Borrowed(raw)
                }
            })
            .collect();
        Words { text, toks, lower }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lower-cased word `i` ("" past the end).
    pub(crate) fn w(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w.as_ref())
    }

    pub(crate) fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub(crate) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` ends right where token `i + 1` starts.
    pub(crate) fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(crate) fn phrase_at(&self, i: usize, phrase: &[String]) -> bool {
        !phrase.is_empty() && phrase.iter().enumerate().all(|(k, p)| self.w(i + k) == p)
    }

    /// The byte span of tokens `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.toks.get(start)?;
        let last = self.toks.get(end.checked_sub(1)?)?;
        Some((first.start, last.end))
    }
}
