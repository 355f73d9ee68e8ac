//! Cleaning of plain text: paragraph splitting, the headline, the boilerplate filter and
//! languages, checked against the fixtures in `test_data/clean/`.
//!
//! Each fixture `NAME.txt` has a golden reading `NAME.expect`: the title, the body language and
//! one line per block, kept or removed, with its language. Run with `UPDATE_EXPECT=1` to rewrite
//! the golden files after a deliberate change, and review the diff. The tests below also assert
//! what each fixture is about, so a wrong golden file cannot hide a regression.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

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

/// The built-in lexicon, compiled once for all tests.
fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::default)
}

fn clean(input: &str) -> Cleaned {
    let article = text::split(input);
    let mut blocks = article.blocks;
    let language = boilerplate::mark(&mut blocks, lexicon());
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
    ("fa_notice_after_en", "en", "fa", 2),
    ("ja_notice_before_en", "en", "ja", 2),
    ("uk_notice_after_en", "en", "uk", 2),
    ("pt_notice_after_es", "es", "pt", 2),
    ("nl_notice_before_de", "de", "nl", 2),
    // The second Turkish paragraph has no cue of its own: it goes because it is part of the run.
    ("tr_notice_weak_paragraph", "en", "tr", 2),
    ("sv_notice_after_en", "en", "sv", 2),
    ("hi_notice_after_en", "en", "hi", 1),
    ("el_notice_before_en", "en", "el", 1),
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
fn same_language_notice_in_german() {
    let c = check("de_notice_after_de");
    assert_eq!(c.language.as_deref(), Some("de"));
    assert_eq!(c.removed(RemovedKind::CookieNotice).len(), 2);
    assert_eq!(c.kept().len(), 2);
}

#[test]
fn a_consent_dialog_goes_whole() {
    let c = check("en_consent_dialog_after_en");
    assert_eq!(c.kept().len(), 3);
    assert!(c.kept_text().starts_with("Gunmen killed"));
    assert!(!c.kept_text().contains("ookie"));
    let c = check("short_banners");
    assert_eq!(c.kept().len(), 2);
    assert_eq!(c.removed(RemovedKind::CookieNotice).len(), 1);
}

#[test]
fn a_news_paragraph_on_consent_beside_a_notice_stays() {
    let c = check("privacy_news_then_en_notice");
    let notice = c.removed(RemovedKind::CookieNotice);
    assert_eq!(notice.len(), 2);
    assert!(notice[0].text.starts_with("We use cookies"));
    assert_eq!(c.kept().len(), 3);
}

/// A notice in the article's own language must speak to the reader: (language, two news
/// paragraphs, notice).
const SAME_LANGUAGE: &[(&str, &str, &str)] = &[
    (
        "fr",
        "Le gouvernement malien a annoncé mardi la prolongation de la transition de cinq ans, selon un communiqué lu à la télévision nationale.\n\nLes partis d'opposition ont dénoncé une décision contraire à la charte de la transition.",
        "Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
    ),
    (
        "es",
        "El Gobierno de Ecuador declaró el martes el estado de excepción en tres provincias de la costa tras una ola de asesinatos.\n\nLa medida permite a las Fuerzas Armadas apoyar a la policía durante sesenta días.",
        "Este sitio web utiliza cookies para mejorar su experiencia. Si continúa navegando, acepta su uso.",
    ),
    (
        "ru",
        "Министерство обороны заявило во вторник, что силы противовоздушной обороны сбили над регионом двенадцать беспилотников.\n\nПо словам губернатора, пострадавших нет, но повреждены несколько жилых домов.",
        "Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая использовать сайт, вы соглашаетесь с этим.",
    ),
    (
        "tr",
        "Dışişleri Bakanlığı, Ankara'nın iki ülke arasındaki görüşmelere ev sahipliği yapmaya hazır olduğunu açıkladı.\n\nBakanlık sözcüsü, tarafların önümüzdeki hafta İstanbul'da bir araya gelmesinin beklendiğini söyledi.",
        "Sitemizde size daha iyi hizmet sunmak için çerezler kullanıyoruz. Siteyi kullanmaya devam ederek çerez politikamızı kabul etmiş olursunuz.",
    ),
    (
        "ar",
        "قالت وزارة الخارجية يوم الثلاثاء إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة القطرية.\n\nوأضاف المتحدث أن الوسطاء يعملون على التوصل إلى اتفاق لوقف إطلاق النار.",
        "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. باستمرارك في التصفح فإنك توافق على سياسة الخصوصية.",
    ),
];

#[test]
fn same_language_notices_in_several_languages() {
    for &(lang, news, notice) in SAME_LANGUAGE {
        let c = clean(&format!(
            "Headline for the story here\n\n{news}\n\n{notice}\n"
        ));
        assert_eq!(c.language.as_deref(), Some(lang), "{lang}: body");
        let removed = c.removed(RemovedKind::CookieNotice);
        assert_eq!(removed.len(), 1, "{lang}: notice");
        assert_eq!(
            removed[0].language.as_deref(),
            Some(lang),
            "{lang}: notice language"
        );
        assert_eq!(c.kept().len(), 2, "{lang}: kept");
    }
}

#[test]
fn news_about_cookies_stays() {
    for name in [
        "keep_cookie_bakery",
        "keep_eu_cookie_law",
        "keep_de_cookie_law",
        "keep_foreign_quote_at_end",
        "keep_tricky_news",
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

/// Blocks as HTML extraction hands them over: some already removed, roles from the markup.
#[test]
fn html_blocks_keep_their_removals_and_get_languages() {
    use sitrep_pipeline::clean::BlockRole;
    let block = |text: &str, role, removed| {
        let mut b = Block::new(text, role);
        b.removed = removed;
        b
    };
    let nav = Some(RemovedKind::Navigation);
    let mut blocks = vec![
        block("Startseite Politik Wirtschaft Sport Kultur Wissen", BlockRole::ListItem, nav),
        block("We use cookies and similar technologies to personalise content and ads and to analyse our traffic. By clicking Accept all, you agree to our use of cookies.", BlockRole::Paragraph, None),
        block("Accept all", BlockRole::Other, None),
        block("Manage preferences", BlockRole::Other, None),
        block("Rebels seize town in eastern Congo", BlockRole::Heading, None),
        block("M23 rebels seized the town of Masisi in eastern Congo on Saturday after heavy fighting with the army and allied militias, residents and a local official said.", BlockRole::Paragraph, None),
        block("Displaced families walk along a road near Goma.", BlockRole::Caption, None),
        block("The United Nations said the fighting had forced tens of thousands of people to flee toward Goma in the past week.", BlockRole::Paragraph, None),
        block("Impressum Datenschutz Kontakt Karriere Mediadaten", BlockRole::ListItem, nav),
    ];
    let language = boilerplate::mark(&mut blocks, lexicon());
    assert_eq!(language.as_deref(), Some("en"));
    let kinds: Vec<Option<RemovedKind>> = blocks.iter().map(|b| b.removed).collect();
    assert_eq!(
        kinds,
        [
            nav,
            Some(RemovedKind::CookieNotice),
            Some(RemovedKind::UiControl),
            Some(RemovedKind::UiControl),
            None,
            None,
            Some(RemovedKind::Caption),
            None,
            nav,
        ]
    );
    assert_eq!(blocks[0].language.as_deref(), Some("de"));
    assert_eq!(blocks[1].language.as_deref(), Some("en"));
}

#[test]
fn the_text_outweighs_a_language_declared_by_the_page() {
    let input = std::fs::read_to_string(fixture("seed_tr_notice.txt")).unwrap();
    let mut blocks = text::split(&input).blocks;
    for b in &mut blocks {
        b.language = Some("en".into());
    }
    boilerplate::mark(&mut blocks, lexicon());
    let notice = blocks
        .iter()
        .filter(|b| b.removed == Some(RemovedKind::CookieNotice));
    assert!(notice
        .map(|b| b.language.as_deref())
        .all(|l| l == Some("tr")));
    assert_eq!(blocks.iter().filter(|b| b.is_kept()).count(), 11);
}

#[test]
fn a_notice_amid_the_article_goes_when_it_speaks_to_the_reader() {
    let input = "Talks resume in Doha\n\n\
        Negotiators returned to Doha on Monday for a new round of talks on a ceasefire, mediators said.\n\n\
        We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies. Accept all or manage your preferences.\n\n\
        The talks are expected to last several days, a diplomat familiar with the negotiations said.\n";
    let c = clean(input);
    assert_eq!(c.removed(RemovedKind::CookieNotice).len(), 1);
    assert_eq!(c.kept().len(), 2);
}

#[test]
fn a_foreign_notice_amid_the_article_goes_whole() {
    let input = "Colombia and ELN rebels agree to resume talks\n\n\
        Colombia's government and the National Liberation Army agreed on Thursday to resume peace talks suspended in January, the mediators said.\n\n\
        Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarle publicidad personalizada mediante el análisis de sus hábitos de navegación.\n\n\
        Puede aceptar todas las cookies pulsando el botón Aceptar o configurarlas o rechazar su uso haciendo clic en Configuración.\n\n\
        The two sides will meet in Caracas next month to discuss a new ceasefire and the release of hostages, the statement said.\n";
    let c = clean(input);
    let notice = c.removed(RemovedKind::CookieNotice);
    assert_eq!(notice.len(), 2);
    assert!(notice.iter().all(|b| b.language.as_deref() == Some("es")));
    assert_eq!(c.kept().len(), 2);
}

#[test]
fn a_related_heading_takes_its_link_list_along() {
    use sitrep_pipeline::clean::BlockRole;
    let mut blocks = vec![
        Block::new(
            "Troops withdrew from the town on Sunday after a week of shelling, officials said.",
            BlockRole::Paragraph,
        ),
        Block::new("Related", BlockRole::Heading),
        Block::new(
            "Ceasefire talks stall as both sides trade blame",
            BlockRole::ListItem,
        ),
        Block::new(
            "Who are the rebels fighting in the east?",
            BlockRole::ListItem,
        ),
        Block::new(
            "The army said it would continue operations in the area until the region was secure.",
            BlockRole::Paragraph,
        ),
    ];
    boilerplate::mark(&mut blocks, lexicon());
    let kinds: Vec<Option<RemovedKind>> = blocks.iter().map(|b| b.removed).collect();
    let related = Some(RemovedKind::RelatedLinks);
    assert_eq!(kinds, [None, related, related, related, None]);
}

#[test]
fn headlines_after_the_last_sentence_are_links() {
    let story = "Talks resume in Doha\n\n\
        Negotiators returned to Doha on Monday for a new round of talks on a ceasefire, mediators said.\n\n\
        The talks are expected to last several days, a diplomat said.\n\n";
    let links = "Ceasefire talks stall as both sides trade blame\n\n\
        Who are the armed groups fighting in the east?\n\n\
        Aid convoy reaches besieged city after weeks of delays\n";
    let c = clean(&format!("{story}{links}"));
    assert_eq!(c.removed(RemovedKind::RelatedLinks).len(), 3);
    assert_eq!(c.kept().len(), 2);
    // Two such lines are not enough, and a closing list of dates stays.
    let two = "Ceasefire talks stall as both sides trade blame\n\nWho are the armed groups fighting in the east?\n";
    assert_eq!(clean(&format!("{story}{two}")).kept().len(), 4);
    let dates =
        "2021 Taliban take Kabul\n\n2023 Border clashes begin\n\n2026 Talks resume in Doha\n";
    assert_eq!(clean(&format!("{story}{dates}")).kept().len(), 5);
}

#[test]
fn a_user_lexicon_extends_the_builtin_one() {
    let input = "Talks resume in Doha\n\nNegotiators returned to Doha on Monday for a new round of talks on a ceasefire.\n\nTeilen Sie diesen Beitrag\n";
    assert!(clean(input).kept().len() == 2);
    let mut lex = lexicon().clone();
    lex.extend_from_str("controls.tsv", "de\tTeilen Sie diesen Beitrag\tsocial\n")
        .unwrap();
    let article = text::split(input);
    let mut blocks = article.blocks;
    boilerplate::mark(&mut blocks, &lex);
    assert_eq!(blocks[1].removed, Some(RemovedKind::Social));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn splitting_and_filtering_are_total(input in "(\\PC|\n|\r| |©|×|İ){0,300}") {
        let c = clean(&input);
        for b in &c.blocks {
            proptest::prop_assert!(!b.text.is_empty());
            proptest::prop_assert_eq!(b.text.trim(), b.text.as_str());
        }
    }
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
