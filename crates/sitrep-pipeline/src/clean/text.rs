//! Plain text into blocks: paragraphs, and a headline on the first line when it reads as one.
//!
//! [`split`] returns a [`TextArticle`]. Paragraphs are separated by blank lines; within a
//! stretch of text between blank lines, lines are joined when they are a hard-wrapped paragraph
//! (every line filled up to about the same width) and kept apart when they are not: a lone "X"
//! or "Share" above a long line is a block of its own, and so is each line of a list.
//!
//! ```
//! use sitrep_pipeline::clean::text::split;
//! let t = split("Blast hits Kabul market\n\nA blast hit a market in Kabul on Monday,\nkilling at least five people.\n");
//! assert_eq!(t.title.as_deref(), Some("Blast hits Kabul market"));
//! assert_eq!(t.blocks.len(), 1);
//! assert_eq!(t.blocks[0].text, "A blast hit a market in Kabul on Monday, killing at least five people.");
//! ```

use super::boilerplate::{lexicon::is_unspaced, word_count};
use super::{squash_space, Block, BlockRole};

/// A plain-text document cut into a headline and paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextArticle {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// Wrapping tools fill lines to 60–80 columns; text whose lines run longer was not hard-wrapped,
/// and text whose lines all stay shorter gives no evidence of a wrap width.
const MAX_WRAP: usize = 100;
const MIN_WRAP: usize = 40;

/// A headline is at most this long, in characters and in words.
const TITLE_CHARS: usize = 200;
const TITLE_WORDS: usize = 30;

/// One paragraph before it becomes a block: its text, role and how many lines it was made of.
struct Para {
    text: String,
    role: BlockRole,
    lines: usize,
}

/// Splits plain text into a headline (when the first line reads as one) and paragraph blocks.
pub fn split(s: &str) -> TextArticle {
    // A byte-order mark is not text, and would otherwise stick to the headline.
    let s = s.trim_start_matches('\u{feff}');
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = s.lines().map(squash_space).collect();
    let width = wrap_width(&lines);
    let mut paras: Vec<Para> = Vec::new();
    let mut group: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() {
            split_group(&group, width, &mut paras);
            group.clear();
        } else {
            group.push(line);
        }
    }
    split_group(&group, width, &mut paras);

    let title = match paras.first() {
        Some(p) if paras.len() > 1 && p.lines == 1 && reads_as_headline(&p.text) => {
            Some(paras.remove(0).text)
        }
        _ => None,
    };
    let blocks = paras
        .into_iter()
        .map(|p| Block::new(p.text, p.role))
        .collect();
    TextArticle { title, blocks }
}

/// The width the document was hard-wrapped at, if it was. The width belongs to the whole
/// document, not to one paragraph: two link titles of similar length must not look like one
/// wrapped paragraph. A document where more than a fifth of the lines are longer than any wrap
/// width was not wrapped (one paragraph per line); a stray long line (a URL, a notice pasted in)
/// does not count against it.
fn wrap_width(lines: &[String]) -> Option<usize> {
    let lens: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n > 0)
        .collect();
    let long = lens.iter().filter(|&&n| n > MAX_WRAP).count();
    if long * 5 > lens.len() {
        return None;
    }
    let width = lens.into_iter().filter(|&n| n <= MAX_WRAP).max()?;
    (width >= MIN_WRAP).then_some(width)
}

/// Cuts one stretch of lines between blank lines into paragraphs.
fn split_group(lines: &[String], width: Option<usize>, out: &mut Vec<Para>) {
    let Some(first) = lines.first() else {
        return;
    };
    let mut cur = Para {
        text: first.clone(),
        role: role_of(first),
        lines: 1,
    };
    for pair in lines.windows(2) {
        let (prev, line) = (&pair[0], &pair[1]);
        if width.is_some_and(|w| continues(prev, line, w)) {
            let hyphenated = cur.text.ends_with('-') && line.starts_with(char::is_lowercase);
            // Chinese and Japanese put no space between words, so none goes between lines.
            let unspaced = cur.text.ends_with(is_unspaced) && line.starts_with(is_unspaced);
            if hyphenated || unspaced {
                // A word broken across lines at its hyphen: "cross-\nborder" is "cross-border".
                cur.text.push_str(line);
            } else {
                cur.text.push(' ');
                cur.text.push_str(line);
            }
            cur.lines += 1;
        } else {
            out.push(cur);
            cur = Para {
                text: line.clone(),
                role: role_of(line),
                lines: 1,
            };
        }
    }
    out.push(cur);
}

/// `line` continues `prev` when `prev` was filled up to the wrap width: a greedy wrapper breaks
/// a line only when the next word would not fit. A line that would have had room for the next
/// word was ended on purpose. A list item always starts afresh.
fn continues(prev: &str, line: &str, width: usize) -> bool {
    if role_of(line) == BlockRole::ListItem {
        return false;
    }
    // A line longer than the wrap width was not wrapped: it is a paragraph of its own.
    let prev_len = prev.chars().count();
    let next_word = line.split(' ').next().unwrap_or("").chars().count();
    prev_len <= width && prev_len + 1 + next_word > width
}

/// Lines that start with a bullet or a number and a full stop are list items.
fn role_of(line: &str) -> BlockRole {
    let bullet = ["- ", "* ", "• ", "– ", "— ", "· "]
        .iter()
        .any(|b| line.starts_with(b));
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && digits < 3 && line[digits..].starts_with([')', '.']) && {
        line[digits + 1..].starts_with(' ')
    };
    if bullet || numbered {
        BlockRole::ListItem
    } else {
        BlockRole::Paragraph
    }
}

/// A headline is short, has a few words, does not end like a sentence or a clause, and is not a
/// dateline on its own ("KABUL, March 17 (Reuters) -", "Tuesday 17 March 2026").
pub fn reads_as_headline(line: &str) -> bool {
    // Chinese and Japanese headlines have no spaces: two characters count as a word.
    let words = word_count(line);
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    // "Iran warns U.S." ends in an abbreviation, not a full stop.
    let last = line.rsplit(' ').next().unwrap_or(line);
    let abbreviation = last.trim_end_matches('.').contains('.');
    let sentence_end = line.ends_with(['.', ',', ';', ':', '。', '，', '；', '：', '।', '۔'])
        && !line.ends_with("...")
        && !abbreviation;
    line.chars().count() <= TITLE_CHARS
        && (2..=TITLE_WORDS).contains(&words)
        && letters >= 4
        && !sentence_end
        && !is_dateline(line)
}

/// A line that only gives a place, a date or a time: what opens a wire story, not a headline.
fn is_dateline(line: &str) -> bool {
    if line.ends_with(['-', '–', '—']) {
        return true;
    }
    let words: Vec<&str> = line.split(' ').collect();
    let lettered: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let has_digit = line.chars().any(|c| c.is_ascii_digit());
    let year_or_time = line
        .split(|c: char| !c.is_ascii_digit() && c != ':')
        .any(|t| is_year(t) || is_clock(t));
    let all_capitalised = lettered
        .iter()
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    (year_or_time && words.len() <= 8 && lettered.len() <= 4)
        || (has_digit && lettered.len() <= 2 && all_capitalised)
}

fn is_year(t: &str) -> bool {
    t.len() == 4
        && (t.starts_with("19") || t.starts_with("20"))
        && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_clock(t: &str) -> bool {
    let mut parts = t.split(':');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(h), Some(m), None) if (1..=2).contains(&h.len()) && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &TextArticle) -> Vec<&str> {
        t.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn line_endings_and_spaces_are_normalised() {
        let t =
            split("Head line here\r\n\r\nOne  para\tgraph.\rSecond line of it that is longer.\r\n");
        assert_eq!(t.title.as_deref(), Some("Head line here"));
        assert_eq!(
            texts(&t),
            ["One para graph.", "Second line of it that is longer."]
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let t = split("\u{feff}Head line here\n\nThe body of the story.\n");
        assert_eq!(t.title.as_deref(), Some("Head line here"));
    }

    #[test]
    fn a_lone_control_above_a_long_line_stands_apart() {
        let long = "Sitelerimizde reklam ve pazarlama faaliyetlerinin yürütülmesi amaçları ile çerezler kullanılmaktadır.";
        let t = split(&format!("Story.\n\nBody text.\n\nX\n{long}\n"));
        assert_eq!(texts(&t), ["Story.", "Body text.", "X", long]);
        assert_eq!(t.title, None);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "Pakistan said on Tuesday its forces had struck hideouts of militants\n\
                    in eastern Afghanistan, a claim the Taliban government rejected as\n\
                    baseless.\n\
                    Share\n";
        let t = split(text);
        assert_eq!(t.blocks.len(), 2);
        assert!(t.blocks[0].text.ends_with("rejected as baseless."));
        assert_eq!(t.blocks[1].text, "Share");
    }

    #[test]
    fn an_unwrapped_long_line_in_a_wrapped_text_stands_alone() {
        let wrapped = "The interior ministry said the curfew would be lifted on Friday in all\n\
                       districts of the capital except the old city, where clashes continued.\n";
        let long = "Bu sitede deneyiminizi iyileştirmek için çerezler kullanılmaktadır ve siteyi kullanmaya devam ederek bunu kabul etmiş olursunuz.";
        let t = split(&format!("{wrapped}\n{wrapped}\n{wrapped}\n{long}\nTamam\n"));
        assert_eq!(t.blocks.len(), 5);
        assert_eq!(t.blocks[3].text, long);
        assert_eq!(t.blocks[4].text, "Tamam");
    }

    #[test]
    fn wrapped_chinese_is_joined_without_spaces() {
        let a = "外交部发言人周二表示双方将在下周继续举行会谈并讨论停火安排以及人道主义援助的问题各方都表示欢迎";
        let b = "这一进展";
        let t = split(&format!("{a}\n{b}\n\n{a}\n{b}\n"));
        assert_eq!(t.blocks[0].text, format!("{a}{b}"));
    }

    #[test]
    fn short_lines_are_separate_and_lists_are_items() {
        let t = split("Share\nTweet\nEmail\n\n- first point here\n- second point here\n");
        assert_eq!(
            texts(&t),
            [
                "Share",
                "Tweet",
                "Email",
                "- first point here",
                "- second point here"
            ]
        );
        assert_eq!(t.blocks[3].role, BlockRole::ListItem);
    }

    #[test]
    fn headlines_and_what_is_not_one() {
        assert!(reads_as_headline(
            "Russia says ready to mediate in Afghanistan-Pakistan conflict"
        ));
        assert!(reads_as_headline("Putin Says 12 Killed"));
        assert!(reads_as_headline("Is a ceasefire near?"));
        assert!(reads_as_headline("Iran warns U.S."));
        assert!(reads_as_headline("俄罗斯称愿意调解阿富汗与巴基斯坦冲突"));
        assert!(!reads_as_headline("外交部发言人周二表示，双方将继续会谈。"));
        assert!(!reads_as_headline("KABUL, March 17 (Reuters) -"));
        assert!(!reads_as_headline("Tuesday 17 March 2026 10:15 GMT"));
        assert!(!reads_as_headline("Kabul, 17 March"));
        assert!(!reads_as_headline(
            "The army said five soldiers were killed."
        ));
        assert!(!reads_as_headline("X"));
        assert_eq!(split("Only one line here").title, None);
    }
}
