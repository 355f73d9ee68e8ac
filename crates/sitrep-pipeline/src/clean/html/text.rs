//! Character data as a reader sees it: the principal type is [`TextBuf`], which appends raw HTML
//! text with character references decoded and white space collapsed.
//!
//! ```ignore
//! let mut t = TextBuf::default();
//! t.push_raw("  caf&eacute;\n  au&nbsp;lait ");
//! assert_eq!(t.take(), "café au lait");
//! ```

/// A growing piece of text with collapsed white space. A run of white space anywhere in the
/// pushed pieces becomes one space, and none is left at either end, so inline elements join
/// without inventing spaces and without losing the ones the markup had.
#[derive(Debug, Default, Clone)]
pub struct TextBuf {
    out: String,
    /// White space was seen after the last character written; it becomes one space only if
    /// more text follows.
    pending_space: bool,
}

impl TextBuf {
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Takes the text out, leaving the buffer empty for the next block.
    pub fn take(&mut self) -> String {
        self.pending_space = false;
        std::mem::take(&mut self.out)
    }

    /// Marks a word break, as `<br>` or a block boundary folded into a line does.
    pub fn space(&mut self) {
        self.pending_space = true;
    }

    /// Appends raw HTML character data: references decoded, white space collapsed.
    pub fn push_raw(&mut self, raw: &str) {
        let mut rest = raw;
        while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
            let (before, after) = rest.split_at(amp);
            self.push_plain(before);
            match decode_reference(after) {
                Some((c, used)) => {
                    self.push_char(c);
                    rest = after.get(used..).unwrap_or("");
                }
                None => {
                    self.push_char('&');
                    rest = after.get(1..).unwrap_or("");
                }
            }
        }
        self.push_plain(rest);
    }

    /// Appends text that has no character references left in it.
    pub fn push_plain(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        // Zero-width spaces are invisible; dropping them keeps words whole. Soft hyphens and
        // joiners stay: they are the author's text, and quotes must be found as written.
        if matches!(c, '\u{200b}' | '\u{feff}') {
            return;
        }
        if c.is_whitespace() {
            self.pending_space = true;
            return;
        }
        if c.is_control() {
            return;
        }
        if self.pending_space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push(c);
    }
}

/// Decodes the character reference at the start of `s` (which begins with `&`), returning the
/// character and the bytes it used, or `None` when it is no reference and the `&` is literal.
pub fn decode_reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x') | Some(b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = start;
        let mut value: u32 = 0;
        while let Some(&d) = b.get(end) {
            let digit = match (hex, d) {
                (_, b'0'..=b'9') => u32::from(d - b'0'),
                (true, b'a'..=b'f') => u32::from(d - b'a') + 10,
                (true, b'A'..=b'F') => u32::from(d - b'A') + 10,
                _ => break,
            };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit);
            end += 1;
        }
        if end == start {
            return None;
        }
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((numeric_char(value), end));
    }
    let mut end = 1;
    while end < b.len() && end <= 32 && b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        end += 1;
    }
    let name = s.get(1..end)?;
    let c = named(name)?;
    if b.get(end) == Some(&b';') {
        Some((c, end + 1))
    } else if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        // The legacy references that browsers accept without a semicolon.
        Some((c, end))
    } else {
        None
    }
}

/// A numeric reference's character, with the remapping browsers apply to the C1 range (pages
/// written in windows-1252 use `&#151;` for a dash).
fn numeric_char(v: u32) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xa0).contains(&v) {
        return C1.get((v - 0x80) as usize).copied().unwrap_or('\u{fffd}');
    }
    if v == 0 {
        return '\u{fffd}';
    }
    char::from_u32(v).unwrap_or('\u{fffd}')
}

/// The Latin-1 supplement's reference names, U+00A0 to U+00FF in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The named references that occur in real pages: the Latin-1 set, typography, a few symbols.
fn named(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "bull" => '•',
        "euro" => '€',
        "trade" => '™',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "prime" => '′',
        "Prime" => '″',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "zcaron" => 'ž',
        "Zcaron" => 'Ž',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "minus" => '−',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "laquo" => '«',
        "hearts" => '♥',
        "star" => '☆',
        "check" => '✓',
        "infin" => '∞',
        "asymp" => '≈',
        "ne" => '≠',
        "le" => '≤',
        "ge" => '≥',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "mu" => 'μ',
        "pi" => 'π',
        "sigma" => 'σ',
        "omega" => 'ω',
        "Omega" => 'Ω',
        "Delta" => 'Δ',
        "nbsp" | "NBSP" => '\u{a0}',
        "copy" | "COPY" => '©',
        "reg" | "REG" => '®',
        "colon" => ':',
        "comma" => ',',
        "period" => '.',
        "excl" => '!',
        "quest" => '?',
        "lpar" => '(',
        "rpar" => ')',
        "sol" => '/',
        "num" => '#',
        "percnt" => '%',
        "dollar" => '$',
        "ast" => '*',
        "commat" => '@',
        "lowbar" => '_',
        "hyphen" | "dash" => '‐',
        "NewLine" => '\n',
        "Tab" => '\t',
        _ => {
            let i = LATIN1.iter().position(|n| *n == name)?;
            return char::from_u32(0xa0 + i as u32);
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        let mut t = TextBuf::default();
        t.push_raw(s);
        t.take()
    }

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(
            clean("caf&eacute; &amp; th&#233; &#x2014; &lt;b&gt;"),
            "café & thé — <b>"
        );
        assert_eq!(clean("a&nbsp b &copy 2020"), "a b © 2020");
        assert_eq!(clean("&#151;&#0;&#99999999999;"), "—\u{fffd}\u{fffd}");
    }

    #[test]
    fn leaves_unknown_references_literal() {
        assert_eq!(clean("AT&T &foo; & &#;"), "AT&T &foo; & &#;");
        assert_eq!(clean("&"), "&");
    }

    #[test]
    fn collapses_white_space_and_trims() {
        assert_eq!(clean("  one\n\t two  "), "one two");
        let mut t = TextBuf::default();
        t.push_raw("Hel");
        t.push_raw("lo ");
        t.push_raw(" world");
        assert_eq!(t.take(), "Hello world");
    }
}
