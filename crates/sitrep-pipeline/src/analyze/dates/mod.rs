//! Date expressions, resolved against the publication date. The principal type is
//! [`DateFinder`]; [`find`] runs the shared one with the embedded words of a language.
//!
//! ```
//! use sitrep_pipeline::analyze::{dates, sentences};
//! let text = "Clashes between Feb. 26 and March 16 killed 76 civilians, and a strike hit Kabul late Monday.";
//! let doc = sentences::split(text, Some("en"));
//! let found = dates::find(text, &doc, Some("2026-03-17"), Some("en"));
//! let got: Vec<(&str, Option<&str>)> =
//!     found.iter().map(|d| (d.text.as_str(), d.date.as_deref())).collect();
//! assert_eq!(got, [
//!     ("between Feb. 26 and March 16", None), // a range: 2026-02-26..2026-03-16
//!     ("Feb. 26", Some("2026-02-26")),
//!     ("March 16", Some("2026-03-16")),
//!     ("late Monday", Some("2026-03-16")),
//! ]);
//! assert_eq!(found[0].range.as_ref().map(|r| r.end.as_str()), Some("2026-03-16"));
//! ```
//!
//! Offsets are bytes into the text, like every offset inside the analysis stage. Expressions
//! never cross a sentence. Relative expressions ("yesterday", "Monday", "last week") need the
//! publication date and resolve to nothing without it; absolute dates that name their year
//! resolve either way. A day without a year takes the publication year, or the year before when
//! that would put it more than a month after publication; a month without a year is the
//! publication year's unless that month has not begun yet.
//!
//! Mentions come in text order. A "between X and Y" or "from X to Y" range is followed by its
//! two ends as mentions of their own, so those overlap it. A possessive weekday takes the word it
//! dates ("Monday's strike"). To use extended words, build a finder once and keep it:
//!
//! ```
//! use sitrep_pipeline::analyze::{dates::{DateFinder, DateWords}, sentences};
//! let mut words = DateWords::for_language(Some("en"));
//! words.extend_from_str("[relative]\nthe other day = day:-2\n").unwrap();
//! let finder = DateFinder::new(words);
//! let text = "It happened the other day.";
//! let found = finder.find(text, &sentences::split(text, None), Some("2026-03-17"));
//! assert_eq!(found[0].date.as_deref(), Some("2026-03-15"));
//! ```

mod grammar;
mod relative;
mod resolve;
mod view;
pub mod words;

use std::sync::OnceLock;

use sitrep_model::{DateMention, DateRange};

pub use words::{DateWords, Relative, Shift};

use super::calendar::Day;
use super::sentences::lexicon::LANGUAGES;
use super::sentences::Sentences;
use grammar::{Expr, Words};
use resolve::{resolve, Value};

/// Finds the date expressions of `text` written in `language` (ISO 639-1; English when there are
/// no date words for it), published on `published` (`YYYY-MM-DD`).
pub fn find(
    text: &str,
    doc: &Sentences,
    published: Option<&str>,
    language: Option<&str>,
) -> Vec<DateMention> {
    DateFinder::for_language(language).find(text, doc, published)
}

/// A date finder with its words. Build one with [`DateFinder::new`] to use extended words;
/// [`find`] uses the embedded ones.
#[derive(Debug, Clone, Default)]
pub struct DateFinder {
    words: DateWords,
}

/// One expression found: its token span in the sentence and its value.
struct Found {
    start: usize,
    end: usize,
    value: Value,
}

impl DateFinder {
    pub fn new(words: DateWords) -> DateFinder {
        DateFinder { words }
    }

    /// The shared finder with the embedded words of `language` (English for a language without
    /// words), built on first use for every embedded language at once.
    pub fn for_language(language: Option<&str>) -> &'static DateFinder {
        static SHARED: OnceLock<(DateFinder, Vec<(&'static str, DateFinder)>)> = OnceLock::new();
        let (english, others) = SHARED.get_or_init(|| {
            let english = DateFinder::new(DateWords::for_language(Some("en")));
            let others = LANGUAGES
                .iter()
                .filter(|code| **code != "en")
                .map(|code| (*code, DateFinder::new(DateWords::for_language(Some(code)))))
                .collect();
            (english, others)
        });
        language
            .and_then(|l| others.iter().find(|(code, _)| l.eq_ignore_ascii_case(code)))
            .map_or(english, |(_, finder)| finder)
    }

    /// Finds the date expressions of `text`, whose sentences and tokens are `doc`.
    pub fn find(&self, text: &str, doc: &Sentences, published: Option<&str>) -> Vec<DateMention> {
        let published = published.and_then(Day::parse);
        let mut out = Vec::new();
        for i in 0..doc.sentences.len() {
            let s = Words::new(text, doc.tokens_of(i));
            for f in self.in_sentence(&s, published) {
                if let Some(m) = mention(text, &s, &f) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The expressions of one sentence, left to right; a range is followed by its two ends.
    fn in_sentence(&self, s: &Words, published: Option<Day>) -> Vec<Found> {
        let w = &self.words;
        let mut found = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if !grammar::may_open(s, w, i) {
                i += 1;
                continue;
            }
            if let Some(mut range) = self.range_at(s, i, published) {
                i = range.first().map_or(i + 1, |r| r.end.max(i + 1));
                found.append(&mut range);
                continue;
            }
            if let Some(len) = grammar::since_at(s, w, i) {
                if let Some((expr, end)) =
                    grammar::single(s, w, grammar::skip_filler(s, w, i + len))
                {
                    let start = resolve(expr, published, published).first();
                    let value = Value::range(start, published);
                    found.push(Found {
                        start: i,
                        end,
                        value,
                    });
                    i = end;
                    continue;
                }
            }
            match grammar::single(s, w, i) {
                Some((expr, end)) => {
                    let value = resolve(expr, published, published);
                    found.push(Found {
                        start: i,
                        end,
                        value,
                    });
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        found
    }

    /// "between Feb. 26 and March 16" at `i`: the range, then each end.
    fn range_at(&self, s: &Words, i: usize, published: Option<Day>) -> Option<Vec<Found>> {
        let w = &self.words;
        let closers = grammar::range_closers(s, w, i);
        if closers.is_empty() {
            return None;
        }
        let a_start = grammar::skip_filler(s, w, i + 1);
        let closes = |j: usize| closers.iter().any(|c| grammar::word_is(s, j, c));
        let (a, a_end, b, b_start, b_end) = match grammar::single(s, w, a_start) {
            Some((a, a_end)) if closes(a_end) => {
                let b_start = grammar::skip_filler(s, w, a_end + 1);
                let (b, b_end) = grammar::single(s, w, b_start)?;
                (a, a_end, b, b_start, b_end)
            }
            _ => {
                // "between 10 and 12 March": the first end borrows the second's month and year.
                let (day, a_end) = grammar::bare_day(s, w, a_start)?;
                if !closes(a_end) {
                    return None;
                }
                let b_start = grammar::skip_filler(s, w, a_end + 1);
                let (b, b_end) = grammar::single(s, w, b_start)?;
                let Expr::Day { year, month, .. } = b else {
                    return None;
                };
                (Expr::Day { year, month, day }, a_end, b, b_start, b_end)
            }
        };
        let b_value = resolve(b, published, published);
        // "between December 28 and January 3, 2026": the first end takes its year from the second.
        let a_anchor = match (a.has_year(), b.has_year()) {
            (false, true) => b_value.last(),
            _ => published,
        };
        let mut a_value = resolve(a, published, a_anchor);
        if let (Expr::Day { year: None, .. }, Some(x), Some(y)) =
            (a, a_value.first(), b_value.first())
        {
            // The start of a range comes before its end: step a year back if needed.
            if x > y {
                a_value = Day::new(x.year - 1, x.month, x.day).map_or(Value::Unknown, Value::Day);
            }
        }
        if let (Expr::Weekday { .. }, Some(x), Some(y)) = (a, a_value.first(), b_value.last()) {
            // "between Monday and Wednesday" published on a Tuesday: last week's Monday.
            if x > y {
                a_value = Value::day(x.add_days(-7));
            }
        }
        let whole = Value::range(a_value.first(), b_value.last());
        Some(vec![
            Found {
                start: i,
                end: b_end,
                value: whole,
            },
            Found {
                start: a_start,
                end: a_end,
                value: a_value,
            },
            Found {
                start: b_start,
                end: b_end,
                value: b_value,
            },
        ])
    }
}

/// The output form of an expression found in sentence `s`.
fn mention(text: &str, s: &Words, f: &Found) -> Option<DateMention> {
    let (start, end) = s.span(f.start, f.end)?;
    let (date, range) = match f.value {
        Value::Day(d) => (Some(d.to_string()), None),
        Value::Range(a, b) => (
            None,
            Some(DateRange {
                start: a.to_string(),
                end: b.to_string(),
            }),
        ),
        Value::Unknown => (None, None),
    };
    Some(DateMention {
        text: text.get(start..end)?.to_string(),
        start,
        end,
        date,
        range,
    })
}
