//! Resolving an [`Expr`] against the publication date into a [`Value`]: a day, a range of days, or
//! nothing when the expression needs a publication date that is missing (never a guess).
//!
//! ```text
//! published 2026-03-17 (a Tuesday)
//! Weekday { Monday, OnOrBefore }         → Day(2026-03-16)
//! Month { February, days 21..=end }      → Range(2026-02-21, 2026-02-28)
//! Relative(MonthToDate)                  → Range(2026-03-01, 2026-03-16)
//! Day { no year, December 28 }           → Day(2025-12-28): this year's would be months ahead
//! published unknown: Weekday { .. }      → Unknown
//! ```

use super::grammar::Expr;
use super::words::{Relative, Shift};
use crate::analyze::calendar::Day;

/// What a date expression resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    Day(Day),
    /// A closed range, start <= end.
    Range(Day, Day),
    Unknown,
}

impl Value {
    /// The day `d`, or `Unknown` when there is none.
    pub(crate) fn day(d: Option<Day>) -> Value {
        d.map_or(Value::Unknown, Value::Day)
    }

    /// The first day the value covers.
    pub(crate) fn first(self) -> Option<Day> {
        match self {
            Value::Day(d) | Value::Range(d, _) => Some(d),
            Value::Unknown => None,
        }
    }

    /// The last day the value covers.
    pub(crate) fn last(self) -> Option<Day> {
        match self {
            Value::Day(d) | Value::Range(_, d) => Some(d),
            Value::Unknown => None,
        }
    }

    /// The range `start..=end`, or `Unknown` when either end is missing or they are reversed.
    pub(crate) fn range(start: Option<Day>, end: Option<Day>) -> Value {
        match (start, end) {
            (Some(a), Some(b)) if a <= b => Value::Range(a, b),
            _ => Value::Unknown,
        }
    }
}

/// How far after its anchor a date without a year may fall before it is taken to be last year's:
/// news reports the recent past, and sometimes announces the next few weeks.
const FUTURE_TOLERANCE_DAYS: i64 = 31;

/// Resolves `expr`. `published` anchors relative expressions; `anchor` (usually `published`, or
/// the other end of a range that names its year) gives the year of dates written without one.
pub(crate) fn resolve(expr: Expr, published: Option<Day>, anchor: Option<Day>) -> Value {
    match expr {
        Expr::Day { year, month, day } => {
            let found = match year {
                Some(y) => Day::new(y, month, day),
                None => anchor.and_then(|a| {
                    let this_year = Day::new(a.year, month, day);
                    match this_year {
                        Some(d) if d.to_days() <= a.to_days() + FUTURE_TOLERANCE_DAYS => Some(d),
                        _ => Day::new(a.year - 1, month, day),
                    }
                }),
            };
            found.map_or(Value::Unknown, Value::Day)
        }
        Expr::Month {
            year,
            month,
            first,
            last,
        } => {
            let year = match year {
                Some(y) => Some(y),
                // A month without a year is this year's unless it has not started yet.
                None => anchor.and_then(|a| {
                    let start = Day::new(a.year, month, 1)?;
                    Some(if start > a { a.year - 1 } else { a.year })
                }),
            };
            let Some(year) = year else {
                return Value::Unknown;
            };
            let end = match last {
                Some(d) => Day::new(year, month, d),
                None => Day::last_of_month(year, month),
            };
            Value::range(Day::new(year, month, first), end)
        }
        Expr::Year(y) => Value::range(Day::new(y, 1, 1), Day::new(y, 12, 31)),
        Expr::Years { year, first, last } => {
            Value::range(Day::new(year, first, 1), Day::last_of_month(year, last))
        }
        Expr::YearSpan { first, last } => {
            Value::range(Day::new(first, 1, 1), Day::new(last, 12, 31))
        }
        Expr::Decade(y) => Value::range(Day::new(y, 1, 1), Day::new(y + 9, 12, 31)),
        Expr::ShiftedMonth { month, shift } => match published {
            Some(p) => {
                let year = match shift {
                    Shift::Last if month >= p.month => p.year - 1,
                    Shift::Next if month <= p.month => p.year + 1,
                    _ => p.year,
                };
                Value::range(Day::new(year, month, 1), Day::last_of_month(year, month))
            }
            None => Value::Unknown,
        },
        Expr::Span { a, b } => {
            let b_value = resolve(
                Expr::Day {
                    year: b.0,
                    month: b.1,
                    day: b.2,
                },
                published,
                anchor,
            );
            let a_anchor = if a.0.is_none() {
                b_value.last().or(anchor)
            } else {
                anchor
            };
            let a_value = resolve(
                Expr::Day {
                    year: a.0,
                    month: a.1,
                    day: a.2,
                },
                published,
                a_anchor,
            );
            let start = match (a_value.first(), b_value.first()) {
                (Some(x), Some(y)) if x > y && a.0.is_none() => {
                    Day::new(x.year - 1, x.month, x.day)
                }
                (x, _) => x,
            };
            Value::range(start, b_value.last())
        }
        Expr::Weekday { weekday, shift } => match published {
            Some(p) => Value::day(weekday_near(p, weekday, shift)),
            None => Value::Unknown,
        },
        Expr::Relative(rel) => match published {
            Some(p) => relative(p, rel),
            None => Value::Unknown,
        },
        Expr::DaysAgo(n) => match published {
            Some(p) => Value::day(n.checked_neg().and_then(|n| p.add_days(n))),
            None => Value::Unknown,
        },
        Expr::Ambiguous => Value::Unknown,
    }
}

/// The weekday `weekday` (0 = Monday) that `shift` picks relative to `p`.
fn weekday_near(p: Day, weekday: u32, shift: Shift) -> Option<Day> {
    let back = (i64::from(p.weekday()) - i64::from(weekday)).rem_euclid(7);
    let forward = (i64::from(weekday) - i64::from(p.weekday())).rem_euclid(7);
    match shift {
        Shift::OnOrBefore => p.add_days(-back),
        Shift::OnOrAfter => p.add_days(forward),
        Shift::Last => p.add_days(if back == 0 { -7 } else { -back }),
        Shift::Next => p.add_days(if forward == 0 { 7 } else { forward }),
        Shift::This => p.add_days(i64::from(weekday) - i64::from(p.weekday())),
    }
}

fn relative(p: Day, rel: Relative) -> Value {
    let Some(monday) = p.add_days(-i64::from(p.weekday())) else {
        return Value::Unknown;
    };
    let yesterday = p.add_days(-1);
    let tomorrow = p.add_days(1);
    // The range of `len` days from `start` days after this week's Monday.
    let from_monday = |start: i64, len: i64| {
        let first = monday.add_days(start);
        Value::range(first, first.and_then(|f| f.add_days(len - 1)))
    };
    match rel {
        Relative::Day(n) => Value::day(p.add_days(n)),
        Relative::Week(n) => from_monday(n.saturating_mul(7), 7),
        Relative::Month(n) => {
            let start = p.shift_months(n);
            let end = start.and_then(|s| Day::last_of_month(s.year, s.month));
            Value::range(start, end)
        }
        Relative::Year(n) => match p.year.checked_add(n) {
            Some(y) => Value::range(Day::new(y, 1, 1), Day::new(y, 12, 31)),
            None => Value::Unknown,
        },
        Relative::WeekToDate => Value::range(Some(monday), yesterday),
        Relative::MonthToDate => Value::range(Some(p.first_of_month()), yesterday),
        Relative::YearToDate => Value::range(Day::new(p.year, 1, 1), yesterday),
        Relative::WeekRest => Value::range(tomorrow, monday.add_days(6)),
        Relative::MonthRest => Value::range(tomorrow, Day::last_of_month(p.year, p.month)),
        Relative::YearRest => Value::range(tomorrow, Day::new(p.year, 12, 31)),
        Relative::PastDays(n) => Value::range(n.checked_neg().and_then(|n| p.add_days(n)), Some(p)),
        Relative::Weekend(n) => from_monday(n.saturating_mul(7).saturating_add(5), 2),
        Relative::RecentWeekend => {
            // Saturday is 5 and Sunday 6: on a weekend day, the weekend is the current one.
            let n = if p.weekday() >= 5 { 0 } else { -1 };
            from_monday(7 * n + 5, 2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn weekdays_around_a_tuesday() {
        let p = day("2026-03-17"); // Tuesday
        let at = |wd, shift| weekday_near(p, wd, shift).unwrap().to_string();
        assert_eq!(at(1, Shift::OnOrBefore), "2026-03-17");
        assert_eq!(at(0, Shift::OnOrBefore), "2026-03-16");
        assert_eq!(at(2, Shift::OnOrBefore), "2026-03-11");
        assert_eq!(at(1, Shift::Last), "2026-03-10");
        assert_eq!(at(4, Shift::OnOrAfter), "2026-03-20");
        assert_eq!(at(1, Shift::OnOrAfter), "2026-03-17");
        assert_eq!(at(1, Shift::Next), "2026-03-24");
        assert_eq!(at(4, Shift::This), "2026-03-20");
    }

    #[test]
    fn years_of_dates_without_one() {
        let p = Some(day("2026-01-10"));
        let dec = Expr::Day {
            year: None,
            month: 12,
            day: 28,
        };
        assert_eq!(resolve(dec, p, p), Value::Day(day("2025-12-28")));
        let feb = Expr::Day {
            year: None,
            month: 2,
            day: 5,
        };
        assert_eq!(resolve(feb, p, p), Value::Day(day("2026-02-05")));
        assert_eq!(resolve(feb, None, None), Value::Unknown);
    }
}
