//! Small text helpers shared by the exporters.

use sitrep_model::{Reading, Span};

/// The text of a span of the reading (char offsets, clamped to the text).
pub fn span_text(reading: &Reading, span: Span) -> String {
    let len = span.end.saturating_sub(span.start);
    reading.text.chars().skip(span.start).take(len).collect()
}

/// A field for a TSV without quoting (GDELT's convention): tabs, line breaks and other control
/// characters become single spaces, and runs of spaces are squeezed.
pub fn tsv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The host of a URL (`https://news.example.org/a` → `news.example.org`), lowercased, without
/// `www.`; `None` when there is no host.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// `YYYY-MM-DD` → (year, month, day), checked for shape.
pub fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = date[..4].parse().ok()?;
    let m = date[5..7].parse().ok()?;
    let d = date[8..10].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Day of the year, 1-based.
pub fn day_of_year(y: i32, m: u32, d: u32) -> u32 {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let before: u32 = DAYS[..(m as usize - 1)].iter().sum();
    before + d + u32::from(leap && m > 2)
}

/// The char offset where the first paragraph of the text ends.
pub fn first_paragraph_end(text: &str) -> usize {
    match text.find("\n\n") {
        Some(b) => text[..b].chars().count(),
        None => text.chars().count(),
    }
}

/// Who makes a claim, as a key: the claimant's code, else its lowercased words; `""` for the
/// reporter's own statements.
pub fn claimant_key(c: &sitrep_model::CasualtyClaim) -> String {
    c.according_to
        .as_ref()
        .map(|a| a.code.clone().unwrap_or_else(|| a.text.to_lowercase()))
        .unwrap_or_default()
}

/// How a claimant is shown: its words, or `reporter` for unattributed figures.
pub fn claimant_label(c: &sitrep_model::CasualtyClaim) -> String {
    c.according_to
        .as_ref()
        .map(|a| a.text.clone())
        .unwrap_or_else(|| "reporter".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(tsv_field(" a\tb\n\nc  "), "a b c");
        assert_eq!(
            url_host("https://www.Example.org:443/x?y").as_deref(),
            Some("example.org")
        );
        assert_eq!(url_host("not a url"), None);
        assert_eq!(ymd("2026-03-17"), Some((2026, 3, 17)));
        assert_eq!(ymd("2026-13-17"), None);
        assert_eq!(day_of_year(2026, 3, 1), 60);
        assert_eq!(day_of_year(2024, 3, 1), 61);
        assert_eq!(first_paragraph_end("ab\n\ncd"), 2);
    }
}
