//! Language identification of blocks and bodies.
//!
//! [`identify`] names the language of one piece of text as an ISO 639-1 code, or `None` when the
//! text is too short or the guess too weak to trust. [`body_language`] names the language of the
//! kept text of a document. [`guess_blocks`] names the languages of all the blocks of a page at
//! about half the cost of one [`guess`] per block. All wrap `whatlang`, whose trigram model is
//! fast enough to run on every paragraph of a page, as long as tiny blocks are skipped and long
//! ones are sampled.
//!
//! ```
//! use sitrep_pipeline::clean::language::identify;
//! assert_eq!(identify("Die Regierung hat am Dienstag neue Maßnahmen beschlossen."), Some("de"));
//! assert_eq!(identify("OK"), None);
//! ```

use std::sync::OnceLock;

use super::Block;

/// Fewer letters than this and trigram statistics are noise: no guess is made.
pub const MIN_LETTERS: usize = 20;

/// Only this many bytes of a block are read: a paragraph's language shows in its first lines, and
/// capping the sample keeps the cost per page bounded however long the paragraphs are.
const BLOCK_SAMPLE: usize = 200;

/// Bytes read to confirm that a block is in its neighbours' language.
const CONFIRM_SAMPLE: usize = 120;

/// The body's language is read from about this many bytes of kept text.
const BODY_SAMPLE: usize = 3000;

/// Below this `whatlang` confidence a guess is dropped. Short texts in closely related languages
/// (Turkish and Azerbaijani, Spanish and Catalan), and lines made mostly of names ("By Aminu
/// Abubakar and Sarah Okafor" reads as Javanese), score low, and a wrong code is worse than none.
const MIN_CONFIDENCE: f64 = 0.3;

/// Languages that never carry a news article but that short Latin-script text often resembles.
const NEVER_NEWS: [whatlang::Lang; 2] = [whatlang::Lang::Epo, whatlang::Lang::Lat];

/// Latin-script languages left out of the short list of [`guess_blocks`]: not rare as
/// languages, but rare as the language of the paragraph next to a confidently told one. Leaving
/// them out makes the short list a quarter of the Latin profiles.
const RARE_LATIN: [whatlang::Lang; 27] = {
    use whatlang::Lang::*;
    [
        Jav, Aka, Sna, Zul, Tuk, Tgl, Cym, Afr, Uzb, Aze, Lit, Lav, Est, Slv, Hrv, Slk, Cat, Nob,
        Dan, Swe, Fin, Hun, Ces, Ron, Vie, Ind, Srp,
    ]
};

/// A short-list guess confirms the expected language at this confidence or above.
const CONFIRMED: f64 = 0.5;

/// The detector with every language a news article can be in.
fn detector() -> &'static whatlang::Detector {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| whatlang::Detector::with_denylist(NEVER_NEWS.to_vec()))
}

/// A language guess with `whatlang`'s confidence in it, between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    pub code: &'static str,
    pub confidence: f64,
}

/// The ISO 639-1 language of `text`, or `None` when it is too short or the guess is weak.
pub fn identify(text: &str) -> Option<&'static str> {
    guess(text).map(|g| g.code)
}

/// Like [`identify`], with the confidence of the guess.
pub fn guess(text: &str) -> Option<Guess> {
    let sample = prefix(text, BLOCK_SAMPLE);
    if letters(sample) < MIN_LETTERS {
        return None;
    }
    let info = detector().detect(sample)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(Guess {
        code: iso639_1(info.lang())?,
        confidence: info.confidence(),
    })
}

/// Guesses the languages of a document's blocks, in order, faster than [`guess`] on each.
///
/// `whatlang` pays per candidate language: Latin-script text is compared with some forty
/// profiles. Neighbouring paragraphs of a page are nearly always in one language, so each block
/// is first compared with a short list (the common news languages of the Latin script, and the
/// language of the last block told with confidence) and the guess is kept when it confirms that
/// language. Anything else (a foreign paragraph, a weak guess) is read again against every
/// language, so the codes of foreign blocks are as good as [`guess`] makes them.
///
/// The page's language is also a prior. `whatlang`'s confidence is low for short text in a
/// language with close relatives ("La medida permite a las Fuerzas Armadas apoyar a la policía
/// durante sesenta días." scores 0.02 as Spanish, Portuguese being near), so when no language
/// stands out and the short list's first choice is the neighbours' language, that is the guess.
pub fn guess_blocks<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<Option<Guess>> {
    let mut out: Vec<Option<Guess>> = Vec::new();
    // Blocks read before the page's language was known, for a second look once it is.
    let mut early: Vec<(usize, &str)> = Vec::new();
    let mut quick: Option<(whatlang::Lang, whatlang::Detector)> = None;
    for text in texts {
        let sample = prefix(text, BLOCK_SAMPLE);
        if letters(sample) < MIN_LETTERS {
            out.push(None);
            continue;
        }
        // Confirming the neighbours' language needs less text than telling a language from
        // scratch: a confident confirmation on a short sample stands, anything else is read
        // again below on the whole sample.
        let expected = quick.as_ref().and_then(|(lang, detector)| {
            let short = prefix(sample, CONFIRM_SAMPLE);
            let first = detector.detect(short);
            let confirmed = first
                .as_ref()
                .is_some_and(|info| info.lang() == *lang && info.confidence() >= CONFIRMED);
            let info = if confirmed || short.len() == sample.len() {
                first
            } else {
                detector.detect(sample)
            };
            info.filter(|info| info.lang() == *lang)
        });
        let info = match expected {
            Some(info) if info.confidence() >= CONFIRMED => Some(info),
            _ => detector()
                .detect(sample)
                .filter(|info| info.confidence() >= MIN_CONFIDENCE)
                .or(expected),
        };
        if let Some(info) = &info {
            let known = quick.as_ref().is_some_and(|(l, _)| *l == info.lang());
            if info.confidence() >= CONFIRMED && !known {
                quick = Some((info.lang(), quick_detector(info.lang())));
            }
        }
        let found = info.and_then(to_guess);
        if found.is_none() && quick.is_none() {
            early.push((out.len(), sample));
        }
        out.push(found);
    }
    if let Some((lang, detector)) = &quick {
        for (i, sample) in early {
            out[i] = detector
                .detect(sample)
                .filter(|info| info.lang() == *lang)
                .and_then(to_guess);
        }
    }
    out
}

fn to_guess(info: whatlang::Info) -> Option<Guess> {
    Some(Guess {
        code: iso639_1(info.lang())?,
        confidence: info.confidence(),
    })
}

/// A detector for the short list: every language but the rarer ones of the Latin script, with
/// `expected` among them whatever it is.
fn quick_detector(expected: whatlang::Lang) -> whatlang::Detector {
    let deny: Vec<whatlang::Lang> = RARE_LATIN
        .iter()
        .chain(&NEVER_NEWS)
        .copied()
        .filter(|&l| l != expected)
        .collect();
    whatlang::Detector::with_denylist(deny)
}

/// The language of the kept blocks: a vote over the blocks' own languages weighted by their
/// length, which a few short foreign lines cannot swing; failing that (no block long enough to
/// have a language), a guess on a sample of the kept text joined up.
pub fn body_language(blocks: &[Block]) -> Option<String> {
    let voted = vote(blocks.iter().filter(|b| b.is_kept()));
    if voted.is_some() {
        return voted;
    }
    let mut sample = String::new();
    for b in blocks.iter().filter(|b| b.is_kept()) {
        if sample.len() >= BODY_SAMPLE {
            break;
        }
        sample.push_str(&b.text);
        sample.push('\n');
    }
    identify(&sample).map(str::to_string)
}

/// The language holding the most letters among `blocks` that have one.
pub fn vote<'a>(blocks: impl Iterator<Item = &'a Block>) -> Option<String> {
    let mut tally: Vec<(&str, usize)> = Vec::new();
    for b in blocks {
        let Some(lang) = b.language.as_deref() else {
            continue;
        };
        let n = letters(prefix(&b.text, BODY_SAMPLE));
        match tally.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, count)) => *count += n,
            None => tally.push((lang, n)),
        }
    }
    // The first language to reach the maximum wins ties, so the result is deterministic.
    let best = tally.iter().map(|(_, n)| *n).max()?;
    tally
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(l, _)| l.to_string())
}

/// The number of alphabetic characters in `s`.
pub fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Maps `whatlang`'s ISO 639-3 languages to ISO 639-1. Every language it knows has a two-letter
/// code; Mandarin is reported as Chinese and Western Persian as Persian, which is what readers of
/// the output expect.
fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::BlockRole;

    #[test]
    fn short_text_has_no_language() {
        assert_eq!(identify("Share"), None);
        assert_eq!(identify("X"), None);
        assert_eq!(identify(""), None);
    }

    #[test]
    fn common_languages_are_told_apart() {
        let cases = [
            (
                "en",
                "The ministry said the talks would resume on Thursday in the capital.",
            ),
            (
                "fr",
                "Le ministère a indiqué que les négociations reprendraient jeudi dans la capitale.",
            ),
            (
                "ru",
                "Министерство заявило, что переговоры возобновятся в четверг в столице.",
            ),
            (
                "ar",
                "قالت الوزارة إن المحادثات ستستأنف يوم الخميس في العاصمة.",
            ),
            (
                "tr",
                "Bakanlık, görüşmelerin perşembe günü başkentte yeniden başlayacağını söyledi.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(identify(text), Some(want), "{text}");
        }
    }

    #[test]
    fn block_guesses_follow_the_page_and_still_catch_foreign_blocks() {
        let texts = [
            "The ministry said the talks would resume on Thursday in the capital.",
            "Share",
            "Officials from both sides are expected to attend the first session next week.",
            "Vi använder kakor för att ge dig en bättre upplevelse på vår webbplats.",
            "Bu sitede deneyiminizi iyileştirmek için çerezler kullanılmaktadır.",
        ];
        let codes: Vec<Option<&str>> = guess_blocks(texts.iter().copied())
            .into_iter()
            .map(|g| g.map(|g| g.code))
            .collect();
        assert_eq!(
            codes,
            [Some("en"), None, Some("en"), Some("sv"), Some("tr")]
        );
    }

    #[test]
    fn body_vote_is_weighted_by_length() {
        let mut a = Block::new("a long English paragraph ".repeat(8), BlockRole::Paragraph);
        a.language = Some("en".into());
        let mut b = Block::new("kurzer deutscher Absatz", BlockRole::Paragraph);
        b.language = Some("de".into());
        assert_eq!(body_language(&[b, a]).as_deref(), Some("en"));
    }
}
