//! A small, forgiving HTML tokenizer: the principal type is [`Tokenizer`], which yields
//! [`Token`]s that point into the source instead of copying it.
//!
//! It reads what main-text extraction needs (tags, the attributes of the current tag, text,
//! raw text of `script`/`style`/`title`/`textarea`) and skips comments, doctypes and processing
//! instructions. Every byte offset it hands out lies on a character boundary, because it only
//! ever cuts the source at ASCII bytes.
//!
//! ```ignore
//! let mut t = Tokenizer::new("<p class=x>Hi</p>");
//! assert!(matches!(t.next(), Some(Token::Start { tag: Tag::P, .. })));
//! ```

use super::tags::Tag;

/// One token. Ranges are byte offsets into the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A start tag; its attributes are in [`Tokenizer::attrs`] until the next call.
    Start {
        tag: Tag,
        self_closing: bool,
    },
    End {
        tag: Tag,
    },
    Text {
        start: usize,
        end: usize,
    },
    /// The contents of a raw-text element (`script`, `style`, `title`, ...), already past its
    /// start tag; the end tag is consumed with it.
    Raw {
        tag: Tag,
        start: usize,
        end: usize,
    },
}

/// An attribute of the current start tag: its lower-cased name and the range of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    pub name: AttrName,
    pub start: usize,
    pub end: usize,
}

/// The attributes extraction looks at; all others are skipped without being stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrName {
    Class,
    Id,
    Role,
    Itemprop,
    Itemtype,
    Hidden,
    Style,
    AriaHidden,
    Lang,
    Name,
    Property,
    Content,
    HttpEquiv,
    Rel,
    Href,
    Datetime,
    Type,
    Charset,
}

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// The attributes of the last start tag returned.
    pub attrs: Vec<Attr>,
    /// A raw-text element whose start tag was just returned; its contents come next.
    pending_raw: Option<Tag>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            src,
            pos: 0,
            attrs: Vec::new(),
            pending_raw: None,
        }
    }

    /// The value of attribute `name` on the last start tag, raw (not entity-decoded).
    pub fn attr(&self, name: AttrName) -> Option<&'a str> {
        let a = self.attrs.iter().find(|a| a.name == name)?;
        self.src.get(a.start..a.end)
    }

    pub fn next_token(&mut self) -> Option<Token> {
        let b = self.src.as_bytes();
        if let Some(tag) = self.pending_raw.take() {
            let start = self.pos;
            let (end, after) = find_end_tag(b, start, tag.name());
            self.pos = after;
            return Some(Token::Raw { tag, start, end });
        }
        loop {
            let start = self.pos;
            if start >= b.len() {
                return None;
            }
            let lt = match memchr::memchr(b'<', b.get(start..)?) {
                Some(i) => start + i,
                None => {
                    self.pos = b.len();
                    return Some(Token::Text {
                        start,
                        end: b.len(),
                    });
                }
            };
            if lt > start {
                self.pos = lt;
                return Some(Token::Text { start, end: lt });
            }
            match b.get(lt + 1).copied() {
                Some(c) if c.is_ascii_alphabetic() => return Some(self.start_tag(lt + 1)),
                Some(b'/') => match b.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let (name_end, tag) = read_name(b, lt + 2);
                        self.pos = skip_past(b, name_end, b'>');
                        return Some(Token::End { tag });
                    }
                    _ => self.pos = skip_past(b, lt + 2, b'>'),
                },
                Some(b'!') => {
                    if b.get(lt + 2..lt + 4) == Some(b"--") {
                        self.pos = match memchr::memmem::find(b.get(lt + 4..)?, b"-->") {
                            Some(i) => lt + 4 + i + 3,
                            None => b.len(),
                        };
                    } else {
                        self.pos = skip_past(b, lt + 2, b'>');
                    }
                }
                Some(b'?') => self.pos = skip_past(b, lt + 2, b'>'),
                // A `<` that opens no tag is text.
                _ => {
                    self.pos = lt + 1;
                    return Some(Token::Text {
                        start: lt,
                        end: lt + 1,
                    });
                }
            }
        }
    }

    /// Reads a start tag whose name begins at `at`, with its attributes.
    fn start_tag(&mut self, at: usize) -> Token {
        let b = self.src.as_bytes();
        let (mut i, tag) = read_name(b, at);
        self.attrs.clear();
        let mut self_closing = false;
        loop {
            while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                i += 1;
            }
            match b.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    self_closing = b.get(i + 1) == Some(&b'>');
                    i += 1;
                    continue;
                }
                _ => {}
            }
            self_closing = false;
            let name_start = i;
            while b
                .get(i)
                .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'=' && c != b'>' && c != b'/')
                || i == name_start && b.get(i) == Some(&b'=')
            {
                i += 1;
            }
            let name = b.get(name_start..i).unwrap_or(b"");
            while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                i += 1;
            }
            let (mut vs, mut ve) = (i, i);
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                    i += 1;
                }
                match b.get(i).copied() {
                    Some(q @ (b'"' | b'\'')) => {
                        vs = i + 1;
                        ve = match memchr::memchr(q, b.get(vs..).unwrap_or(b"")) {
                            Some(k) => vs + k,
                            None => b.len(),
                        };
                        i = (ve + 1).min(b.len());
                    }
                    _ => {
                        vs = i;
                        while b
                            .get(i)
                            .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'>')
                        {
                            i += 1;
                        }
                        ve = i;
                    }
                }
            }
            if let Some(name) = attr_name(name) {
                if !self.attrs.iter().any(|a| a.name == name) && self.attrs.len() < 32 {
                    self.attrs.push(Attr {
                        name,
                        start: vs,
                        end: ve,
                    });
                }
            }
        }
        self.pos = i;
        if tag.is_raw_text() && !self_closing {
            self.pending_raw = Some(tag);
        }
        Token::Start { tag, self_closing }
    }
}

/// Reads a tag name starting at `at`; returns where it ends and the tag.
fn read_name(b: &[u8], at: usize) -> (usize, Tag) {
    let mut i = at;
    while b
        .get(i)
        .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'/' && c != b'>')
    {
        i += 1;
    }
    (i, Tag::from_name(b.get(at..i).unwrap_or(b"")))
}

/// The offset just past the next `byte` at or after `from`, or the end of input.
fn skip_past(b: &[u8], from: usize, byte: u8) -> usize {
    match b.get(from..).and_then(|s| memchr::memchr(byte, s)) {
        Some(i) => from + i + 1,
        None => b.len(),
    }
}

/// Finds `</name` (any case) from `from`: returns the end of the raw text and the offset after
/// the end tag. Without an end tag the raw text runs to the end of input, as in browsers.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> (usize, usize) {
    let mut i = from;
    let finder = memchr::memmem::Finder::new(b"</");
    while let Some(k) = b.get(i..).and_then(|s| finder.find(s)) {
        let at = i + k;
        let n = at + 2;
        let candidate = b.get(n..n + name.len());
        let boundary = b
            .get(n + name.len())
            .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) && boundary {
            return (at, skip_past(b, n + name.len(), b'>'));
        }
        i = at + 2;
    }
    (b.len(), b.len())
}

fn attr_name(name: &[u8]) -> Option<AttrName> {
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..name.len())?;
    for (d, s) in lower.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    Some(match &*lower {
        b"class" => AttrName::Class,
        b"id" => AttrName::Id,
        b"role" => AttrName::Role,
        b"itemprop" => AttrName::Itemprop,
        b"itemtype" => AttrName::Itemtype,
        b"hidden" => AttrName::Hidden,
        b"style" => AttrName::Style,
        b"aria-hidden" => AttrName::AriaHidden,
        b"lang" => AttrName::Lang,
        b"name" => AttrName::Name,
        b"property" => AttrName::Property,
        b"content" => AttrName::Content,
        b"http-equiv" => AttrName::HttpEquiv,
        b"rel" => AttrName::Rel,
        b"href" => AttrName::Href,
        b"datetime" => AttrName::Datetime,
        b"type" => AttrName::Type,
        b"charset" => AttrName::Charset,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        let mut t = Tokenizer::new(s);
        std::iter::from_fn(|| t.next_token()).collect()
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        let src = "<P CLASS='a b' id=x data-y=\"1\">Hi<br/></p>";
        let mut t = Tokenizer::new(src);
        assert_eq!(
            t.next_token(),
            Some(Token::Start {
                tag: Tag::P,
                self_closing: false
            })
        );
        assert_eq!(t.attr(AttrName::Class), Some("a b"));
        assert_eq!(t.attr(AttrName::Id), Some("x"));
        assert_eq!(t.next_token(), Some(Token::Text { start: 31, end: 33 }));
        assert!(matches!(
            t.next_token(),
            Some(Token::Start {
                tag: Tag::Br,
                self_closing: true
            })
        ));
        assert_eq!(t.next_token(), Some(Token::End { tag: Tag::P }));
        assert_eq!(t.next_token(), None);
    }

    #[test]
    fn raw_text_runs_to_its_own_end_tag() {
        let src = "<script>if (a</b) x = '</div>';</SCRIPT >after";
        let toks = tokens(src);
        assert_eq!(toks.len(), 3);
        assert!(matches!(
            toks[1],
            Token::Raw {
                tag: Tag::Script,
                start: 8,
                end: 31
            }
        ));
        assert!(matches!(toks[2], Token::Text { .. }));
    }

    #[test]
    fn skips_comments_and_survives_truncation() {
        assert_eq!(tokens("<!-- <p>x</p> -->").len(), 0);
        for s in [
            "<",
            "<p",
            "<p class='x",
            "</",
            "<!--",
            "<script>x",
            "a<3 b",
            "<a =b>",
        ] {
            let _ = tokens(s);
        }
        assert_eq!(
            tokens("a<3"),
            vec![
                Token::Text { start: 0, end: 1 },
                Token::Text { start: 1, end: 2 },
                Token::Text { start: 2, end: 3 }
            ]
        );
    }
}
