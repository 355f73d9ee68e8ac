//! The date finder's vocabulary: [`DateWords`], read from `data/<language>/dates.txt` (the format
//! is described at the top of `data/en/dates.txt`).
//!
//! ```
//! use sitrep_pipeline::analyze::dates::DateWords;
//! let mut words = DateWords::for_language(Some("en"));
//! words.extend_from_str("[relative]\nthe other day = day:-2\n").unwrap();
//! ```
//!
//! Month names, relative phrases and the other word lists are data: a second language is a new
//! file, and users extend the embedded lists at run time without recompiling.

use std::collections::{HashMap, HashSet};

use crate::analyze::sentences::lexicon::{embedded_for, for_each_entry};
use crate::analyze::sentences::LexiconError;

/// The embedded defaults, by ISO 639-1 code. English is the fallback for any other language.
const DEFAULTS: &[(&str, &str)] = &[
    ("en", include_str!("../../../data/en/dates.txt")),
    ("de", include_str!("../../../data/de/dates.txt")),
];

/// What a relative phrase ("last week") means, counted from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// The day `n` days away.
    Day(i64),
    /// The Monday–Sunday week `n` weeks away.
    Week(i64),
    /// The calendar month `n` months away.
    Month(i32),
    /// The calendar year `n` years away.
    Year(i32),
    /// From the Monday of the current week to the day before publication.
    WeekToDate,
    /// From the 1st of the current month to the day before publication.
    MonthToDate,
    /// From January 1st to the day before publication.
    YearToDate,
    /// From the day after publication to the end of its week, month or year: "later this month".
    WeekRest,
    MonthRest,
    YearRest,
    /// The `n` days up to and including publication: "the past week" is 7.
    PastDays(i64),
    /// The Saturday and Sunday of the Monday–Sunday week `n` weeks away.
    Weekend(i64),
    /// The most recent weekend, this one if publication falls on it: "over the weekend".
    RecentWeekend,
}

/// Which occurrence of a weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// The most recent on or before publication: plain "Monday" in past-tense news.
    OnOrBefore,
    /// The first on or after publication: "Monday" after "will" ("talks will resume Monday").
    OnOrAfter,
    /// The most recent strictly before publication: "last Monday".
    Last,
    /// The first strictly after publication: "next Monday".
    Next,
    /// The one in the publication's Monday–Sunday week: "this Friday".
    This,
}

/// A name (of a month or weekday) and whether it is written out in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub number: u32,
    pub full: bool,
}

/// The date words of one language. Words are stored lower-cased; phrases as lower-cased words.
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    pub(crate) capitalized: bool,
    pub(crate) day_first: bool,
    pub(crate) months: HashMap<String, Name>,
    pub(crate) weekdays: HashMap<String, Name>,
    pub(crate) relative: Vec<(Vec<String>, Relative)>,
    pub(crate) parts: Vec<(Vec<String>, u32, Option<u32>)>,
    pub(crate) day_parts: HashSet<String>,
    pub(crate) day_parts_after: HashSet<String>,
    pub(crate) weekday_shift: HashMap<String, Shift>,
    pub(crate) on: HashSet<String>,
    pub(crate) since: Vec<Vec<String>>,
    pub(crate) between: Vec<(String, String)>,
    pub(crate) year_context: HashSet<String>,
    pub(crate) month_context: HashSet<String>,
    pub(crate) ordinal_suffix: Vec<String>,
    pub(crate) numbers: HashMap<String, i64>,
    pub(crate) units: HashMap<String, i64>,
    pub(crate) ago: HashSet<String>,
    pub(crate) ago_before: HashSet<String>,
    pub(crate) function_words: HashSet<String>,
    pub(crate) fillers: HashSet<String>,
    pub(crate) future: HashSet<String>,
    pub(crate) past: HashSet<String>,
    pub(crate) year_parts: Vec<(Vec<String>, u32, u32)>,
    /// Every word that can open an expression, so that the finder skips other tokens at the
    /// cost of one lookup. Rebuilt after each extension.
    openers: HashSet<String>,
}

impl DateWords {
    /// The embedded words of `language` (ISO 639-1), English when there are none for it.
    pub fn for_language(language: Option<&str>) -> DateWords {
        let data = embedded_for(DEFAULTS, language);
        let mut w = DateWords::default();
        // The embedded files are tested to parse; ignoring the impossible error keeps this
        // constructor infallible.
        let _ = w.extend_from_str(data);
        w
    }

    /// Adds the entries of a file in the `data/en/dates.txt` format.
    pub fn extend_from_str(&mut self, data: &str) -> Result<(), LexiconError> {
        let result = for_each_entry(data, |section, _, line| {
            self.add(section, &line.to_lowercase())
        });
        self.openers = self.collect_openers();
        result
    }

    /// Whether an expression may start with the lower-cased word `w` (numbers aside).
    pub(crate) fn may_open(&self, w: &str) -> bool {
        self.openers.contains(w)
    }

    fn collect_openers(&self) -> HashSet<String> {
        let firsts = self
            .relative
            .iter()
            .map(|r| &r.0)
            .chain(self.parts.iter().map(|p| &p.0))
            .chain(self.year_parts.iter().map(|p| &p.0))
            .chain(self.since.iter())
            .filter_map(|p| p.first());
        firsts
            .chain(self.months.keys())
            .chain(self.weekdays.keys())
            .chain(self.day_parts.iter())
            .chain(self.weekday_shift.keys())
            .chain(self.between.iter().map(|b| &b.0))
            .chain(self.numbers.keys())
            .chain(self.ago_before.iter())
            .cloned()
            .collect()
    }

    fn add(&mut self, section: &str, line: &str) -> Result<(), String> {
        let words = || {
            line.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        match section {
            "options" => match line {
                "capitalized" => self.capitalized = true,
                "day_first" => self.day_first = true,
                other => return Err(format!("unknown option {other:?}")),
            },
            "months" | "weekdays" => {
                let mut it = line.split_whitespace();
                let max = if section == "months" { 12 } else { 7 };
                let number = it
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| format!("expected a number 1-{max} first"))?;
                let map = if section == "months" {
                    &mut self.months
                } else {
                    &mut self.weekdays
                };
                for (k, name) in it.enumerate() {
                    let full = k == 0;
                    map.insert(name.to_string(), Name { number, full });
                }
            }
            "relative" => {
                let (phrase, meaning) = split_eq(line)?;
                self.relative.push((phrase, parse_relative(meaning)?));
                // Longer phrases first, so that "earlier this month" wins over "this month".
                self.relative.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
            }
            "parts" => {
                let (phrase, range) = split_eq(line)?;
                let mut it = range.split_whitespace();
                let first = it.next().and_then(|n| n.parse().ok());
                let last = match it.next() {
                    Some("end") => Some(None),
                    Some(n) => n.parse().ok().map(Some),
                    None => None,
                };
                let (Some(first), Some(last)) = (first, last) else {
                    return Err("expected `words = first last`".to_string());
                };
                self.parts.push((phrase, first, last));
                self.parts.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
            }
            "weekday_shift" => {
                let (word, shift) = split_eq(line)?;
                let shift = match shift {
                    "last" => Shift::Last,
                    "next" => Shift::Next,
                    "this" => Shift::This,
                    other => return Err(format!("unknown shift {other:?}")),
                };
                self.weekday_shift.insert(word.join(" "), shift);
            }
            "between" => match words().as_slice() {
                [open, close] => self.between.push((open.clone(), close.clone())),
                _ => return Err("expected two words: `between and`".to_string()),
            },
            "numbers" | "units" => {
                let w = words();
                let (Some(word), Some(n)) = (w.first(), w.get(1).and_then(|n| n.parse().ok()))
                else {
                    return Err("expected `word number`".to_string());
                };
                let map = if section == "numbers" {
                    &mut self.numbers
                } else {
                    &mut self.units
                };
                map.insert(word.clone(), n);
            }
            "since" => self.since.push(words()),
            "day_parts" => {
                self.day_parts.insert(line.to_string());
            }
            "day_parts_after" => {
                self.day_parts_after.insert(line.to_string());
            }
            "on" => {
                self.on.insert(line.to_string());
            }
            "year_context" => {
                self.year_context.insert(line.to_string());
            }
            "month_context" => {
                self.month_context.insert(line.to_string());
            }
            "ordinal_suffix" => self.ordinal_suffix.push(line.to_string()),
            "ago" => {
                self.ago.insert(line.to_string());
            }
            "past" => {
                self.past.insert(line.to_string());
            }
            "future" => {
                self.future.insert(line.to_string());
            }
            "year_parts" => {
                let (phrase, range) = split_eq(line)?;
                let months: Vec<u32> = range
                    .split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .filter(|m| (1..=12).contains(m))
                    .collect();
                let [first, last] = months[..] else {
                    return Err("expected `words = first_month last_month`".to_string());
                };
                self.year_parts.push((phrase, first, last));
            }
            "fillers" => {
                self.fillers.insert(line.to_string());
            }
            "function_words" => {
                self.function_words.insert(line.to_string());
            }
            "ago_before" => {
                self.ago_before.insert(line.to_string());
            }
            other => return Err(format!("unknown section [{other}]")),
        }
        Ok(())
    }
}

/// `words = value` into the words and the value.
fn split_eq(line: &str) -> Result<(Vec<String>, &str), String> {
    let (left, right) = line
        .split_once('=')
        .ok_or_else(|| "expected `words = value`".to_string())?;
    let phrase: Vec<String> = left.split_whitespace().map(str::to_string).collect();
    if phrase.is_empty() {
        return Err("empty phrase".to_string());
    }
    Ok((phrase, right.trim()))
}

fn parse_relative(meaning: &str) -> Result<Relative, String> {
    let bad = || format!("unknown meaning {meaning:?}");
    let (kind, n) = match meaning.split_once(':') {
        Some((k, n)) => (k, Some(n.trim().parse::<i32>().map_err(|_| bad())?)),
        None => (meaning, None),
    };
    Ok(match (kind, n) {
        ("day", Some(n)) => Relative::Day(i64::from(n)),
        ("week", Some(n)) => Relative::Week(i64::from(n)),
        ("month", Some(n)) => Relative::Month(n),
        ("year", Some(n)) => Relative::Year(n),
        ("week_to_date", None) => Relative::WeekToDate,
        ("month_to_date", None) => Relative::MonthToDate,
        ("year_to_date", None) => Relative::YearToDate,
        ("week_rest", None) => Relative::WeekRest,
        ("month_rest", None) => Relative::MonthRest,
        ("year_rest", None) => Relative::YearRest,
        ("past_days", Some(n)) => Relative::PastDays(i64::from(n)),
        ("weekend", Some(n)) => Relative::Weekend(i64::from(n)),
        ("recent_weekend", None) => Relative::RecentWeekend,
        _ => return Err(bad()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_words() {
        for code in crate::analyze::sentences::lexicon::LANGUAGES {
            assert!(DEFAULTS.iter().any(|(c, _)| c == code), "{code}");
        }
    }

    #[test]
    fn embedded_words_parse() {
        for (code, data) in DEFAULTS {
            let mut w = DateWords::default();
            assert_eq!(w.extend_from_str(data), Ok(()), "{code}");
            assert!(w.months.len() >= 12, "{code}");
        }
        let en = DateWords::for_language(None);
        assert_eq!(
            en.months.get("feb").map(|m| (m.number, m.full)),
            Some((2, false))
        );
        assert_eq!(en.relative.first().map(|r| r.0.len()), Some(4));
    }

    #[test]
    fn bad_entries_are_reported() {
        let mut w = DateWords::default();
        assert!(w.extend_from_str("[months]\n13 smarch\n").is_err());
        assert!(w.extend_from_str("[relative]\nsoon = later\n").is_err());
        assert_eq!(
            w.extend_from_str("[relative]\nthe other day = day:-2\n"),
            Ok(())
        );
    }
}
