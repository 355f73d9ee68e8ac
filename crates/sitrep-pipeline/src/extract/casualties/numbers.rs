//! Figures: where a sentence states an amount, what it is and how it is hedged.
//!
//! The principal type is [`Figure`]: the tokens of "at least 107", "between 10 and 12",
//! "twenty-one", "a dozen" or "dozens", with the count (none for vague amounts), the upper end of
//! a range and the qualifier. Figures that are dates, years, clock times, ages, money, measures or
//! names ("Resolution 2334") are never figures here; whether a figure counts people is decided
//! later, by the noun that follows it.
//!
//! ```
//! use sitrep_pipeline::extract::casualties::{lexicon::Lexicon, numbers::figures};
//! let words = ["killed", "at", "least", "twenty", "-", "one", "people"];
//! let f = figures(&words, &[false; 7], Lexicon::get());
//! assert_eq!((f[0].count, f[0].qualifier.as_str()), (Some(21), "at_least"));
//! ```

use super::lexicon::Lexicon;

/// One stated amount, in token indices of its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The first token: the qualifier's when there is one.
    pub first: usize,
    /// The first token of the amount itself.
    pub number: usize,
    /// One past the last token of the amount.
    pub end: usize,
    pub count: Option<u64>,
    pub count_max: Option<u64>,
    pub qualifier: String,
}

/// The figures of a sentence given as its lowercase tokens; `blocked[i]` marks tokens that are
/// part of a date mention (they never start a figure).
pub fn figures(words: &[&str], blocked: &[bool], lex: &Lexicon) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if blocked.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if let Some(f) = figure_at(words, i, lex) {
            i = f.end.max(i + 1);
            if !is_excluded(words, &f, lex) {
                out.push(f);
            }
        } else {
            i += 1;
        }
    }
    out
}

fn figure_at(words: &[&str], i: usize, lex: &Lexicon) -> Option<Figure> {
    let rest = words.get(i..)?;
    let (count, mut end, count_max) = if let Some((n, _)) = lex.vague.longest_at(rest) {
        // "two hundred" is a number, "hundreds" a vague amount; "dozens" after a number is not.
        (None, i + n, None)
    } else {
        let (value, next) = number_at(words, i, lex)?;
        // Ranges: "10 to 12", "10-12", "between 10 and 12".
        let between = i > 0 && words.get(i - 1) == Some(&"between");
        let joiner = words.get(next).copied();
        let is_joiner =
            matches!(joiner, Some("to" | "-" | "or")) || (between && joiner == Some("and"));
        match is_joiner.then(|| number_at(words, next + 1, lex)).flatten() {
            Some((max, after)) if max > value => (Some(value), after, Some(max)),
            _ => (Some(value), next, None),
        }
    };
    // "a dozen" is 12: a number phrase can start with "a"; nothing more to consume.
    end = end.min(words.len());
    let (first, qualifier) = match lex.qualifier.longest_ending(words.get(..i).unwrap_or(&[])) {
        Some((n, q)) => (i.saturating_sub(n), q.clone()),
        None => (i, "exact".to_string()),
    };
    Some(Figure {
        first,
        number: i,
        end,
        count,
        count_max,
        qualifier,
    })
}

/// A number at token `i` (digits with separators, or number words with a multiplier) and the
/// token after it.
fn number_at(words: &[&str], i: usize, lex: &Lexicon) -> Option<(u64, usize)> {
    let w = *words.get(i)?;
    // "killed two children and injured another": one more, when no number follows.
    if w == "another" {
        let next = words.get(i + 1).copied().unwrap_or(".");
        let counted = next.starts_with(|c: char| c.is_ascii_digit())
            || lex.number.longest_at(words.get(i + 1..)?).is_some();
        return (!counted).then_some((1, i + 1));
    }
    // "An Israeli soldier": an article before a singular victim noun (an adjective between).
    if matches!(w, "a" | "an") && lex.number.longest_at(words.get(i..)?).is_none() {
        // "a 72-year-old woman": the age is no figure, the article still counts one.
        let age = matches!(
            words.get(i + 1..i + 6),
            Some([n, "-", "year" | "years", "-", "old"]) if n.starts_with(|c: char| c.is_ascii_digit())
        );
        let j = if age { i + 6 } else { i + 1 };
        let one = (j..j + 2).any(|k| {
            words
                .get(k..)
                .and_then(|r| lex.singular.longest_at(r))
                .is_some()
        });
        return one.then_some((1, j));
    }
    let (mut value, mut next, decimal) = if w.starts_with(|c: char| c.is_ascii_digit()) {
        let (v, decimal) = digits(w)?;
        (v, i + 1, decimal)
    } else {
        let (n, v) = lex.number.longest_at(words.get(i..)?)?;
        let mut v = *v as f64;
        let mut next = i + n;
        // "twenty-one": tens, a hyphen, a unit.
        if (20.0..100.0).contains(&v) && words.get(next) == Some(&"-") {
            if let Some((1, u)) = words.get(next + 1..).and_then(|r| lex.number.longest_at(r)) {
                if *u < 10 {
                    v += *u as f64;
                    next += 2;
                }
            }
        }
        (v, next, false)
    };
    // "two dozen", "1.5 million", "three hundred thousand".
    let mut multiplied = false;
    while let Some(word) = words.get(next) {
        let m = match lex.multiplier.get(&[word]) {
            Some(m) => *m as f64,
            None if *word == "dozen" => 12.0,
            None => break,
        };
        value *= m;
        next += 1;
        multiplied = true;
    }
    if decimal && !multiplied {
        // "3.5" counts no people.
        return None;
    }
    if !(0.0..1e15).contains(&value) {
        return None;
    }
    Some((value.round() as u64, next))
}

/// The value of a digit token ("1,200", "1.5") and whether it has a decimal part; `None` for
/// clock times, dates and ordinals ("10:30", "16/03", "16th").
fn digits(w: &str) -> Option<(f64, bool)> {
    if !w
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let plain: String = w.chars().filter(|c| *c != ',').collect();
    let decimal = plain.contains('.');
    plain.parse::<f64>().ok().map(|v| (v, decimal))
}

/// Figures that are measures, ages, money, years or names, whatever noun follows them.
fn is_excluded(words: &[&str], f: &Figure, lex: &Lexicon) -> bool {
    let before = f.first.checked_sub(1).and_then(|i| words.get(i)).copied();
    if before.is_some_and(|b| lex.blocker_before.get(&[b]).is_some()) {
        return true;
    }
    // A bare year: "the 1948 armistice line", "in 2026".
    let raw = words.get(f.number).copied().unwrap_or("");
    if raw.len() == 4 && f.end == f.number + 1 && matches!(f.count, Some(1800..=2100)) {
        return true;
    }
    let after: Vec<&str> = words.iter().skip(f.end).take(3).copied().collect();
    match after.as_slice() {
        ["%", ..] | ["-", "year" | "years" | "month" | "day" | "week", ..] => true,
        ["year" | "years", "old", ..] | [":", ..] | ["a.m." | "p.m." | "am" | "pm", ..] => true,
        [w, ..] => lex.object.get(&[w]).is_some(),
        [] => false,
    }
}
