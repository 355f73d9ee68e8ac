//! Recognising date expressions in the tokens of one sentence. The principal type is [`Expr`]:
//! what an expression says, before it is resolved against the publication date.
//!
//! ```text
//! "between Feb. 26 and March 16" → Day { year: None, month: 2, day: 26 }, Day { .., month: 3, day: 16 }
//! "late February"                → Month { year: None, month: 2, first: 21, last: None }
//! ```
//!
//! [`single`] tries these patterns at a token, in order: relative phrases ("earlier this
//! month"), "N days ago", weekdays with their day parts, shifts and possessives ("overnight on
//! Tuesday", "last Monday", "Monday's strike"), parts of months and years ("late February",
//! "mid-2026"), dash ranges ("March 10-12"), shifted months ("last March"), day-month and
//! month-day dates with an optional year ("16 March 2026", "Feb. 26", "March 16, 2026"),
//! month-year, numeric dates ("2026-03-16", "16/03/2026"), and last lone months, years and
//! decades, which need a context word before them ("in February", "since 2014") so that
//! numbers and verbs are not taken for dates. The relative patterns live in `relative.rs`.

use super::relative::{
    ago, compound_weekday, part_of_month, part_of_year, relative, shifted_month, weekday,
};
pub(crate) use super::view::Words;
use super::words::{DateWords, Relative, Shift};
use crate::analyze::sentences::TokenKind;

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
    /// The years `first..=last`: "2019-2021", "2019–21".
    YearSpan {
        first: i32,
        last: i32,
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
                | Expr::YearSpan { .. }
                | Expr::Span {
                    b: (Some(_), _, _),
                    ..
                }
        )
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

/// A month or weekday name at `i`. Abbreviated names count only when written with their period
/// ("Feb.", "Tue.") or when `loose` (a day number is right next to them: "Feb 26").
pub(crate) fn name_at(
    s: &Words,
    words: &DateWords,
    i: usize,
    months: bool,
    loose: bool,
) -> Option<u32> {
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
pub(crate) fn day_at(s: &Words, words: &DateWords, i: usize) -> Option<u32> {
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
pub(crate) fn year_at(s: &Words, i: usize) -> Option<i32> {
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
pub(crate) fn trailing_year(s: &Words, j: usize) -> (Option<i32>, usize) {
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
pub(crate) fn fits(year: Option<i32>, month: u32, day: u32) -> bool {
    let y = year.and_then(|y| u32::try_from(y).ok()).unwrap_or(2000);
    day >= 1 && day <= crate::datetime::days_in_month(y, month)
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
    // "March 2025", "March of 2025"
    let of = usize::from(s.w(i + 1) == "of");
    let year = year_at(s, i + 1 + of)?;
    let whole = Expr::Month {
        year: Some(year),
        month,
        first: 1,
        last: None,
    };
    Some((whole, i + 2 + of))
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
    let (expr, end) = match year_span_end(s, i, year) {
        Some(last) => (Expr::YearSpan { first: year, last }, i + 3),
        None => (Expr::Year(year), i + 1),
    };
    // "of 2000 troops": a lower-case word after the number shows it counts something.
    let next_counts = s.kind(end) == Some(TokenKind::Word)
        && !s.capitalised(end)
        && !words.function_words.is_empty()
        && !words.function_words.contains(s.w(end));
    (!next_counts).then_some((expr, end))
}

/// The last year of "2019-2021" or "2019–21" when year `first` at `i` opens such a span.
fn year_span_end(s: &Words, i: usize, first: i32) -> Option<i32> {
    if !is_dash(s.w(i + 1)) || !s.touches_next(i) || !s.touches_next(i + 1) {
        return None;
    }
    let last = match year_at(s, i + 2) {
        Some(y) => y,
        None => {
            let w = s.w(i + 2);
            let two: i32 = (w.len() == 2).then(|| w.parse().ok()).flatten()?;
            first - first % 100 + two
        }
    };
    (last > first && last - first < 100).then_some(last)
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
