//! Quotation marks: where quoted text starts and ends.
//!
//! The principal type is [`Quoted`]: the byte span of the words between an opening and a
//! closing mark (the marks left out). Straight quotes, curly quotes, « » and „ " are paired
//! within a paragraph. A quote still open at the end of a paragraph continues when the next
//! paragraph opens with a quote mark (the wire convention for long quotes); each paragraph's
//! piece is its own [`Quoted`], and the pieces of one quote share a `group`.
//!
//! ```
//! use sitrep_pipeline::extract::quotes::marks::find;
//! let text = "He said: «We agree» and left.";
//! let q = &find(text)[0];
//! assert_eq!(&text[q.start..q.end], "We agree");
//! ```

/// One quoted stretch of one paragraph, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// The opening mark.
    pub open: usize,
    /// The quoted words (trimmed), without the marks.
    pub start: usize,
    pub end: usize,
    /// One past the closing mark, or the end of the paragraph for a piece that continues.
    pub close: usize,
    /// Pieces of one quote across paragraphs share a group number.
    pub group: usize,
}

/// The closing marks that pair with an opening mark; `None` when `c` opens nothing.
fn closers(c: char) -> Option<&'static [char]> {
    match c {
        '"' => Some(&['"']),
        '“' => Some(&['”', '"']),
        '„' => Some(&['“', '”', '"']),
        '«' => Some(&['»']),
        '‹' => Some(&['›']),
        _ => None,
    }
}

/// The paragraphs of `text` as byte ranges: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push((s, end));
                start = None;
            }
            // A paragraph starts at its first visible char, where a continuing quote reopens.
            (false, None) => start = Some(pos + line.len() - line.trim_start().len()),
            _ => {}
        }
        if !blank {
            end = pos + line.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Whether a mark at byte `i` can open a quote: at the start of a word, not inside one.
fn can_open(text: &str, i: usize, c: char) -> bool {
    let prev = text.get(..i).and_then(|t| t.chars().next_back());
    let next = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
    let prev_ok = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:;,".contains(p));
    let next_ok = next.is_some_and(|n| !n.is_whitespace());
    prev_ok && next_ok
}

/// The quoted stretches of `text`.
pub fn find(text: &str) -> Vec<Quoted> {
    let paras = paragraphs(text);
    let mut out: Vec<Quoted> = Vec::new();
    let mut group = 0;
    // An open quote carried into the next paragraph: its closers and group.
    let mut carried: Option<(&'static [char], usize)> = None;
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        let Some(para) = text.get(ps..pe) else {
            continue;
        };
        let mut open: Option<(usize, usize, &'static [char], usize)> = None;
        for (off, c) in para.char_indices() {
            let i = ps + off;
            match open {
                None => {
                    if let Some(cl) = closers(c).filter(|_| can_open(text, i, c)) {
                        let g = match carried.take() {
                            Some((_, g)) if off == 0 => g,
                            _ => {
                                group += 1;
                                group
                            }
                        };
                        open = Some((i, i + c.len_utf8(), cl, g));
                    }
                    carried = None;
                }
                Some((o, s, cl, g)) if cl.contains(&c) => {
                    push(text, &mut out, o, s, i, i + c.len_utf8(), g);
                    open = None;
                }
                Some(_) => {}
            }
        }
        carried = None;
        if let Some((o, s, cl, g)) = open {
            // Continued only when the next paragraph opens with a quote mark.
            let next_opens = paras
                .get(pi + 1)
                .and_then(|&(ns, ne)| text.get(ns..ne))
                .and_then(|p| p.chars().next())
                .is_some_and(|c| closers(c).is_some());
            if next_opens {
                push(text, &mut out, o, s, pe, pe, g);
                carried = Some((cl, g));
            } else {
                // An unclosed quote is dropped, and so are the earlier pieces of its group.
                out.retain(|q| q.group != g);
            }
        }
    }
    out
}

fn push(
    text: &str,
    out: &mut Vec<Quoted>,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    group: usize,
) {
    let Some(inner) = text.get(start..end) else {
        return;
    };
    let lead = inner.len() - inner.trim_start().len();
    // The comma before a closing mark belongs to the reporter's sentence, not to the quote.
    let trimmed = inner.trim().trim_end_matches([',', ';', ':']).trim_end();
    if trimmed.is_empty() {
        return;
    }
    let s = start + lead;
    out.push(Quoted {
        open,
        start: s,
        end: s + trimmed.len(),
        close,
        group,
    });
}
