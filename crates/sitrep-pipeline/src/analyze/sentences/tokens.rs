//! Tokens: the principal type is [`Token`], a word, number, abbreviation, punctuation mark or
//! symbol, in byte offsets into the text.
//!
//! ```
//! use sitrep_pipeline::analyze::sentences::{split, TokenKind};
//! let doc = split("Gen. Ali's 1,200.5 km...", Some("en"));
//! let kinds: Vec<TokenKind> = doc.tokens.iter().map(|t| t.kind).collect();
//! use TokenKind::*;
//! assert_eq!(kinds, [Abbreviation, Word, Word, Number, Word, Punctuation]);
//! ```
//!
//! Words keep internal apostrophes ("don't", "O'Brien") but the possessive "'s" is a token of its
//! own, so that "Putin's" gives the name "Putin". Hyphens split words ("mid-March" is three
//! tokens) so that dictionaries see each part. Numbers keep their separators ("1,200.5", "10:30",
//! "16/03/2026"). An abbreviation token includes its period ("Feb.", "U.S.", the initial "W.").

use super::lexicon::{AbbreviationClass, Abbreviations};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits after a letter): "Kabul", "M23", "don't", "'s".
    Word,
    /// Starts with a digit: "13", "1,200.5", "16th", "2026".
    Number,
    /// A word with its period: "Feb.", "Lt.", "U.S.", "J.".
    Abbreviation,
    /// Punctuation: "." "," "?!" "..." "—" quotes and brackets.
    Punctuation,
    /// Currency, mathematical and other symbols, emoji: "$" "%" "+".
    Symbol,
}

/// One token, in byte offsets into the text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text (empty when `text` is not the text it was found in).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Whether `c` is punctuation (as opposed to a symbol or a word character).
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !is_symbol(c);
    }
    matches!(
        c,
        '\u{00A1}' | '\u{00AB}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
    ) || ('\u{2010}'..='\u{205E}').contains(&c)
        || ('\u{3001}'..='\u{3003}').contains(&c)
        || ('\u{3008}'..='\u{3011}').contains(&c)
        || ('\u{FF01}'..='\u{FF0F}').contains(&c) && !matches!(c, '\u{FF04}' | '\u{FF0B}')
        || matches!(
            c,
            '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF3B}' | '\u{FF3D}'
        )
        || matches!(
            c,
            '\u{0589}' | '\u{061F}' | '\u{06D4}' | '\u{0964}' | '\u{0965}'
        )
        || matches!(c, '\u{060C}' | '\u{061B}' | '\u{055D}' | '\u{1362}')
}

/// Whether `c` is a symbol: currency, maths, arrows, shapes, emoji.
fn is_symbol(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '#' | '$' | '%' | '&' | '*' | '+' | '<' | '=' | '>' | '@' | '^' | '`' | '|' | '~'
        );
    }
    ('\u{00A2}'..='\u{00A9}').contains(&c)
        || matches!(
            c,
            '\u{00AC}' | '\u{00AE}' | '\u{00B0}' | '\u{00B1}' | '\u{00D7}' | '\u{00F7}'
        )
        || ('\u{20A0}'..='\u{20CF}').contains(&c)
        || ('\u{2100}'..='\u{214F}').contains(&c)
        || ('\u{2190}'..='\u{2BFF}').contains(&c)
        || ('\u{1F000}'..='\u{1FAFF}').contains(&c)
        || matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{FFFD}')
}

/// Whether `c` belongs inside a word: anything that is neither space, punctuation nor symbol
/// (letters, digits and the combining marks of every script).
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_punctuation(c) && !is_symbol(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Whether the apostrophe `c` at `i` opens a possessive "'s" right after a word.
fn is_possessive(text: &str, i: usize, c: char) -> bool {
    let after_word = text
        .get(..i)
        .and_then(|t| t.chars().next_back())
        .is_some_and(|p| p.is_alphanumeric() || p == '.');
    let s = char_at(text, i + c.len_utf8());
    after_word
        && is_apostrophe(c)
        && (s == Some('s') || s == Some('S'))
        && !char_at(text, i + c.len_utf8() + 1).is_some_and(is_word_char)
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Before {
    /// Nothing or spaces.
    Space,
    /// One line break.
    Line,
    /// A blank line (or the start of the text): a new paragraph.
    Paragraph,
}

/// The tokens of `text` and, for each, what separates it from the token before.
pub(crate) fn tokenize(text: &str, abbr: &Abbreviations) -> (Vec<Token>, Vec<Before>) {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut opens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut newlines = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() || c.is_control() {
            newlines += usize::from(c == '\n' || c == '\u{2029}');
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = if is_possessive(text, i, c) {
            (i + c.len_utf8() + 1, TokenKind::Word)
        } else if is_punctuation(c) {
            (punctuation_end(text, i, c), TokenKind::Punctuation)
        } else if is_symbol(c) {
            (i + c.len_utf8(), TokenKind::Symbol)
        } else {
            word_token(text, i, abbr)
        };
        opens.push(match newlines {
            _ if tokens.is_empty() => Before::Paragraph,
            0 => Before::Space,
            1 => Before::Line,
            _ => Before::Paragraph,
        });
        tokens.push(Token {
            start: i,
            end,
            kind,
        });
        newlines = 0;
        i = end.max(i + c.len_utf8());
    }
    (tokens, opens)
}

/// The end of a punctuation token starting with `c` at `i`: runs of dots (an ellipsis), of
/// "?" and "!", and of hyphens are one token; any other mark stands alone.
fn punctuation_end(text: &str, i: usize, c: char) -> usize {
    let same_run = |x: char| match c {
        '.' => x == '.',
        '?' | '!' => x == '?' || x == '!',
        '-' => x == '-',
        _ => false,
    };
    let mut end = i + c.len_utf8();
    while let Some(x) = char_at(text, end) {
        if !same_run(x) {
            break;
        }
        end += x.len_utf8();
    }
    end
}

/// A word or number starting at `i`, with its kind.
fn word_token(text: &str, i: usize, abbr: &Abbreviations) -> (usize, TokenKind) {
    let first = char_at(text, i).unwrap_or(' ');
    let numeric = first.is_ascii_digit();
    let mut end = i + first.len_utf8();
    let mut prev = first;
    let mut has_dot = false;
    let mut segment = i; // where the part after the last internal period starts
    while let Some(c) = char_at(text, end) {
        if is_word_char(c) {
            end += c.len_utf8();
            prev = c;
            continue;
        }
        let after = char_at(text, end + c.len_utf8());
        let joins = match (c, after) {
            // 1,200.5  10:30  16/03/2026
            ('.' | ',' | ':' | '/', Some(n)) if numeric => {
                prev.is_ascii_digit() && n.is_ascii_digit()
            }
            // U.S  a.m  Ph.D  example.com, but not a missing space: "reserved.Privacy"
            ('.', Some(n)) => {
                let missing_space = prev.is_lowercase() && n.is_uppercase() && end - segment > 2;
                prev.is_alphanumeric() && n.is_alphanumeric() && !missing_space
            }
            // don't, O'Brien, but not the possessive 's
            (a, Some(n)) if is_apostrophe(a) => {
                let possessive = (n == 's' || n == 'S')
                    && !char_at(text, end + a.len_utf8() + 1).is_some_and(is_word_char);
                prev.is_alphabetic() && n.is_alphabetic() && !possessive
            }
            _ => false,
        };
        if !joins {
            break;
        }
        has_dot |= c == '.';
        end += c.len_utf8();
        if c == '.' {
            segment = end;
        }
    }
    let kind = if numeric {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    if kind == TokenKind::Word && takes_period(text, i, end, has_dot, abbr) {
        return (end + 1, TokenKind::Abbreviation);
    }
    (end, kind)
}

/// Whether the word `text[start..end]` is an abbreviation that owns the period right after it.
fn takes_period(text: &str, start: usize, end: usize, has_dot: bool, abbr: &Abbreviations) -> bool {
    if char_at(text, end) != Some('.') || char_at(text, end + 1) == Some('.') {
        return false;
    }
    let word = text.get(start..end).unwrap_or("");
    if has_dot {
        // Dotted shapes (U.S, a.m, e.g, U.S.A) are abbreviations; domains (example.com) are not.
        return word.split('.').all(|part| part.chars().count() <= 2);
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true; // an initial: George W. Bush
        }
    }
    match abbr.class(word) {
        Some(AbbreviationClass::Title | AbbreviationClass::Plain) => true,
        Some(AbbreviationClass::Number) => {
            let rest = text.get(end + 1..).unwrap_or("");
            rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let (t, _) = tokenize(s, &Abbreviations::for_language(Some("en")));
        t.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_numbers_and_abbreviations() {
        assert_eq!(
            texts("Putin's envoy, Lt. Col. O'Brien, paid $1,200.50 on Feb. 26..."),
            [
                "Putin", "'s", "envoy", ",", "Lt.", "Col.", "O'Brien", ",", "paid", "$",
                "1,200.50", "on", "Feb.", "26", "..."
            ]
        );
        assert_eq!(
            texts("the U.S. and mid-March"),
            ["the", "U.S.", "and", "mid", "-", "March"]
        );
        assert_eq!(
            texts("No. 5 said no. Go"),
            ["No.", "5", "said", "no", ".", "Go"]
        );
        assert_eq!(
            texts("see example.com. Then"),
            ["see", "example.com", ".", "Then"]
        );
        assert_eq!(
            texts("«Oui» „Ja“ 16/03/2026?!"),
            ["«", "Oui", "»", "„", "Ja", "“", "16/03/2026", "?!"]
        );
    }
}
