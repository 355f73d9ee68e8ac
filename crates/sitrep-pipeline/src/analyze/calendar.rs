//! Civil-calendar arithmetic for resolving date expressions: the principal type is [`Day`], a
//! proleptic Gregorian date that can be moved by days and asked for its weekday.
//!
//! ```
//! use sitrep_pipeline::analyze::calendar::Day;
//! let published = Day::parse("2026-03-17").unwrap();
//! assert_eq!(published.weekday(), 1); // Tuesday (Monday is 0)
//! assert_eq!(published.add_days(-20).map(|d| d.to_string()).as_deref(), Some("2026-02-25"));
//! assert_eq!(Day::last_of_month(2024, 2).unwrap().to_string(), "2024-02-29");
//! ```
//!
//! The conversions count days from 1970-01-01 with the era-based method (400-year cycles of
//! 146 097 days), so they are exact for every year and need no tables.

use std::fmt;

use crate::datetime;

/// A day of the Gregorian calendar with a four-digit year (1000–9999). [`Day::new`], [`Day::parse`]
/// and every method return only valid days; the fields are public for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// The day `year-month-day`, or `None` when it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let y = u32::try_from(year).ok()?;
        datetime::valid(y, month, day).then_some(Day { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (anything after the first ten characters, such as a time, is ignored).
    pub fn parse(s: &str) -> Option<Day> {
        let norm = datetime::normalize_date(s)?;
        let y = norm.get(0..4)?.parse().ok()?;
        let m = norm.get(5..7)?.parse().ok()?;
        let d = norm.get(8..10)?.parse().ok()?;
        Day::new(y, m, d)
    }

    /// The last day of `month` in `year`.
    pub fn last_of_month(year: i32, month: u32) -> Option<Day> {
        let y = u32::try_from(year).ok()?;
        Day::new(year, month, datetime::days_in_month(y, month))
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }

    /// The day `n` days after 1970-01-01, or `None` outside the years 1000–9999.
    pub fn from_days(n: i64) -> Option<Day> {
        // Far outside the four-digit years, and kept away from overflow in the arithmetic.
        if !(-400_000_000..=400_000_000).contains(&n) {
            return None;
        }
        let (y, m, d) = civil_from_days(n);
        Day::new(i32::try_from(y).ok()?, m, d)
    }

    /// This day moved by `n` days, or `None` when that leaves the years 1000–9999.
    pub fn add_days(self, n: i64) -> Option<Day> {
        Day::from_days(self.to_days().checked_add(n)?)
    }

    /// The weekday, Monday = 0 through Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3 with Monday = 0).
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// The first day of this day's month.
    pub fn first_of_month(self) -> Day {
        Day { day: 1, ..self }
    }

    /// The first day of the month `n` months away from this day's month.
    pub fn shift_months(self, n: i32) -> Option<Day> {
        let index = self
            .year
            .checked_mul(12)?
            .checked_add(self.month as i32 - 1)?
            .checked_add(n)?;
        Day::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days from 1970-01-01 to `y-m-d`, for any year.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Count years from March so that the leap day is the last day of the counted year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // year of era, 0..=399
    let mp = (i64::from(m) + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1; // day of year, 0..=365
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // day of era, 0..=146096
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of day `n` counted from 1970-01-01.
pub fn civil_from_days(n: i64) -> (i64, u32, u32) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        let start = days_from_civil(1900, 1, 1);
        let end = days_from_civil(2300, 1, 1);
        let mut prev = civil_from_days(start - 1);
        for n in start..end {
            let c = civil_from_days(n);
            assert_eq!(days_from_civil(c.0, c.1, c.2), n);
            assert!(c > prev);
            prev = c;
        }
    }

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(Day::parse("2026-03-16").unwrap().weekday(), 0);
        assert_eq!(
            Day::parse("2024-02-29")
                .unwrap()
                .add_days(1)
                .unwrap()
                .to_string(),
            "2024-03-01"
        );
        let d = Day::parse("2026-01-31").unwrap();
        assert_eq!(d.shift_months(-1).unwrap().to_string(), "2025-12-01");
        assert_eq!(d.shift_months(13).unwrap().to_string(), "2027-02-01");
        assert_eq!(Day::parse("2026-02-30"), None);
        assert_eq!(Day::parse("9999-12-31").unwrap().add_days(1), None);
    }
}
