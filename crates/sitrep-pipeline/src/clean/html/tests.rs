//! Tests of [`extract`](super::extract) on small pages: what is kept, what is removed and why,
//! the metadata, and robustness against hostile input.

use super::*;
use crate::clean::BlockRole;

const PROSE: &str = "This paragraph is long enough to count as prose, with a clause or two, \
                     and it tells the reader something about the events of the day.";

fn kept(a: &Article) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.is_kept())
        .map(|b| b.text.as_str())
        .collect()
}

fn removed(a: &Article, kind: RemovedKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.removed == Some(kind))
        .map(|b| b.text.as_str())
        .collect()
}

fn page(body: &str) -> String {
    format!("<!doctype html><html><head><title>T</title></head><body>{body}</body></html>")
}

#[test]
fn keeps_article_paragraphs_in_order_and_removes_navigation() {
    let html = page(&format!(
        "<nav><ul><li><a href=/>Home</a><li><a href=/w>World</a></ul></nav>\
         <div id=content><h2>Sub</h2><p>One. {PROSE}</p><p>Two. {PROSE}<p>Three. {PROSE}</div>"
    ));
    let a = extract(&html);
    let k = kept(&a);
    assert_eq!(k.len(), 4, "{k:?}");
    assert_eq!(k[0], "Sub");
    assert!(k[1].starts_with("One.") && k[2].starts_with("Two.") && k[3].starts_with("Three."));
    assert_eq!(removed(&a, RemovedKind::Navigation), vec!["Home World"]);
    assert_eq!(
        a.blocks.iter().find(|b| b.text == "Sub").map(|b| b.role),
        Some(BlockRole::Heading)
    );
}

#[test]
fn removes_footer_copyright_and_sidebar() {
    let html = page(&format!(
        "<main><p>{PROSE}</p><p>{PROSE}</p></main>\
         <aside class=sidebar><p>Other story of the sidebar with some words in it, many of them.</p></aside>\
         <footer><p>&copy; 2024 Example News. All rights reserved.</p></footer>"
    ));
    let a = extract(&html);
    assert_eq!(kept(&a).len(), 2);
    assert_eq!(
        removed(&a, RemovedKind::Copyright),
        vec!["© 2024 Example News. All rights reserved."]
    );
    assert_eq!(removed(&a, RemovedKind::Other).len(), 1);
}

#[test]
fn joins_inline_elements_and_decodes_entities() {
    let html = page(&format!(
        "<p>Caf<b>&eacute;</b> <i>au</i>&nbsp;lait, <a href=x>said</a> she. {PROSE}</p>"
    ));
    let a = extract(&html);
    assert!(kept(&a)[0].starts_with("Café au lait, said she. This"));
}

#[test]
fn reads_metadata_from_og_json_ld_and_time() {
    let html = r#"<html lang="de-AT"><head><title>Ignored | Site</title>
        <meta property="og:title" content="Waffenruh&auml; h&auml;lt">
        <link rel=canonical href="https://example.org/a">
        <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2024-02-29T10:00:00Z"}]}</script>
        </head><body><article><time datetime="2023-01-01">x</time><p>text</p></article></body></html>"#;
    let m = extract(html).meta;
    assert_eq!(m.title.as_deref(), Some("Waffenruhä hält"));
    assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(m.published.as_deref(), Some("2024-02-29"));
    assert_eq!(m.language.as_deref(), Some("de"));
    let m = extract(
        "<title>Only the title - Site</title><p><time datetime='2021-05-06T01:02'>May</time>",
    )
    .meta;
    assert_eq!(m.title.as_deref(), Some("Only the title"));
    assert_eq!(m.published.as_deref(), Some("2021-05-06"));
}

#[test]
fn scripts_styles_comments_and_hidden_elements_give_no_text() {
    let html = page(&format!(
        "<script>var x = '<p>NOPE</p>';</script><style>p {{}}</style><!-- <p>NOPE</p> -->\
         <div hidden>NOPE</div><div style='display: none'>NOPE</div><svg><text>NOPE</text></svg><p>{PROSE}</p>"
    ));
    let a = extract(&html);
    assert!(
        a.blocks.iter().all(|b| !b.text.contains("NOPE")),
        "{:?}",
        a.blocks
    );
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn share_and_related_blocks_inside_the_article_are_removed() {
    let html = page(&format!(
        "<article><p>{PROSE}</p><div class='share-tools'>Share on Facebook</div>\
         <p>{PROSE}</p><div class=related-articles><p>Another long headline of another story here</p></div></article>"
    ));
    let a = extract(&html);
    assert_eq!(kept(&a).len(), 2);
    assert_eq!(removed(&a, RemovedKind::Social), vec!["Share on Facebook"]);
    assert_eq!(removed(&a, RemovedKind::RelatedLinks).len(), 1);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut html = String::from("<html><body>");
    for _ in 0..100_000 {
        html.push_str("<div>");
    }
    html.push_str(PROSE);
    for _ in 0..100_000 {
        html.push_str("</span></div>");
    }
    let a = extract(&html);
    assert_eq!(kept(&a), vec![PROSE]);
}

#[test]
fn binary_junk_and_broken_markup_give_a_result() {
    let junk: String = (0..20_000u32)
        .map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('x'))
        .collect();
    let _ = extract(&junk);
    for s in [
        "",
        "<",
        "</div></div><p",
        "<p class='unterminated",
        "<!--",
        "<script>",
        "&#xFFFFFFFF;&",
        "<table><td>x<tr><td>y</table></td>",
    ] {
        let _ = extract(s);
    }
    let a = extract("</div></body><p>Stray end tags do not stop the text from being read at all.");
    assert_eq!(kept(&a).len(), 1, "{a:?}");
}

#[test]
fn an_unclosed_svg_icon_does_not_swallow_the_article() {
    let html = page(&format!(
        "<div class=icons><a href=x><svg><use href='#i'/></div><p>{PROSE}</p><p>Second. {PROSE}</p>"
    ));
    let a = extract(&html);
    assert_eq!(kept(&a).len(), 2, "{:?}", a.blocks);
}

#[test]
fn a_script_rendered_page_falls_back_to_its_description() {
    let html = "<html><head><meta name=description content='The summary of a story whose body \
                is rendered by scripts.'></head><body><div id=app></div><script>render()</script></body></html>";
    let a = extract(html);
    assert_eq!(
        kept(&a),
        vec!["The summary of a story whose body is rendered by scripts."]
    );
    let with_body = extract(&page(&format!(
        "<meta name=description content='Summary.'><p>{PROSE}</p><p>{PROSE}</p>"
    )));
    assert!(kept(&with_body).iter().all(|t| *t != "Summary."));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any mix of markup fragments, references and junk gives an article, and every block has
    /// text: extraction is total.
    #[test]
    fn never_panics_on_markup_soup(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<p>", "</p>", "<div class='nav'>", "</div>", "<a href=x>", "</a>", "<svg>", "</svg>",
        "<script>", "</script>", "<!--", "-->", "<table><td>", "<li>", "&amp;", "&#x1F600;", "&",
        "<", ">", "\"", "text with words, ", "\u{0}", "é", "<br>", "<h1>", "</h1>", "<template>",
        "<math>", "<noscript>", "</body>", "<html lang=de>", "<meta property=og:title content=x>",
    ]), 0..80)) {
        let html: String = parts.concat();
        let a = extract(&html);
        proptest::prop_assert!(a.blocks.iter().all(|b| !b.text.is_empty()));
    }
}

#[test]
fn a_script_rendered_page_prefers_its_json_ld_article_body() {
    let html = format!(
        "<html><head><meta name=description content='Short summary.'>\
         <script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\"articleBody\":\"{PROSE}\\n{PROSE} &amp; more\"}}</script>\
         </head><body><div id=app></div></body></html>"
    );
    let a = extract(&html);
    assert_eq!(kept(&a).len(), 2, "{:?}", a.blocks);
    assert!(kept(&a)[1].ends_with("& more"));
}
