//! Cleaning of plain text: paragraph splitting, the headline, the boilerplate filter and
//! languages, checked against the fixtures in `test_data/clean/`.
//!
//! Each fixture `NAME.txt` has a golden reading `NAME.expect`: the title, the body language and
//! one line per block, kept or removed, with its language. Run with `UPDATE_EXPECT=1` to rewrite
//! the golden files after a deliberate change, and review the diff. The tests below also assert
//! what each fixture is about, so a wrong golden file cannot hide a regression.

use std::fmt::Write as _;
use std::path::PathBuf;

use sitrep_model::{Body, RawDocument, RecordRef, RemovedKind};
use sitrep_pipeline::clean::{boilerplate, text, Block, Cleaner, Lexicon};

/// A fixture after splitting and filtering.
struct Cleaned {
    title: Option<String>,
    language: Option<String>,
    blocks: Vec<Block>,
}

impl Cleaned {
    fn kept(&self) -> Vec<&Block> {
        self.blocks.iter().filter(|b| b.is_kept()).collect()
    }

    fn removed(&self, kind: RemovedKind) -> Vec<&Block> {
        self.blocks
            .iter()
            .filter(|b| b.removed == Some(kind))
            .collect()
    }

    fn kept_text(&self) -> String {
        let texts: Vec<&str> = self.kept().iter().map(|b| b.text.as_str()).collect();
        texts.join("\n\n")
    }

    fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "title: {}", self.title.as_deref().unwrap_or("-"));
        let _ = writeln!(out, "language: {}", self.language.as_deref().unwrap_or("-"));
        for b in &self.blocks {
            let status = b.removed.map_or("kept", |k| k.as_str());
            let lang = b.language.as_deref().unwrap_or("-");
            let _ = writeln!(out, "{status:<14} {lang:<3} {}", b.text);
        }
        out
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/clean")
        .join(name)
}

fn clean(input: &str) -> Cleaned {
    let article = text::split(input);
    let mut blocks = article.blocks;
    let language = boilerplate::mark(&mut blocks, &Lexicon::default());
    Cleaned {
        title: article.title,
        language,
        blocks,
    }
}

/// Cleans `test_data/clean/NAME.txt` and compares the reading with `NAME.expect`.
fn check(name: &str) -> Cleaned {
    let input = std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap();
    let cleaned = clean(&input);
    let got = cleaned.render();
    let path = fixture(&format!("{name}.expect"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).unwrap();
    } else {
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no {name}.expect: run with UPDATE_EXPECT=1"));
        assert_eq!(got, want, "{name}: reading differs from {name}.expect");
    }
    cleaned
}

#[test]
fn seed_wire_story_loses_its_turkish_cookie_notice() {
    let c = check("seed_tr_notice");
    assert_eq!(
        c.title.as_deref(),
        Some("Russia says ready to mediate in Afghanistan-Pakistan conflict")
    );
    assert_eq!(c.language.as_deref(), Some("en"));
    let kept = c.kept();
    assert_eq!(kept.len(), 11);
    assert!(kept[0]
        .text
        .starts_with("Russia expressed readiness to mediate"));
    assert!(kept[10].text.starts_with("Islamabad accuses Afghanistan"));
    let ui = c.removed(RemovedKind::UiControl);
    assert_eq!(ui.len(), 1);
    assert_eq!(ui[0].text, "X");
    let notice = c.removed(RemovedKind::CookieNotice);
    assert_eq!(notice.len(), 4);
    assert!(notice.iter().all(|b| b.language.as_deref() == Some("tr")));
    let body = format!("\n{}\n", c.kept_text());
    for banned in ["Sitelerimizde", "çerez", "reklam", "\nX\n"] {
        assert!(!body.contains(banned), "kept text contains {banned:?}");
    }
    assert_eq!(c.blocks.len(), 16, "nothing may be dropped silently");
}

#[test]
fn seed_through_the_cleaner_keeps_the_headline_as_title() {
    let input = std::fs::read_to_string(fixture("seed_tr_notice.txt")).unwrap();
    let raw = RawDocument {
        origin: RecordRef::whole("article.txt"),
        id: "article".into(),
        url: None,
        title: None,
        published: None,
        captured: None,
        body: Body::Text(input),
    };
    let doc = Cleaner::default().clean(raw);
    assert_eq!(
        doc.title.as_deref(),
        Some("Russia says ready to mediate in Afghanistan-Pakistan conflict")
    );
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(doc.text().split("\n\n").count(), 11);
    assert_eq!(doc.removed().len(), 5);
}

/// Notices in one language attached to news in another: (fixture, body, notice language,
/// notice paragraphs).
const FOREIGN_NOTICES: &[(&str, &str, &str, usize)] = &[
    ("de_notice_after_en", "en", "de", 3),
    ("fr_notice_before_en", "en", "fr", 2),
    ("es_notice_after_en", "en", "es", 2),
    ("ru_notice_after_de", "de", "ru", 2),
    ("ar_notice_before_en", "en", "ar", 2),
    ("it_notice_after_fr", "fr", "it", 2),
    ("pl_notice_after_en", "en", "pl", 2),
    ("en_notice_after_es", "es", "en", 2),
    ("zh_notice_after_en", "en", "zh", 2),
];

#[test]
fn foreign_cookie_notices_go_paragraph_by_paragraph() {
    for &(name, body, lang, paragraphs) in FOREIGN_NOTICES {
        let c = check(name);
        assert_eq!(c.language.as_deref(), Some(body), "{name}: body language");
        let notice = c.removed(RemovedKind::CookieNotice);
        assert_eq!(notice.len(), paragraphs, "{name}: notice paragraphs");
        for b in &notice {
            assert_eq!(b.language.as_deref(), Some(lang), "{name}: {}", b.text);
        }
        for b in c.kept() {
            assert_eq!(b.language.as_deref(), Some(body), "{name}: kept {}", b.text);
        }
    }
}

#[test]
fn same_language_notice_speaks_to_the_reader() {
    let c = check("en_notice_after_en");
    assert_eq!(c.removed(RemovedKind::CookieNotice).len(), 2);
    assert_eq!(c.kept().len(), 3);
}

#[test]
fn news_about_cookies_stays() {
    for name in [
        "keep_cookie_bakery",
        "keep_eu_cookie_law",
        "keep_de_cookie_law",
    ] {
        let c = check(name);
        let removed: Vec<String> = c
            .blocks
            .iter()
            .filter(|b| !b.is_kept())
            .map(|b| b.text.clone())
            .collect();
        assert!(removed.is_empty(), "{name}: removed {removed:?}");
        assert!(c.title.is_some(), "{name}: title");
    }
}

#[test]
fn page_furniture_is_named_by_kind() {
    let c = check("boilerplate_mix");
    assert_eq!(
        c.title.as_deref(),
        Some("Floods kill dozens in northern Nigeria")
    );
    let texts = |k| -> Vec<String> { c.removed(k).iter().map(|b| b.text.clone()).collect() };
    assert_eq!(
        texts(RemovedKind::UiControl),
        ["Menu", "Skip to content", "Share", "Tweet", "Email"]
    );
    assert_eq!(texts(RemovedKind::Advertisement), ["Advertisement"]);
    assert_eq!(texts(RemovedKind::Newsletter).len(), 1);
    assert_eq!(
        texts(RemovedKind::Copyright),
        ["© 2026 Reuters. All rights reserved."]
    );
    assert_eq!(texts(RemovedKind::RelatedLinks).len(), 3);
    assert_eq!(texts(RemovedKind::Caption).len(), 1);
    assert_eq!(texts(RemovedKind::Byline).len(), 2);
    assert_eq!(texts(RemovedKind::Duplicate).len(), 1);
    assert_eq!(c.kept().len(), 3);
}

#[test]
fn a_user_lexicon_extends_the_builtin_one() {
    let input = "Talks resume in Doha\n\nNegotiators returned to Doha on Monday for a new round of talks on a ceasefire.\n\nTeilen Sie diesen Beitrag\n";
    assert!(clean(input).kept().len() == 2);
    let mut lex = Lexicon::default();
    lex.extend_from_str("controls.tsv", "de\tTeilen Sie diesen Beitrag\tsocial\n")
        .unwrap();
    let article = text::split(input);
    let mut blocks = article.blocks;
    boilerplate::mark(&mut blocks, &lex);
    assert_eq!(blocks[1].removed, Some(RemovedKind::Social));
}

#[test]
fn filtering_never_panics_on_odd_input() {
    for input in [
        "",
        "\n\n\n",
        "×",
        "\u{feff}©",
        "a\r\rb\r\n\r\nc",
        "İ\u{307}\u{307}",
        "- \n* \n1.",
    ] {
        let c = clean(input);
        assert!(c.blocks.iter().all(|b| !b.text.is_empty()));
    }
}
