//! A small pull tokenizer for XML feeds, streaming over a `BufRead`.
//!
//! It yields start tags (with attributes), end tags and text (entity-decoded, or CDATA as it is),
//! skips the declaration, processing instructions, comments and the doctype, and checks that
//! tags nest. Text is decoded from the encoding the XML declaration names (UTF-8 by default), so
//! feeds in windows-1251 or Shift_JIS read right. It is lenient where feeds commonly are sloppy:
//! unknown entities such as `&nbsp;` are kept as they are (the HTML cleaner decodes them later),
//! and unquoted attribute values are accepted. It is strict where a feed is broken: a mismatched
//! or missing end tag, or an input that ends inside markup, is an [`XmlError`] with its position.

use std::io::{self, BufRead};

use encoding_rs::{Encoding, UTF_8};
use memchr::{memchr, memmem};

use super::entities::unescape;

/// The longest tag, comment or processing instruction accepted.
const MAX_TAG: usize = 64 * 1024;

/// One piece of an XML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// `<name a="b">`; a self-closing tag is a `Start` directly followed by its `End`.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    /// Character data, entity-decoded; CDATA sections as they are.
    Text(String),
    Eof,
}

/// Why an XML document could not be read.
#[derive(Debug)]
pub enum XmlError {
    Syntax { msg: String, offset: u64, line: u64 },
    Io(io::Error),
}

type Res<T> = std::result::Result<T, XmlError>;

/// The tokenizer; see the module docs.
pub struct Tokenizer<R> {
    r: R,
    offset: u64,
    line: u64,
    stack: Vec<String>,
    encoding: &'static Encoding,
    max_text: usize,
    pending_end: Option<String>,
    token_start: u64,
}

impl<R: BufRead> Tokenizer<R> {
    /// A tokenizer whose text nodes may be at most `max_text` bytes long.
    pub fn new(r: R, max_text: usize) -> Tokenizer<R> {
        Tokenizer {
            r,
            offset: 0,
            line: 1,
            stack: Vec::new(),
            encoding: UTF_8,
            max_text,
            pending_end: None,
            token_start: 0,
        }
    }

    /// The byte offset where the last token began.
    pub fn token_start(&self) -> u64 {
        self.token_start
    }

    /// The current byte offset.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn syntax(&self, msg: impl Into<String>) -> XmlError {
        XmlError::Syntax {
            msg: msg.into(),
            offset: self.token_start,
            line: self.line,
        }
    }

    fn peek(&mut self) -> Res<Option<u8>> {
        loop {
            match self.r.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(XmlError::Io(e)),
            }
        }
    }

    fn bump(&mut self) -> Res<Option<u8>> {
        let b = self.peek()?;
        if let Some(b) = b {
            self.r.consume(1);
            self.offset += 1;
            if b == b'\n' {
                self.line += 1;
            }
        }
        Ok(b)
    }

    /// Consumes bytes through `end`, keeping those before it in `out` (at most `cap`). It moves
    /// from one occurrence of `end`'s last byte to the next, not byte by byte.
    fn until(&mut self, end: &[u8], out: &mut Vec<u8>, cap: usize, what: &str) -> Res<()> {
        out.clear();
        let last = end.last().copied().unwrap_or(b'>');
        loop {
            let (take, found) = {
                let avail = match self.r.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(XmlError::Io(e)),
                };
                if avail.is_empty() {
                    return Err(self.syntax(format!("unexpected end of input inside {what}")));
                }
                let take = memchr(last, avail).map_or(avail.len(), |i| i + 1);
                let chunk = &avail[..take];
                out.extend_from_slice(chunk);
                self.line += chunk.iter().filter(|&&c| c == b'\n').count() as u64;
                (take, out.ends_with(end))
            };
            self.r.consume(take);
            self.offset += take as u64;
            if found {
                out.truncate(out.len() - end.len());
                return Ok(());
            }
            if out.len() > cap {
                return Err(self.syntax(format!("{what} longer than {cap} bytes")));
            }
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> Res<Token> {
        if let Some(name) = self.pending_end.take() {
            return Ok(Token::End { name });
        }
        loop {
            self.token_start = self.offset;
            let Some(b) = self.peek()? else {
                return match self.stack.last() {
                    Some(open) => {
                        Err(self.syntax(format!("unexpected end of input inside <{open}>")))
                    }
                    None => Ok(Token::Eof),
                };
            };
            if b != b'<' {
                return self.text();
            }
            self.bump()?;
            match self.peek()? {
                Some(b'?') => self.instruction()?,
                Some(b'!') => {
                    if let Some(text) = self.bang()? {
                        return Ok(Token::Text(text));
                    }
                }
                Some(b'/') => return self.end_tag(),
                Some(_) => return self.start_tag(),
                None => return Err(self.syntax("unexpected end of input after '<'")),
            }
        }
    }

    fn text(&mut self) -> Res<Token> {
        let mut raw = Vec::new();
        loop {
            let (take, done) = {
                let avail = match self.r.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(XmlError::Io(e)),
                };
                if avail.is_empty() {
                    break;
                }
                let (take, done) = match memchr(b'<', avail) {
                    Some(i) => (i, true),
                    None => (avail.len(), false),
                };
                raw.extend_from_slice(&avail[..take]);
                self.line += avail[..take].iter().filter(|&&c| c == b'\n').count() as u64;
                (take, done)
            };
            self.r.consume(take);
            self.offset += take as u64;
            if raw.len() > self.max_text {
                return Err(self.syntax(format!("text longer than {} bytes", self.max_text)));
            }
            if done {
                break;
            }
        }
        Ok(Token::Text(unescape(&self.decode(&raw))))
    }

    fn decode(&self, raw: &[u8]) -> String {
        self.encoding
            .decode_without_bom_handling(raw)
            .0
            .into_owned()
    }

    /// `<?...?>`; the XML declaration's `encoding` is taken note of.
    fn instruction(&mut self) -> Res<()> {
        let mut body = Vec::new();
        self.until(b"?>", &mut body, MAX_TAG, "a processing instruction")?;
        if body.starts_with(b"?xml") && body.get(4).is_some_and(u8::is_ascii_whitespace) {
            let lower = body.to_ascii_lowercase();
            if let Some(at) = memmem::find(&lower, b"encoding") {
                let rest = body[at + 8..].trim_ascii_start();
                let rest = rest.strip_prefix(b"=").unwrap_or(rest).trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let end = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b'\'')
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..end]) {
                    // Only ASCII-compatible encodings can be tokenized byte-wise.
                    if enc.is_ascii_compatible() {
                        self.encoding = enc;
                    }
                }
            }
        }
        Ok(())
    }

    /// `<!-- -->`, `<![CDATA[ ]]>` (returned as text) or `<!DOCTYPE ...>`.
    fn bang(&mut self) -> Res<Option<String>> {
        let mut buf = Vec::new();
        self.bump()?;
        let mut head = Vec::new();
        while head.len() < 7 {
            match self.peek()? {
                Some(b) if head.len() < 2 || head.starts_with(b"[") => {
                    head.push(b);
                    self.bump()?;
                    if head == b"--" {
                        self.until(b"-->", &mut buf, self.max_text, "a comment")?;
                        return Ok(None);
                    }
                }
                _ => break,
            }
        }
        if head == b"[CDATA[" {
            self.until(b"]]>", &mut buf, self.max_text, "a CDATA section")?;
            return Ok(Some(self.decode(&buf)));
        }
        // A doctype, maybe with an internal subset in brackets.
        let mut depth = head.iter().filter(|&&b| b == b'[').count() as i64;
        loop {
            match self.bump()? {
                None => return Err(self.syntax("unexpected end of input inside a doctype")),
                Some(b'[') => depth += 1,
                Some(b']') => depth -= 1,
                Some(b'>') if depth <= 0 => return Ok(None),
                Some(_) => {}
            }
        }
    }

    fn end_tag(&mut self) -> Res<Token> {
        self.bump()?;
        let mut raw = Vec::new();
        self.until(b">", &mut raw, MAX_TAG, "an end tag")?;
        let name = self.decode(raw.trim_ascii());
        match self.stack.pop() {
            Some(open) if open == name => Ok(Token::End { name }),
            Some(open) => {
                Err(self.syntax(format!("mismatched end tag </{name}>, expected </{open}>")))
            }
            None => Err(self.syntax(format!("end tag </{name}> without a start tag"))),
        }
    }

    fn start_tag(&mut self) -> Res<Token> {
        let mut raw = Vec::new();
        let mut quote = None;
        loop {
            let Some(b) = self.bump()? else {
                return Err(self.syntax("unexpected end of input inside a tag"));
            };
            match (quote, b) {
                (None, b'>') => break,
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if q == b => quote = None,
                _ => {}
            }
            raw.push(b);
            if raw.len() > MAX_TAG {
                return Err(self.syntax(format!("tag longer than {MAX_TAG} bytes")));
            }
        }
        let empty = raw.last() == Some(&b'/');
        if empty {
            raw.pop();
        }
        let end = raw
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(raw.len());
        let name = self.decode(&raw[..end]);
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '=')
        {
            return Err(self.syntax("malformed start tag"));
        }
        let attrs = attributes(&raw[end..])
            .into_iter()
            .map(|(k, v)| (self.decode(k), unescape(&self.decode(v))))
            .collect();
        if empty {
            self.pending_end = Some(name.clone());
        } else {
            self.stack.push(name.clone());
        }
        Ok(Token::Start { name, attrs })
    }
}

/// The `key="value"` pairs of a tag's inside, leniently.
fn attributes(mut s: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    loop {
        s = s.trim_ascii_start();
        if s.is_empty() {
            return out;
        }
        let key_end = s
            .iter()
            .position(|&b| b == b'=' || b.is_ascii_whitespace())
            .unwrap_or(s.len());
        let key = &s[..key_end];
        s = s[key_end..].trim_ascii_start();
        let Some(rest) = s.strip_prefix(b"=") else {
            out.push((key, &b""[..]));
            continue;
        };
        let rest = rest.trim_ascii_start();
        let (value, after) = match rest.first() {
            Some(&q) if q == b'"' || q == b'\'' => {
                let inner = &rest[1..];
                let end = memchr(q, inner).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(&[]))
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        out.push((key, value));
        s = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &[u8]) -> Res<Vec<Token>> {
        let mut t = Tokenizer::new(xml, 1 << 20);
        let mut out = Vec::new();
        loop {
            match t.next_token()? {
                Token::Eof => return Ok(out),
                tok => out.push(tok),
            }
        }
    }

    #[test]
    fn tags_text_cdata_and_entities() {
        let toks = tokens(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><!-- c --><a k=\"&lt;v&gt;\"><b/>x &amp; &#233;&nbsp;<![CDATA[<p>&amp;</p>]]></a>").unwrap();
        assert_eq!(
            toks,
            vec![
                Token::Start {
                    name: "a".into(),
                    attrs: vec![("k".into(), "<v>".into())]
                },
                Token::Start {
                    name: "b".into(),
                    attrs: vec![]
                },
                Token::End { name: "b".into() },
                Token::Text("x & é&nbsp;".into()),
                Token::Text("<p>&amp;</p>".into()),
                Token::End { name: "a".into() },
            ]
        );
    }

    #[test]
    fn declared_encoding_is_used() {
        let toks = tokens(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><t>\xcf\xf0\xe8</t>")
            .unwrap();
        assert_eq!(toks[1], Token::Text("При".into()));
    }

    #[test]
    fn broken_nesting_is_an_error_with_a_position() {
        let Err(XmlError::Syntax { msg, line, .. }) = tokens(b"<a>\n<b></a>") else {
            panic!("expected a syntax error");
        };
        assert_eq!(
            (msg.as_str(), line),
            ("mismatched end tag </a>, expected </b>", 2)
        );
        assert!(tokens(b"<a><b>").is_err());
        assert!(tokens(b"<a><![CDATA[x").is_err());
    }
}
