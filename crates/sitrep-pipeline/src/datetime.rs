//! Dates as sitrep stores them: civil dates, written `YYYY-MM-DD`.
//!
//! [`normalize_date`] turns the date formats found in page metadata, feeds and WARC headers into
//! that form.

/// Normalises a date or date-time string to `YYYY-MM-DD`, or `None` when it is not one.
///
/// ```
/// assert_eq!(sitrep_pipeline::datetime::normalize_date("2026-03-17T08:00:00Z").as_deref(), Some("2026-03-17"));
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let y: u32 = s.get(0..4)?.parse().ok()?;
        let m: u32 = s.get(5..7)?.parse().ok()?;
        let d: u32 = s.get(8..10)?.parse().ok()?;
        if valid(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
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
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}
