//! The relative half of the date grammar: phrases ("last week"), "N days ago", weekdays with
//! their day parts, shifts and possessives ("late Monday", "last Tuesday", "Monday's strike"),
//! parts of months and years ("late February", "mid-2026") and shifted months ("last March").
//! The principal function is [`weekday`].
//!
//! ```text
//! "overnight on Tuesday" → Expr::Weekday { weekday: 1, shift: OnOrBefore }
//! ```

use super::grammar::{day_at, fits, name_at, trailing_year, year_at, Expr, Words};
use super::words::{DateWords, Shift};
use crate::analyze::sentences::TokenKind;

pub(crate) fn relative(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let (phrase, rel) = words.relative.iter().find(|(p, _)| s.phrase_at(i, p))?;
    Some((Expr::Relative(*rel), i + phrase.len()))
}

/// A count: digits or a number word.
pub(crate) fn count_at(s: &Words, words: &DateWords, i: usize) -> Option<i64> {
    let w = s.w(i);
    if s.kind(i) == Some(TokenKind::Number) {
        return w.parse().ok().filter(|n| (1..=999).contains(n));
    }
    words.numbers.get(w).copied()
}

pub(crate) fn ago(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let back = |n: i64, unit: &i64| Expr::DaysAgo(n.saturating_mul(*unit));
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

pub(crate) fn weekday(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
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

/// Whether a future marker stands shortly before token `i`, with no past marker between them:
/// "talks will resume on Friday", but not "the talks will end, officials said on Friday".
pub(crate) fn future_before(s: &Words, words: &DateWords, i: usize) -> bool {
    let from = i.saturating_sub(FUTURE_WINDOW);
    for k in (from..i).rev() {
        let w = s.w(k);
        if words.past.contains(w) {
            return false;
        }
        if words.future.contains(w) && !s.capitalised(k) {
            return true;
        }
    }
    false
}

/// A weekday written together with its day part, as German does: "Montagabend".
pub(crate) fn compound_weekday(
    s: &Words,
    words: &DateWords,
    j: usize,
    shift: Shift,
) -> Option<(Expr, usize)> {
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
pub(crate) fn part_of_year(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
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

pub(crate) fn part_of_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
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

/// "last March", "next May", "this June".
pub(crate) fn shifted_month(s: &Words, words: &DateWords, i: usize) -> Option<(Expr, usize)> {
    let shift = *words.weekday_shift.get(s.w(i))?;
    let month = name_at(s, words, i + 1, true, false)?;
    if year_at(s, i + 2).is_some() || day_at(s, words, i + 2).is_some() {
        return None; // "last March 16" is the date, found without the shift
    }
    Some((Expr::ShiftedMonth { month, shift }, i + 2))
}
