//! Recognising date expressions in the tokens of one sentence. The principal type is [`Expr`]:
//! what an expression says, before it is resolved against the publication date.
//!
//! Patterns, tried at each token in this order (longest first within each):
//! relative phrases ("earlier this month"), "N days ago", weekdays with their day parts and
//! shifts ("overnight on Tuesday", "last Monday", "Monday's strike"), parts of months
//! ("late February", "mid-March"), day-month and month-day dates with an optional year
//! ("16 March 2026", "Feb. 26", "March 16, 2026"), month-year, numeric dates ("2026-03-16",
//! "16/03/2026"), and finally lone months and years, which need a context word before them
//! ("in February", "since 2014") so that numbers and verbs are not taken for dates.

use std::borrow::Cow;

use super::words::{DateWords, Relative, Shift};
use crate::analyze::sentences::{Token, TokenKind};

/// What a date expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A day, with its year when written.
    Day {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// Days `first..=last` of a month (`last` `None` = to the month's end), year when written.
    Month {
        year: Option<i32>,
        month: u32,
        first: u32,
        last: Option<u32>,
    },
    /// A whole year.
    Year(i32),
    /// Months `first..=last` of a year: "late 2025".
    Years {
        year: i32,
        first: u32,
        last: u32,
    },
    /// The ten years from this one: "the 1990s".
    Decade(i32),
    /// A month picked relative to publication: "last March", "next May".
    ShiftedMonth {
        month: u32,
        shift: Shift,
    },
    /// A range written with a dash, ends as (year, month, day): "March 10-12", "16–18 March",
    /// "Feb. 26–March 16".
    Span {
        a: (Option<i32>, u32, u32),
        b: (Option<i32>, u32, u32),
    },
    /// A weekday, 0 = Monday.
    Weekday {
        weekday: u32,
        shift: Shift,
    },
    Relative(Relative),
    /// The day this many days before publication.
    DaysAgo(i64),
    /// A date written so that it cannot be read unambiguously (05/03/2026 in English).
    Ambiguous,
}

impl Expr {
    /// Whether the expression names its year.
    pub(crate) fn has_year(&self) -> bool {
        matches!(
            self,
            Expr::Day { year: Some(_), .. }
                | Expr::Month { year: Some(_), .. }
                | Expr::Year(_)
                | Expr::Years { .. }
                | Expr::Decade(_)
                | Expr::Span {
                    b: (Some(_), _, _),
                    ..
                }
        )
    }
}

/// The tokens of one sentence with their lower-cased forms.
pub(crate) struct Words<'a> {
    text: &'a str,
    toks: &'a [Token],
    lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str, toks: &'a [Token]) -> Words<'a> {
        let lower = toks
            .iter()
            .map(|t| {
                let raw = t.text(text);
                let raw = match t.kind {
                    TokenKind::Abbreviation => raw.strip_suffix('.').unwrap_or(raw),
                    _ => raw,
                };
                // Most tokens are already lower case: borrow them rather than allocate.
                if raw.chars().any(|c| c.is_uppercase() || c == '\u{2019}') {
                    Cow::Owned(raw.to_lowercase().replace('\u{2019}', "'"))
                } else {
                    Cow::Borrowed(raw)
                }
            })
            .collect();
        Words { text, toks, lower }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lower-cased word `i` ("" past the end).
    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w.as_ref())
    }

    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` ends right where token `i + 1` starts.
    fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn phrase_at(&self, i: usize, phrase: &[String]) -> bool {
        !phrase.is_empty() && phrase.iter().enumerate().all(|(k, p)| self.w(i + k) == p)
    }

    /// The byte span of tokens `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.toks.get(start)?;
        let last = self.toks.get(end.checked_sub(1)?)?;
        Some((first.start, last.end))
    }
}

/// The expression starting at token `i` of `s` and the index after its last token.
pub(crate) fn single(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    relative(s, words, i)
        .or_else(|| ago(s, words, i))
        .or_else(|| weekday(s, words, i))
        .or_else(|| part_of_month(s, words, i))
        .or_else(|| part_of_year(s, words, i))
        .or_else(|| dash_span(s, words, i))
        .or_else(|| shifted_month(s, words, i))
        .or_else(|| day_month(s, words, i))
        .or_else(|| month_day(s, words, i))
        .or_else(|| numeric(s, words, i))
        .or_else(|| lone_month(s, words, i))
        .or_else(|| lone_year(s, words, i))
}

/// The length of the "since" phrase at `i`, if one starts there.
pub(crate) fn since_at(s: &Words, words: &DateWords, i: usize) -> Option<usize> {
    words
        .since
        .iter()
        .filter(|p| s.phrase_at(i, p))
        .map(Vec::len)
        .max()
}

/// The closing words of the range opener at `i` ("between" → "and"); empty when there is none.
pub(crate) fn range_closers<'w>(s: &Words, words: &'w DateWords, i: usize) -> Vec<&'w str> {
    let open = s.w(i);
    words
        .between
        .iter()
        .filter(|(o, _)| o == open)
        .map(|(_, c)| c.as_str())
        .collect()
}

/// `i`, or the index after it when token `i` is a filler word ("between *the* 5th").
pub(crate) fn skip_filler(s: &Words, words: &DateWords, i: usize) -> usize {
    if words.fillers.contains(s.w(i)) {
        i + 1
    } else {
        i
    }
}

/// Whether an expression may start at token `i`: a number or an opening word.
pub(crate) fn may_open(s: &Words, words: &DateWords, i: usize) -> bool {
    s.kind(i) == Some(TokenKind::Number)
        || words.may_open(s.w(i))
        || (s.capitalised(i) && compound_weekday(s, words, i, Shift::OnOrBefore).is_some())
}

/// A day written alone as the first end of a range whose second end names the month:
/// "between 10 and 12 March", "vom 10. bis 12. März". Returns the day and the index after it.
pub(crate) fn bare_day(s: &Words, words: &DateWords, i: usize) -> Option<(u32, usize)> {
    let day = day_at(s, words, i)?;
    let dot = s.w(i + 1) == "." && s.touches_next(i);
    Some((day, if dot { i + 2 } else { i + 1 }))
}

pub(crate) fn word_is(s: &Words, i: usize, w: &str) -> bool {
    s.w(i) == w
}

fn relative(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let (phrase, rel) = words.relative.iter().find(|(p, _)| s.phrase_at(i, p))?;
    Some((Expr::Relative(*rel), i + phrase.len()))
}

/// A count: digits or a number word.
fn count_at(s: &Words, words: &DateWords, i: usize) -> Option<i64> {
    let w = s.w(i);
    if s.kind(i) == Some(TokenKind::Number) {
        return w.parse().ok().filter(|n| (1..=999).contains(n));
    }
    words.numbers.get(w).copied()
}

fn ago(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let back = |n: i64, unit: &i64| Expr::DaysAgo(n * unit);
    if let (Some(n), Some(unit)) = (count_at(s, words, i), words.units.get(s.w(i + 1))) {
        if words.ago.contains(s.w(i + 2)) {
            return Some((back(n, unit), i + 3));
        }
    }
    if words.ago_before.contains(s.w(i)) {
        let n = count_at(s, words, i + 1)?;
        let unit = words.units.get(s.w(i + 2))?;
        return Some((back(n, unit), i + 3));
    }
    None
}

/// A month or weekday name at `i`. Abbreviated names count only when written with their period
/// ("Feb.", "Tue.") or when `loose` (a day number is right next to them: "Feb 26").
fn name_at(s: &Words, words: &DateWords, i: usize, months: bool, loose: bool) -> Option<u32> {
    let table = if months {
        &words.months
    } else {
        &words.weekdays
    };
    let name = table.get(s.w(i))?;
    if words.capitalized && !s.capitalised(i) {
        return None;
    }
    let ok = name.full || loose || s.kind(i) == Some(TokenKind::Abbreviation);
    ok.then_some(name.number)
}

/// A day of the month: "16", "16th".
fn day_at(s: &Words, words: &DateWords, i: usize) -> Option<u32> {
    if s.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let w = s.w(i);
    let digits = words
        .ordinal_suffix
        .iter()
        .find_map(|suf| w.strip_suffix(suf.as_str()))
        .unwrap_or(w);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year.
fn year_at(s: &Words, i: usize) -> Option<i32> {
    let w = s.w(i);
    if s.kind(i) != Some(TokenKind::Number)
        || w.len() != 4
        || !w.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    w.parse().ok().filter(|y| (1000..=2999).contains(y))
}

/// An optional year after a date: "2026" or ", 2026". Returns the year and the index after it.
fn trailing_year(s: &Words, j: usize) -> (Option<i32>, usize) {
    if let Some(y) = year_at(s, j) {
        return (Some(y), j + 1);
    }
    if s.w(j) == "," {
        if let Some(y) = year_at(s, j + 1) {
            return (Some(y), j + 2);
        }
    }
    (None, j)
}

/// Whether `day` can be a day of `month` in some year (or in `year` when known).
fn fits(year: Option<i32>, month: u32, day: u32) -> bool {
    let y = year.and_then(|y| u32::try_from(y).ok()).unwrap_or(2000);
    day >= 1 && day <= crate::datetime::days_in_month(y, month)
}

fn weekday(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let mut j = i;
    if words.day_parts.contains(s.w(j)) {
        j += 1;
        if words.on.contains(s.w(j)) {
            j += 1;
        }
    }
    let shift = match words.weekday_shift.get(s.w(j)) {
        Some(shift) => {
            j += 1;
            *shift
        }
        None if future_before(s, words, i) => Shift::OnOrAfter,
        None => Shift::OnOrBefore,
    };
    let number = match name_at(s, words, j, false, false) {
        Some(n) => n,
        None => return compound_weekday(s, words, j, shift),
    };
    j += 1;
    if words.day_parts_after.contains(s.w(j)) {
        j += 1;
    }
    // "Monday's strike": the possessive and the event it dates belong to the expression.
    if s.w(j) == "'s" {
        j += 1;
        let next_is_word = s.kind(j) == Some(TokenKind::Word)
            && s.raw(j).chars().next().is_some_and(char::is_lowercase)
            && !words.function_words.contains(s.w(j));
        if next_is_word {
            j += 1;
        }
    }
    let weekday = number.checked_sub(1)?;
    Some((Expr::Weekday { weekday, shift }, j))
}

/// How many tokens before a weekday a future marker ("will") may stand.
const FUTURE_WINDOW: usize = 6;

/// Whether a future marker stands shortly before token `i`: "talks will resume on Friday".
fn future_before(s: &Words, words: &DateWords, i: usize) -> bool {
    let from = i.saturating_sub(FUTURE_WINDOW);
    (from..i).any(|k| words.future.contains(s.w(k)))
}

/// A weekday written together with its day part, as German does: "Montagabend".
fn compound_weekday(s: &Words, words: &DateWords, j: usize, shift: Shift) -> Option<(Expr, usize)> {
    if words.capitalized && !s.capitalised(j) {
        return None;
    }
    let w = s.w(j);
    let number = words.day_parts_after.iter().find_map(|part| {
        let name = words.weekdays.get(w.strip_suffix(part.as_str())?)?;
        name.full.then_some(name.number)
    })?;
    let weekday = number.checked_sub(1)?;
    Some((Expr::Weekday { weekday, shift }, j + 1))
}

/// "early 2026", "late 2025": a part of a year.
fn part_of_year(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let (phrase, first, last) = words
        .year_parts
        .iter()
        .find(|(p, _, _)| s.phrase_at(i, p))?;
    let mut j = i + phrase.len();
    if matches!(s.w(j), "-" | "\u{2013}") && s.touches_next(j - 1) {
        j += 1; // mid-2025
    }
    let year = year_at(s, j)?;
    let (first, last) = (*first, *last);
    Some((Expr::Years { year, first, last }, j + 1))
}

fn part_of_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let (phrase, first, last) = words.parts.iter().find(|(p, _, _)| s.phrase_at(i, p))?;
    let mut j = i + phrase.len();
    if matches!(s.w(j), "-" | "\u{2013}") && s.touches_next(j - 1) {
        j += 1;
    }
    let month = name_at(s, words, j, true, false)?;
    let (year, end) = trailing_year(s, j + 1);
    let first = *first;
    fits(year, month, first).then_some((
        Expr::Month {
            year,
            month,
            first,
            last: *last,
        },
        end,
    ))
}

fn day_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let day = day_at(s, words, i)?;
    let mut j = i + 1;
    // German ordinals ("16. März") and "16th of March".
    if s.w(j) == "." && s.touches_next(i) {
        j += 1;
    }
    if s.w(j) == "of" {
        j += 1;
    }
    let month = name_at(s, words, j, true, true)?;
    let (year, end) = trailing_year(s, j + 1);
    fits(year, month, day).then_some((Expr::Day { year, month, day }, end))
}

fn month_day(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let month = name_at(s, words, i, true, true)?;
    if let Some(day) = day_at(s, words, i + 1) {
        let (year, end) = trailing_year(s, i + 2);
        return fits(year, month, day).then_some((Expr::Day { year, month, day }, end));
    }
    let year = year_at(s, i + 1)?;
    let whole = Expr::Month {
        year: Some(year),
        month,
        first: 1,
        last: None,
    };
    Some((whole, i + 2))
}

/// "2026-03-16" (five tokens), "16/03/2026", "16.03.2026", "2026/03/16" (one token).
fn numeric(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    if let Some(year) = year_at(s, i) {
        let dash = |k: usize| s.w(k) == "-" && s.touches_next(k - 1) && s.touches_next(k);
        let two = |k: usize| {
            let w = s.w(k);
            (w.len() == 2).then(|| w.parse::<u32>().ok()).flatten()
        };
        if dash(i + 1) && dash(i + 3) {
            let (month, day) = (two(i + 2)?, two(i + 4)?);
            let ok = (1..=12).contains(&month) && fits(Some(year), month, day);
            let year = Some(year);
            return ok.then_some((Expr::Day { year, month, day }, i + 5));
        }
        return None;
    }
    if s.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let w = s.w(i);
    let sep = if w.contains('/') { '/' } else { '.' };
    let parts: Vec<u32> = w.split(sep).filter_map(|p| p.parse().ok()).collect();
    let lens: Vec<usize> = w.split(sep).map(str::len).collect();
    let expr = match (parts.as_slice(), lens.as_slice()) {
        ([y, m, d], [4, 1..=2, 1..=2]) => day_expr(*y, *m, *d),
        ([a, b, y], [1..=2, 1..=2, 4]) => {
            let day_month = day_expr(*y, *b, *a);
            let month_day = day_expr(*y, *a, *b);
            match (day_month, month_day) {
                (Some(x), Some(y)) if x == y => Some(x),
                (Some(x), Some(_)) if sep == '.' || words.day_first => Some(x),
                (Some(_), Some(_)) => Some(Expr::Ambiguous),
                (x, y) => x.or(y),
            }
        }
        _ => None,
    }?;
    Some((expr, i + 1))
}

fn day_expr(year: u32, month: u32, day: u32) -> Option<Expr> {
    let year = i32::try_from(year).ok()?;
    ((1..=12).contains(&month) && fits(Some(year), month, day)).then_some(Expr::Day {
        year: Some(year),
        month,
        day,
    })
}

/// The word before token `i`, looking past one filler word ("since *the* ...").
fn context_before<'s>(s: &'s Words, words: &DateWords, i: usize) -> &'s str {
    let prev = i.checked_sub(1).map_or("", |p| s.w(p));
    if words.fillers.contains(prev) {
        i.checked_sub(2).map_or("", |p| s.w(p))
    } else {
        prev
    }
}

fn lone_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    if !words.month_context.contains(context_before(s, words, i)) {
        return None;
    }
    let month = name_at(s, words, i, true, false)?;
    let whole = Expr::Month {
        year: None,
        month,
        first: 1,
        last: None,
    };
    Some((whole, i + 1))
}

/// "1990s": the first year of a decade.
fn decade_at(s: &Words, i: usize) -> Option<i32> {
    let digits = s.w(i).strip_suffix('s')?;
    let ok = s.kind(i) == Some(TokenKind::Number)
        && digits.len() == 4
        && digits.ends_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

fn lone_year(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    if !words.year_context.contains(context_before(s, words, i)) {
        return None;
    }
    if let Some(decade) = decade_at(s, i) {
        return Some((Expr::Decade(decade), i + 1));
    }
    let year = year_at(s, i).filter(|y| (1800..=2100).contains(y))?;
    // "of 2000 troops": a lower-case word after the number shows it counts something.
    let next_counts = s.kind(i + 1) == Some(TokenKind::Word)
        && !s.capitalised(i + 1)
        && !words.function_words.is_empty()
        && !words.function_words.contains(s.w(i + 1));
    (!next_counts).then_some((Expr::Year(year), i + 1))
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "\u{2013}" | "\u{2014}")
}

/// "March 10-12", "16–18 March", "Feb. 26–March 16" and "16 February – 3 March", with an optional
/// year at the end that applies to both ends.
fn dash_span(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    // The first end: a day and month in either order, or a day alone before a dash.
    let (first, j) = match day_month(s, words, i).or_else(|| month_day_only(s, words, i)) {
        Some((
            Expr::Day {
                year: None,
                month,
                day,
            },
            j,
        )) => ((Some(month), day), j),
        Some(_) => return None,
        None => ((None, day_at(s, words, i)?), i + 1),
    };
    if !is_dash(s.w(j)) {
        return None;
    }
    let k = j + 1;
    // The second end: a full date, or a day alone (sharing the first end's month), or a day
    // before the month of both ends.
    let (a_month, b_month, b_day, year, end) =
        match day_month(s, words, k).or_else(|| month_day(s, words, k)) {
            Some((Expr::Day { year, month, day }, e)) => {
                (first.0.unwrap_or(month), month, day, year, e)
            }
            Some(_) => return None,
            None => {
                let day = day_at(s, words, k)?;
                let month = first.0?;
                let (year, e) = trailing_year(s, k + 1);
                (month, month, day, year, e)
            }
        };
    let a = (None, a_month, first.1);
    let b = (year, b_month, b_day);
    let valid = fits(None, a_month, first.1) && fits(year, b_month, b_day);
    valid.then_some((Expr::Span { a, b }, end))
}

/// A month followed by a day, without a year: the first end of "March 10-12".
fn month_day_only(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let month = name_at(s, words, i, true, true)?;
    let day = day_at(s, words, i + 1)?;
    fits(None, month, day).then_some((
        Expr::Day {
            year: None,
            month,
            day,
        },
        i + 2,
    ))
}

/// "last March", "next May", "this June".
fn shifted_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let shift = *words.weekday_shift.get(s.w(i))?;
    let month = name_at(s, words, i + 1, true, false)?;
    if year_at(s, i + 2).is_some() || day_at(s, words, i + 2).is_some() {
        return None; // "last March 16" is the date, found without the shift
    }
    Some((Expr::ShiftedMonth { month, shift }, i + 2))
}
