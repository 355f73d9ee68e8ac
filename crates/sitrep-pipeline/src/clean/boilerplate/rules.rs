//! Block-at-a-time rules: UI remnants, advertisement labels, newsletter prompts, copyright lines,
//! related links, captions, social prompts and bylines.
//!
//! `classify` looks at one block. A block that is nothing but a UI remnant ("Share", "×",
//! "Facebook Twitter WhatsApp") is found by whole-block lookup in the lexicon's controls. The
//! other kinds are found by cue phrases: each cue sits at the start, at the end, anywhere, or at
//! the start followed only by names, and carries a weight; a block goes when the cues of one kind
//! add up to 1 and the block is short enough for that kind. The size limits are what keep a news
//! paragraph that mentions a newsletter, or quotes a "©", in the article.

use sitrep_model::RemovedKind;

use super::lexicon::{Lexicon, Position, Target};
use super::Facts;
use crate::clean::{Block, BlockRole};

/// The longest block, in words, that each kind can be. Boilerplate is terse; news is not.
fn max_words(kind: RemovedKind) -> usize {
    match kind {
        RemovedKind::UiControl => 6,
        RemovedKind::Advertisement => 12,
        RemovedKind::Byline => 20,
        RemovedKind::Social => 25,
        RemovedKind::RelatedLinks => 30,
        RemovedKind::Caption => 45,
        RemovedKind::Newsletter => 45,
        RemovedKind::Copyright => 60,
        _ => 30,
    }
}

/// A row of controls has at most this many pieces.
const MAX_ROW: usize = 10;

/// A copyright line this short needs less than full cue weight.
const TERSE_COPYRIGHT_WORDS: usize = 8;

/// A copyright line gives its year within its first words.
const YEAR_WITHIN_WORDS: usize = 4;

/// Unlabelled headline-like blocks at the end of a document are links when there are this many.
const MIN_TRAILING_LINKS: usize = 3;

/// A related-links list runs on after its label for at most this many short items.
const MAX_LINK_ITEMS: usize = 12;

/// Marks kept blocks that one of the rules recognises.
pub(crate) fn mark(blocks: &mut [Block], facts: &[Facts], lexicon: &Lexicon) {
    let mut after_links_label = 0;
    for (b, f) in blocks.iter_mut().zip(facts) {
        if !b.is_kept() {
            continue;
        }
        if let Some(kind) = classify(&b.text, f, b.role, lexicon) {
            b.removed = Some(kind);
            after_links_label = match kind {
                RemovedKind::RelatedLinks if is_label(&f.norm) => MAX_LINK_ITEMS,
                _ => 0,
            };
            continue;
        }
        // The items under a "Related:" or "Read more:" label are headlines: short, no full stop.
        if after_links_label > 0 && looks_like_link(&b.text, f.words) {
            b.removed = Some(RemovedKind::RelatedLinks);
            after_links_label -= 1;
        } else {
            after_links_label = 0;
        }
    }
}

/// An article ends on a sentence. Three or more headline-like blocks after its last sentence,
/// with no label above them, are a list of links to other stories ("More stories" without its
/// heading). A line that opens with a number is left alone: lists of dates and figures close
/// explainers. Runs after the cookie pass, so that the toggles of a consent dialog at the end of
/// a page ("Performance Cookies", "Functional Cookies") are counted as the notice they belong to.
pub(crate) fn mark_trailing_links(blocks: &mut [Block], facts: &[Facts]) {
    let mut run = Vec::new();
    for (i, (b, f)) in blocks.iter().zip(facts).enumerate().rev() {
        if !b.is_kept() {
            continue;
        }
        let numbered = b.text.starts_with(|c: char| c.is_ascii_digit());
        if !looks_like_link(&b.text, f.words) || numbered {
            break;
        }
        run.push(i);
    }
    if run.len() >= MIN_TRAILING_LINKS && run.len() < blocks.iter().filter(|b| b.is_kept()).count()
    {
        for i in run {
            blocks[i].removed = Some(RemovedKind::RelatedLinks);
        }
    }
}

/// The kind of boilerplate `text` is, if one rule says so.
pub(crate) fn classify(
    text: &str,
    f: &Facts,
    role: BlockRole,
    lexicon: &Lexicon,
) -> Option<RemovedKind> {
    if f.norm.is_empty() {
        return None;
    }
    // A label ending in a colon ("Read more:") introduces what follows; it is not a button.
    let label = text.trim_end().ends_with(':');
    if !label && f.words <= max_words(RemovedKind::UiControl) {
        if let Some(kind) = lexicon.control(text) {
            return Some(kind);
        }
    }
    if f.words <= MAX_ROW {
        if let Some(kind) = control_row(&f.norm, lexicon) {
            return Some(kind);
        }
    }
    if let Some(kind) = by_phrases(text, f, lexicon) {
        return Some(kind);
    }
    // Markup that says "caption" is believed, as long as it is caption-sized.
    if role == BlockRole::Caption && f.words <= max_words(RemovedKind::Caption) {
        return Some(RemovedKind::Caption);
    }
    None
}

/// A row of controls on one line ("Share Tweet Email", "Facebook | X | WhatsApp"): every piece is
/// a control. Takes the kind of the first piece.
fn control_row(norm: &str, lexicon: &Lexicon) -> Option<RemovedKind> {
    let pieces: Vec<&str> = norm
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() < 2 || pieces.len() > MAX_ROW {
        return None;
    }
    let kinds: Option<Vec<RemovedKind>> = pieces.iter().map(|p| lexicon.control(p)).collect();
    kinds.and_then(|k| k.first().copied())
}

/// Sums the weights of the phrase cues found in a block, per kind, and returns the best kind
/// whose sum reaches 1 within its size limit.
fn by_phrases(text: &str, f: &Facts, lexicon: &Lexicon) -> Option<RemovedKind> {
    let norm = f.norm.as_str();
    // A start cue may follow an opening bracket or a bullet ("(Reporting by"), not a quotation
    // mark: a paragraph that opens by quoting "All rights reserved" is news.
    let body_start = norm.len() - norm.trim_start_matches(is_lead_in).len();
    let body_end = norm.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let mut sums: Vec<(RemovedKind, f32)> = Vec::new();
    for hit in lexicon.phrases.hits(norm) {
        let cue = &lexicon.phrases.cues[hit.cue];
        let Target::Phrase(kind, position) = cue.target else {
            continue;
        };
        let placed = match position {
            Position::Any => true,
            Position::Start => hit.start <= body_start,
            Position::End => hit.end >= body_end,
            Position::Names => hit.start <= body_start && names_follow(text, &norm[..hit.end]),
        };
        if !placed {
            continue;
        }
        match sums.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, w)) => *w += cue.weight,
            None => sums.push((kind, cue.weight)),
        }
    }
    // A year beside a copyright cue ("Copyright 2026 Reuters") completes it; a year later in
    // the block ("Copyright claims rose by a fifth in 2025") is news.
    if let Some((_, w)) = sums.iter_mut().find(|(k, _)| *k == RemovedKind::Copyright) {
        let head: String = norm
            .split(' ')
            .take(YEAR_WITHIN_WORDS)
            .collect::<Vec<_>>()
            .join(" ");
        if has_year(&head) {
            *w += 0.5;
        }
        // And so does terseness: "Reuters. All rights reserved." is a footer, while a news
        // paragraph that quotes the phrase goes on for a sentence.
        if f.words <= TERSE_COPYRIGHT_WORDS {
            *w += 0.4;
        }
    }
    sums.into_iter()
        .filter(|&(k, w)| w >= 1.0 && f.words <= max_words(k))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

/// After the cue (`cue_norm` is the normalised text up to its end), `text` holds only a name
/// list: "By Jane Doe and John Roe", "Par Jean Dupont, à Paris". Names are capitalised; a
/// sentence that happens to begin with "By" is not.
fn names_follow(text: &str, cue_norm: &str) -> bool {
    let cue_words = cue_norm.split(' ').filter(|w| !w.is_empty()).count();
    let rest: Vec<&str> = text.split_whitespace().skip(cue_words).collect();
    if rest.is_empty() || rest.len() > 10 {
        return false;
    }
    let capitalised = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    if !capitalised(rest[0]) {
        return false;
    }
    let joiners = [
        "and", "und", "et", "y", "e", "i", "&", "|", "-", "–", "—", "in", "à", "en",
    ];
    let namey = rest
        .iter()
        .filter(|w| capitalised(w) || joiners.contains(w))
        .count();
    // A sentence ends in a full stop after a long word; initials ("J.") and "Jr." are names.
    let sentence = rest
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 3);
    namey * 10 >= rest.len() * 8 && !sentence
}

/// Punctuation that may come before a block's first word without making it a different start.
fn is_lead_in(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '-' | '–' | '—' | '•' | '·' | '|' | '*' | '»' | '>' | ' '
    )
}

/// A label that introduces a list: ends in a colon or is a couple of words ("Related").
fn is_label(norm: &str) -> bool {
    norm.trim_end().ends_with(':') || norm.split(' ').count() <= 3
}

/// A related link: a headline, short and without a closing full stop.
fn looks_like_link(text: &str, words: usize) -> bool {
    // A sentence may close inside a quotation: `... he said: "We will stay."` ends a sentence.
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '」', '』', ')', ']', ' ']);
    let sentence_end = [
        '.', ':', ';', ',', '。', '．', '！', '；', '：', '，', '।', '۔', '…',
    ];
    (2..=20).contains(&words) && !t.ends_with(sentence_end)
}

/// A four-digit year from 1900 to 2099 as a word of its own.
fn has_year(norm: &str) -> bool {
    norm.split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::boilerplate::{lexicon::normalize, word_count};

    fn kind(text: &str) -> Option<RemovedKind> {
        let norm = normalize(text);
        let f = Facts {
            words: word_count(&norm),
            norm,
            confidence: 0.0,
        };
        classify(text, &f, BlockRole::Paragraph, &Lexicon::default())
    }

    #[test]
    fn sentences_in_any_script_are_not_links() {
        assert!(looks_like_link(
            "Ceasefire talks stall as both sides trade blame",
            7
        ));
        assert!(!looks_like_link("He said: \"We will stay.\"", 5));
        assert!(!looks_like_link(
            "外交部发言人周二表示，双方将继续会谈。",
            10
        ));
        assert!(!looks_like_link("सरकार ने मंगलवार को बातचीत फिर शुरू की।", 8));
    }

    #[test]
    fn controls_and_rows_of_them() {
        assert_eq!(kind("X"), Some(RemovedKind::UiControl));
        assert_eq!(kind("Read more »"), Some(RemovedKind::UiControl));
        assert_eq!(kind("Advertisement"), Some(RemovedKind::Advertisement));
        assert_eq!(
            kind("Facebook | Twitter | WhatsApp"),
            Some(RemovedKind::Social)
        );
        assert_eq!(kind("Share Tweet Email"), Some(RemovedKind::UiControl));
    }

    #[test]
    fn phrases_need_their_place_and_size() {
        assert_eq!(
            kind("© 2026 Reuters. All rights reserved."),
            Some(RemovedKind::Copyright)
        );
        assert_eq!(kind("Copyright 2026 Reuters"), Some(RemovedKind::Copyright));
        assert_eq!(
            kind("Copyright claims against the site rose by a fifth in 2025."),
            None
        );
        assert_eq!(
            kind("People queue for bread in Gaza City, May 3, 2026. REUTERS/Mahmoud Issa"),
            Some(RemovedKind::Caption)
        );
        assert_eq!(kind("Share prices fell 3% on Monday."), None);
        assert_eq!(
            kind("Reuters. All rights reserved."),
            Some(RemovedKind::Copyright)
        );
        assert_eq!(
            kind("\"All rights reserved\" was printed on the leaflets dropped over the city."),
            None
        );
        assert_eq!(
            kind("Subscribers to the rebels' newsletter were told to avoid the road."),
            None
        );
        assert_eq!(kind("By Monday, the death toll had risen to 40."), None);
        assert_eq!(
            kind("Sign up for our newsletter"),
            Some(RemovedKind::Newsletter)
        );
        assert_eq!(
            kind("Read more: Pakistan strikes Kabul"),
            Some(RemovedKind::RelatedLinks)
        );
        assert_eq!(kind("By Jane Doe and John Roe"), Some(RemovedKind::Byline));
        assert_eq!(
            kind("By Tuesday, troops had withdrawn from the city."),
            None
        );
        assert_eq!(
            kind("(Reporting by Jane Doe in Kabul; Editing by John Roe)"),
            Some(RemovedKind::Byline)
        );
        assert_eq!(
            kind("The rebels said in their newsletter that 12 fighters had died."),
            None
        );
        assert_eq!(
            kind("\"This is © Hamas propaganda,\" the spokesman said, adding that the video had been edited."),
            None
        );
    }
}
