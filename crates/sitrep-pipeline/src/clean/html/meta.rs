//! Page metadata: the principal type is [`MetaCollector`], which the tree builder feeds with
//! `<meta>`, `<link>`, `<html lang>`, `<title>`, JSON-LD scripts and `<time>` elements, and which
//! resolves them into a [`PageMeta`] by order of trust.
//!
//! ```ignore
//! let mut m = MetaCollector::default();
//! let _tree = Tree::build("<meta property=og:title content='Hi'>", &mut m);
//! assert_eq!(m.finish(None, |_| false).title.as_deref(), Some("Hi"));
//! ```

use super::tags::Tag;
use super::text::TextBuf;
use super::tokenizer::{AttrName, Tokenizer};
use super::PageMeta;
use crate::datetime::normalize_date;

/// Candidate values found while the tree is built, each kept once (the first wins).
#[derive(Debug, Default)]
pub struct MetaCollector {
    og_title: Option<String>,
    ld_headline: Option<String>,
    title: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    /// `article:published_time` and its kin, the most trusted dates.
    meta_published: Option<String>,
    ld_published: Option<String>,
    /// Dates from less specific meta names (`date`, `DC.date.issued`, ...).
    meta_date: Option<String>,
    itemprop_date: Option<String>,
    /// `<time datetime>` dates with the node they sit on, in document order.
    times: Vec<(u32, String)>,
    html_lang: Option<String>,
    content_language: Option<String>,
    /// `og:description` or `description`: the page's own summary, the last resort for pages
    /// whose body is rendered by scripts.
    og_description: Option<String>,
    description: Option<String>,
    /// JSON-LD `articleBody`, raw: the full text some script-rendered pages carry.
    ld_body: Option<String>,
}

/// Decodes an attribute value's references and squashes its white space.
fn decoded(raw: &str) -> String {
    let mut t = TextBuf::default();
    t.push_raw(raw);
    t.take()
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.filter(|v| !v.is_empty());
    }
}

impl MetaCollector {
    /// Looks at a start tag (`node` is the index the tree gives it).
    pub fn start_tag(&mut self, tag: Tag, tok: &Tokenizer, node: u32) {
        match tag {
            Tag::Html => set(
                &mut self.html_lang,
                tok.attr(AttrName::Lang).and_then(language),
            ),
            Tag::Meta => self.meta(tok),
            Tag::Link => {
                let rel = tok.attr(AttrName::Rel).unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") {
                    set(&mut self.canonical, tok.attr(AttrName::Href).map(decoded));
                }
            }
            Tag::Time => {
                if let Some(d) = tok.attr(AttrName::Datetime).and_then(normalize_date) {
                    if self.times.len() < 64 {
                        self.times.push((node, d));
                    }
                }
            }
            _ => {
                if let Some(p) = tok.attr(AttrName::Itemprop) {
                    if p.eq_ignore_ascii_case("datePublished") {
                        let v = tok.attr(AttrName::Content).or(tok.attr(AttrName::Datetime));
                        set(&mut self.itemprop_date, v.and_then(normalize_date));
                    }
                }
            }
        }
    }

    fn meta(&mut self, tok: &Tokenizer) {
        let content = tok.attr(AttrName::Content).unwrap_or("");
        if let Some(p) = tok.attr(AttrName::Itemprop) {
            if p.eq_ignore_ascii_case("datePublished") {
                set(&mut self.itemprop_date, normalize_date(content));
            }
        }
        if let Some(h) = tok.attr(AttrName::HttpEquiv) {
            if h.eq_ignore_ascii_case("content-language") {
                set(&mut self.content_language, language(content));
            }
        }
        let key = tok
            .attr(AttrName::Property)
            .or(tok.attr(AttrName::Name))
            .unwrap_or("");
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "og:title" => set(&mut self.og_title, Some(decoded(content))),
            "og:url" => set(&mut self.og_url, Some(decoded(content))),
            "og:description" => set(&mut self.og_description, Some(decoded(content))),
            "description" | "twitter:description" => {
                set(&mut self.description, Some(decoded(content)))
            }
            "article:published_time"
            | "og:published_time"
            | "article:published"
            | "published_time"
            | "datepublished"
            | "og:article:published_time" => set(&mut self.meta_published, normalize_date(content)),
            "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "dc.date.issued"
            | "dc.date"
            | "dcterms.date"
            | "dcterms.issued"
            | "dc.date.created"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published"
            | "published-date"
            | "release_date"
            | "citation_publication_date"
            | "citation_date"
            | "originalpublicationdate"
            | "displaydate"
            | "cxenseparse:recs:publishtime" => set(&mut self.meta_date, normalize_date(content)),
            "content-language" | "language" | "dc.language" => {
                set(&mut self.content_language, language(content))
            }
            _ => {}
        }
    }

    /// Looks at the contents of a raw-text element; `script_type` is a script's `type`.
    pub fn raw_text(&mut self, tag: Tag, script_type: Option<&str>, text: &str) {
        match tag {
            Tag::Title => set(&mut self.title, Some(decoded(text))),
            Tag::Script
                if script_type
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) {
                    self.json_ld(&v);
                }
            }
            _ => {}
        }
    }

    /// Reads the first article-like object of a JSON-LD document, looking through arrays and
    /// `@graph` without recursion.
    fn json_ld(&mut self, root: &serde_json::Value) {
        let mut todo = vec![root];
        let mut seen = 0;
        while let Some(v) = todo.pop() {
            seen += 1;
            if seen > 256 {
                break;
            }
            match v {
                serde_json::Value::Array(items) => todo.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    if let Some(g) = map.get("@graph") {
                        todo.push(g);
                    }
                    let article = match map.get("@type") {
                        Some(serde_json::Value::String(t)) => is_article_type(t),
                        Some(serde_json::Value::Array(ts)) => {
                            ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                        }
                        _ => false,
                    };
                    if article {
                        let headline = map.get("headline").and_then(|h| h.as_str()).map(decoded);
                        set(&mut self.ld_headline, headline);
                        let body = map.get("articleBody").and_then(|b| b.as_str());
                        set(&mut self.ld_body, body.map(str::to_string));
                        let date = map
                            .get("datePublished")
                            .and_then(|d| d.as_str())
                            .and_then(normalize_date);
                        set(&mut self.ld_published, date);
                    }
                }
                _ => {}
            }
        }
    }

    /// The article's text from JSON-LD `articleBody`, cut into paragraphs at line breaks.
    pub fn ld_paragraphs(&self) -> Vec<String> {
        let Some(body) = self.ld_body.as_deref() else {
            return Vec::new();
        };
        body.split('\n')
            .map(decoded)
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// The page's summary from its meta tags.
    pub fn description(&self) -> Option<&str> {
        self.og_description
            .as_deref()
            .or(self.description.as_deref())
    }

    /// Resolves the candidates. `h1` is the text of the first `<h1>` of the main content, and
    /// `in_main` tells whether a node lies in the main content (for `<time>`).
    pub fn finish(self, h1: Option<String>, in_main: impl Fn(u32) -> bool) -> PageMeta {
        let title = self
            .og_title
            .or(self.ld_headline)
            .or(h1.filter(|h| !h.is_empty()))
            .or(self.title.map(|t| strip_site(&t)));
        let time = self
            .times
            .iter()
            .find(|(n, _)| in_main(*n))
            .or(self.times.first())
            .map(|(_, d)| d.clone());
        PageMeta {
            title,
            url: self.og_url.or(self.canonical),
            published: self
                .meta_published
                .or(self.ld_published)
                .or(self.meta_date)
                .or(self.itemprop_date)
                .or(time),
            language: self.html_lang.or(self.content_language),
        }
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
}

/// `en-GB` → `en`: the ISO 639-1 part of a language tag, when it is one.
fn language(tag: &str) -> Option<String> {
    let first = tag.split([',', ';']).next()?.trim();
    let primary = first.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// Strips a trailing " | Site" or " - Site" from a `<title>`, keeping the longest side when the
/// site name comes first.
fn strip_site(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (
                title.get(..i).unwrap_or(""),
                title.get(i + sep.len()..).unwrap_or(""),
            );
            if !head.trim().is_empty() {
                return if tail.len() > head.len() * 2 && !tail.trim().is_empty() {
                    tail.trim().to_string()
                } else {
                    head.trim().to_string()
                };
            }
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        assert_eq!(strip_site("Ceasefire holds | The Daily"), "Ceasefire holds");
        assert_eq!(
            strip_site("Ceasefire holds in the north - News"),
            "Ceasefire holds in the north"
        );
        assert_eq!(strip_site("Plain"), "Plain");
    }

    #[test]
    fn reads_language_tags() {
        assert_eq!(language("en-GB").as_deref(), Some("en"));
        assert_eq!(language("de").as_deref(), Some("de"));
        assert_eq!(language("x"), None);
    }
}
