//! Dates as sitrep stores them: civil dates, written `YYYY-MM-DD`.
//!
//! [`normalize_date`] turns the date formats found in page metadata, feeds, JSON Lines and WARC
//! headers into that form. It keeps the date as written: a time zone is never applied, because
//! the calendar day the source printed is the day it meant.
//!
//! Recognised shapes:
//! - ISO 8601 dates and date-times: `2026-03-17`, `2026-03-17T08:00:00+05:00`, `2026-03-17 08:00`;
//! - RFC 2822 / RFC 1123: `Tue, 17 Mar 2026 08:00:00 GMT` (the weekday is optional and not checked);
//! - numeric: `2026/03/17`, `2026.03.17`, `17.03.2026`, `17/03/2026` (day first), compact `20260317`;
//! - with month names: `March 17, 2026`, `Mar. 17, 2026`, `17 March 2026`, `17th of March 2026`,
//!   `17-Mar-2026`;
//! - East Asian: `2026年3月17日`, `2026년 3월 17일`.
//!
//! Slashed dates with the year last are read day first (`03/04/2026` is 3 April), as most of the
//! world writes them; an American `03/17/2026` is then impossible and rejected rather than
//! guessed. Two-digit years are read only in the RFC 822 shape (`17 Mar 26`).
//!
//! Impossible dates (`2026-02-30`) are rejected.

/// Normalises a date or date-time string to `YYYY-MM-DD`, or `None` when it is not one.
///
/// ```
/// use sitrep_pipeline::datetime::normalize_date;
/// assert_eq!(normalize_date("2026-03-17T08:00:00Z").as_deref(), Some("2026-03-17"));
/// assert_eq!(normalize_date("Tue, 17 Mar 2026 08:00:00 GMT").as_deref(), Some("2026-03-17"));
/// assert_eq!(normalize_date("2026-02-30"), None);
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = numeric(s).or_else(|| named(s)).or_else(|| east_asian(s))?;
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Whether `y-m-d` is a real day of the Gregorian calendar.
pub fn valid(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (1000..=9999).contains(&y)
}

/// The number of days in month `m` of year `y`.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The month numbered by an English month name or its abbreviation (`Mar`, `Mar.`, `Sept`).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let n = MONTHS.iter().position(|m| m.starts_with(w.as_str()))?;
    Some(n as u32 + 1)
}

/// Numeric shapes: ISO (with any time after it), `Y/M/D`, `D.M.Y`, `D/M/Y`, compact `YYYYMMDD`.
fn numeric(s: &str) -> Option<(u32, u32, u32)> {
    // The date part ends where a time or zone begins.
    let date = s.split(['T', ' ', 't']).next()?;
    let b = date.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return Some((num(&date[0..4])?, num(&date[4..6])?, num(&date[6..8])?));
    }
    let sep = *b.iter().find(|c| matches!(c, b'-' | b'/' | b'.'))?;
    let parts: Vec<&str> = date.split(sep as char).collect();
    let [a, m, c] = parts[..] else {
        return None;
    };
    if a.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&c.len()) {
        Some((num(a)?, num(m)?, num(c)?))
    } else if sep != b'-'
        && (1..=2).contains(&a.len())
        && (1..=2).contains(&m.len())
        && c.len() == 4
    {
        Some((num(c)?, num(m)?, num(a)?))
    } else {
        None
    }
}

/// Shapes with a month name: `March 17, 2026`, `17 March 2026`, RFC 2822 with a weekday.
fn named(s: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/'))
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of"))
        .collect();
    // Drop a leading weekday ("Tue", "Tuesday").
    let words = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words[..],
    };
    let [a, b, c, ..] = words else {
        return None;
    };
    if let Some(m) = month_number(a) {
        // March 17, 2026 / Mar. 17th 2026
        return Some((year(c)?, m, day(b)?));
    }
    let m = month_number(b)?;
    // RFC 822 allowed two-digit years (`17 Mar 26 08:00 GMT`); they are read as 19xx from 70 on.
    let y = year(c).or_else(|| {
        let yy = (c.len() == 2).then(|| num(c))??;
        Some(if yy < 70 { 2000 + yy } else { 1900 + yy })
    })?;
    Some((y, m, day(a)?))
}

/// `2026年3月17日` (Chinese, Japanese) and `2026년 3월 17일` (Korean): year, month, day markers.
fn east_asian(s: &str) -> Option<(u32, u32, u32)> {
    let (y, rest) = s.split_once(['年', '년'])?;
    let (m, rest) = rest.split_once(['月', '월'])?;
    let (d, _) = rest.split_once(['日', '일'])?;
    let y = y.trim();
    let y = y.get(y.len().checked_sub(4)?..)?;
    Some((year(y)?, num(m.trim())?, day(d.trim())?))
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(w.as_str()))
}

fn day(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['.', ',']);
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| w.strip_suffix(suffix))
        .unwrap_or(w);
    (1..=2).contains(&w.len()).then_some(())?;
    num(w)
}

fn year(w: &str) -> Option<u32> {
    // A time may be glued on, as in a server log's `17/Mar/2026:10:00:00`.
    let w = w
        .split(':')
        .next()
        .unwrap_or(w)
        .trim_end_matches(['.', ',']);
    (w.len() == 4).then_some(())?;
    num(w)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<&str>) {
        assert_eq!(normalize_date(input).as_deref(), expect, "input: {input:?}");
    }

    #[test]
    fn iso_dates_and_times_keep_the_written_day() {
        check("2026-03-17", Some("2026-03-17"));
        check("2026-03-17T08:00:00Z", Some("2026-03-17"));
        check("2026-03-17T23:30:00-05:00", Some("2026-03-17"));
        check("2026-03-17T01:00:00+14:00", Some("2026-03-17"));
        check("2026-03-17 08:00:00", Some("2026-03-17"));
        check("  2026-3-7 ", Some("2026-03-07"));
    }

    #[test]
    fn rfc_2822_and_1123() {
        check("Tue, 17 Mar 2026 08:00:00 GMT", Some("2026-03-17"));
        check("Tue, 17 Mar 2026 08:00:00 +0300", Some("2026-03-17"));
        check("17 Mar 2026 08:00 -0000", Some("2026-03-17"));
        check("Wednesday, 4 February 2026 10:00", Some("2026-02-04"));
    }

    #[test]
    fn numeric_shapes() {
        check("2026/03/17", Some("2026-03-17"));
        check("2026.03.17", Some("2026-03-17"));
        check("17.03.2026", Some("2026-03-17"));
        check("17/03/2026", Some("2026-03-17"));
        check("20260317", Some("2026-03-17"));
        check("17-03-2026", None);
    }

    #[test]
    fn month_names() {
        check("March 17, 2026", Some("2026-03-17"));
        check("Mar. 17, 2026", Some("2026-03-17"));
        check("Sept. 1, 2025", Some("2025-09-01"));
        check("17 March 2026", Some("2026-03-17"));
        check("March 17th, 2026", Some("2026-03-17"));
        check("1st May 2024", Some("2024-05-01"));
        check("17th of March 2026", Some("2026-03-17"));
        check("Tue, 17 Mar 26 08:00:00 GMT", Some("2026-03-17"));
        check("17 Mar 99", Some("1999-03-17"));
        check("March 17, 26", None);
        check("03/17/2026", None);
        check("17-Mar-2026 10:00", Some("2026-03-17"));
        check("17/Mar/2026:10:00:00 +0000", Some("2026-03-17"));
        check("Tue, 17 Mar 2026 08:00:00 -0500", Some("2026-03-17"));
    }

    #[test]
    fn east_asian_dates() {
        check("2026年3月17日", Some("2026-03-17"));
        check("发布时间：2026年03月17日 08:00", Some("2026-03-17"));
        check("2026년 3월 17일", Some("2026-03-17"));
        check("2026年2月30日", None);
        check("26年3月17日", None);
    }

    #[test]
    fn impossible_and_junk_are_rejected() {
        check("2026-02-30", None);
        check("2025-02-29", None);
        check("2024-02-29", Some("2024-02-29"));
        check("1900-02-29", None);
        check("2026-13-01", None);
        check("20261301", None);
        check("32.01.2026", None);
        check("February 30, 2026", None);
        check("", None);
        check("yesterday", None);
        check("Ma 17 2026", None);
        check("12345678901", None);
        check("2026-03", None);
        check("é2026-03-17", None);
    }
}
