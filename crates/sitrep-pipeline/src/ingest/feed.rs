//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per `<item>` or `<entry>`, streamed.
//!
//! Of each item: `title`; `link` (its text, or an Atom `href` whose `rel` is absent or
//! `alternate`, else a `guid` that is a permalink URL, else the RDF `rdf:about`); `guid` or `id`
//! (else the RDF `rdf:about`) as the id; `pubDate`, `published`,
//! `dc:date` or `issued` (else `updated` or `modified`) as the publication date; and as the body,
//! the first present of `content:encoded`, `content`, `description` and `summary`. Bodies are HTML
//! fragments (CDATA or entity-escaped HTML, or Atom `type="xhtml"` markup, re-serialised), so
//! they become [`Body::Html`]; Atom `type="text"` is escaped into HTML. An item without an id gets
//! `<file_id>#<n>`, `n` being its 1-based position in the feed. Media RSS elements (`media:*`)
//! describe attachments and are passed over.
//!
//! A malformed feed ends with one `ErrorKind::Feed` error giving the line and byte of the fault;
//! the items before it have been yielded already.

use std::io::BufReader;

use sitrep_model::{Body, RawDocument, RecordRef};

use super::entities::escape_html;
use super::source::{error_kind, Source};
use super::xml::{Token, Tokenizer, XmlError};
use super::{file_id, IngestConfig};
use crate::datetime::normalize_date;
use crate::{Error, ErrorKind, Result};

/// The documents of a feed, one per item or entry.
pub struct Feed<'a> {
    tok: Tokenizer<BufReader<Source<'a>>>,
    name: String,
    file_id: String,
    limit: u64,
    n: u64,
    /// Whether an item is being read, so that a fault can be put in it or between items.
    in_item: bool,
    done: bool,
}

/// What one item says, as it is read.
#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    about: Option<String>,
    permalink: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    /// `content:encoded`, `content`, `description`, `summary`: the first present wins.
    bodies: [Option<String>; 4],
    size: u64,
}

/// One child element of an item being read: its name, attributes and content so far.
struct Field {
    name: String,
    attrs: Vec<(String, String)>,
    content: String,
}

impl<'a> Feed<'a> {
    pub fn new(name: &str, input: Source<'a>, cfg: &IngestConfig) -> Feed<'a> {
        let cap = usize::try_from(cfg.max_document_bytes).unwrap_or(usize::MAX);
        Feed {
            tok: Tokenizer::new(BufReader::with_capacity(64 * 1024, input), cap),
            name: name.to_string(),
            file_id: file_id(name),
            limit: cfg.max_document_bytes,
            n: 0,
            in_item: false,
            done: false,
        }
    }

    /// The error for a fault at `offset`: in the item being read, or between items.
    fn fail(&mut self, e: XmlError) -> Error {
        self.done = true;
        let (kind, offset) = match e {
            XmlError::Syntax { msg, offset, line } => {
                (ErrorKind::Feed(format!("{msg} at line {line}")), offset)
            }
            XmlError::Io(e) => (error_kind(e), self.tok.offset()),
        };
        let origin = RecordRef {
            input: self.name.clone(),
            record: self.in_item.then_some(self.n),
            offset: Some(offset),
        };
        Error::new(origin, kind)
    }

    /// Reads an item whose start tag has just been read, through its end tag.
    fn item(&mut self, attrs: Vec<(String, String)>, start: u64) -> Result<RawDocument> {
        let origin = RecordRef::record(&self.name, self.n, Some(start));
        let mut item = Item {
            about: attr(&attrs, "about").map(str::to_string),
            ..Item::default()
        };
        let mut field: Option<Field> = None;
        let mut depth = 0usize;
        // Where the content ended just after a nested start tag: an end tag there closes an
        // empty element.
        let mut empty_at = None;
        loop {
            let tok = self.tok.next_token().map_err(|e| self.fail(e))?;
            match tok {
                Token::Start { name, attrs } => {
                    depth += 1;
                    item.size += (name.len()
                        + attrs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>())
                        as u64;
                    match field.as_mut() {
                        None => {
                            field = Some(Field {
                                name,
                                attrs,
                                content: String::new(),
                            })
                        }
                        Some(f) => {
                            f.content.push('<');
                            f.content.push_str(&name);
                            for (k, v) in &attrs {
                                f.content.push_str(&format!(" {k}=\"{}\"", escape_html(v)));
                            }
                            f.content.push('>');
                            empty_at = Some(f.content.len());
                        }
                    }
                }
                Token::Text(text) => {
                    item.size += text.len() as u64;
                    if item.size > self.limit {
                        continue;
                    }
                    if let Some(f) = field.as_mut() {
                        if depth == 1 {
                            f.content.push_str(&text);
                        } else {
                            f.content.push_str(&escape_html(&text));
                        }
                    }
                }
                Token::End { .. } if depth == 0 => break,
                Token::End { name } => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some(f) = field.take() {
                            item.take(f);
                        }
                    } else if let Some(f) = field.as_mut() {
                        if empty_at == Some(f.content.len()) {
                            // `<br/>` came as a start and an end: keep it one tag.
                            f.content.pop();
                            f.content.push_str("/>");
                        } else {
                            f.content.push_str(&format!("</{name}>"));
                        }
                    }
                    empty_at = None;
                }
                Token::Eof => break,
            }
        }
        if item.size > self.limit {
            let kind = ErrorKind::TooLarge {
                size: item.size,
                limit: self.limit,
            };
            return Err(Error::new(origin, kind));
        }
        Ok(item.into_document(origin, &self.file_id))
    }
}

fn attr<'s>(attrs: &'s [(String, String)], local: &str) -> Option<&'s str> {
    attrs
        .iter()
        .find(|(k, _)| local_name(k) == local)
        .map(|(_, v)| v.as_str())
}

fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Item {
    fn take(&mut self, f: Field) {
        // Media RSS (`media:title`, `media:content`) describes attachments, not the story.
        if f.name.starts_with("media:") {
            return;
        }
        let local = local_name(&f.name);
        let kind = attr(&f.attrs, "type")
            .unwrap_or("html")
            .to_ascii_lowercase();
        let as_html = |content: &str| match kind.as_str() {
            "text" | "text/plain" => escape_html(content),
            _ => content.to_string(),
        };
        let slot = |s: &mut Option<String>, v: Option<String>| {
            if s.is_none() {
                *s = v;
            }
        };
        match local {
            _ if f.name == "content:encoded" => slot(&mut self.bodies[0], non_empty(&f.content)),
            "content" if attr(&f.attrs, "src").is_none() => {
                slot(&mut self.bodies[1], non_empty(&as_html(&f.content)))
            }
            "description" => slot(&mut self.bodies[2], non_empty(&f.content)),
            "summary" => slot(&mut self.bodies[3], non_empty(&as_html(&f.content))),
            "title" => slot(&mut self.title, non_empty(&f.content)),
            "link" => match attr(&f.attrs, "href") {
                Some(href) => {
                    let rel = attr(&f.attrs, "rel").unwrap_or("alternate");
                    if rel == "alternate" {
                        slot(&mut self.link, non_empty(href));
                    }
                }
                None => slot(&mut self.link, non_empty(&f.content)),
            },
            "guid" | "id" => {
                let id = non_empty(&f.content);
                // An RSS guid is a permalink unless it says otherwise.
                let permalink = attr(&f.attrs, "isPermaLink").is_none_or(|p| p == "true");
                if local == "guid" && permalink && id.as_deref().is_some_and(is_url) {
                    slot(&mut self.permalink, id.clone());
                }
                slot(&mut self.id, id)
            }
            "pubDate" | "published" | "date" | "issued" | "created" => {
                slot(&mut self.published, normalize_date(&f.content))
            }
            "updated" | "modified" => slot(&mut self.updated, normalize_date(&f.content)),
            _ => {}
        }
    }

    fn into_document(self, origin: RecordRef, file_id: &str) -> RawDocument {
        let n = origin.record.unwrap_or(0);
        let [a, b, c, d] = self.bodies;
        RawDocument {
            id: self
                .id
                .or_else(|| self.about.clone())
                .unwrap_or_else(|| format!("{file_id}#{n}")),
            url: self.link.or(self.permalink).or(self.about),
            title: self.title,
            published: self.published.or(self.updated),
            captured: None,
            body: Body::Html(a.or(b).or(c).or(d).unwrap_or_default()),
            origin,
        }
    }
}

impl Iterator for Feed<'_> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.tok.next_token() {
                Ok(Token::Start { name, attrs })
                    if matches!(local_name(&name), "item" | "entry") =>
                {
                    self.n += 1;
                    let start = self.tok.token_start();
                    self.in_item = true;
                    let item = self.item(attrs, start);
                    self.in_item = false;
                    return Some(item);
                }
                Ok(Token::Eof) => self.done = true,
                Ok(_) => {}
                Err(e) => return Some(Err(self.fail(e))),
            }
        }
        None
    }
}
