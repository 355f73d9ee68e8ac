//! Line indexes over the gazetteer's text files, built in one pass at load.
//!
//! The principal type is [`NameIndex`]: for the sorted name file, where each line starts and
//! where its key ends, with a table of two-byte prefixes that narrows every binary search to a
//! few dozen lines. [`Lines`] indexes the record file. Both borrow the text as it is embedded.
//!
//! ```
//! use std::borrow::Cow;
//! use sitrep_pipeline::analyze::places::index::NameIndex;
//!
//! let index = NameIndex::new(Cow::Borrowed("kabul\t3\nkandahar\t4 5\n"));
//! assert_eq!(index.get(index.lower_bound("kandahar")), Some(("kandahar", "4 5")));
//! ```

use std::borrow::Cow;

/// A text file of lines, with the offset of each line.
#[derive(Debug, Clone)]
pub struct Lines {
    text: Cow<'static, str>,
    starts: Vec<u32>,
}

impl Lines {
    pub fn new(text: Cow<'static, str>) -> Lines {
        let mut starts = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0usize;
        while at < bytes.len() {
            starts.push(at as u32);
            at = match memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default()) {
                Some(i) => at + i + 1,
                None => bytes.len(),
            };
        }
        Lines { text, starts }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let start = *self.starts.get(i)? as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\n').unwrap_or(line))
    }
}

/// The name index: where each line starts, and which lines each two-byte key prefix spans.
#[derive(Debug, Clone)]
pub struct NameIndex {
    text: Cow<'static, str>,
    starts: Vec<u32>,
    /// For each two-byte prefix `p` (see [`bucket`]), `buckets[p]..buckets[p + 1]` are the lines
    /// whose keys start with it. Sorted keys keep each prefix's lines together.
    buckets: Vec<u32>,
}

impl NameIndex {
    pub fn new(text: Cow<'static, str>) -> NameIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 16);
        // Count the keys of each two-byte prefix, then turn the counts into start lines.
        let mut buckets = vec![0u32; BUCKETS + 1];
        let mut count = |start: usize| {
            let line = bytes.get(start..).unwrap_or_default();
            let key_end = line
                .iter()
                .take(2)
                .position(|&b| b == b'\t' || b == b'\n')
                .unwrap_or(2);
            let p = bucket(line.get(..key_end).unwrap_or_default());
            if let Some(slot) = buckets.get_mut(p + 1) {
                *slot += 1;
            }
        };
        let mut line_start = 0usize;
        for end in memchr::memchr_iter(b'\n', bytes) {
            starts.push(line_start as u32);
            count(line_start);
            line_start = end + 1;
        }
        if line_start < bytes.len() {
            starts.push(line_start as u32);
            count(line_start);
        }
        for i in 1..buckets.len() {
            let prev = buckets.get(i - 1).copied().unwrap_or(0);
            if let Some(slot) = buckets.get_mut(i) {
                *slot += prev;
            }
        }
        NameIndex {
            text,
            starts,
            buckets,
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The whole of line `i`, without its line break.
    fn line(&self, i: usize) -> Option<&str> {
        let start = *self.starts.get(i)? as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\n').unwrap_or(line))
    }

    /// The key of line `i`: up to its TAB.
    fn key(&self, i: usize) -> Option<&str> {
        let line = self.line(i)?;
        let tab = memchr::memchr(b'\t', line.as_bytes()).unwrap_or(line.len());
        line.get(..tab)
    }

    /// The key and the refs of line `i`.
    pub fn get(&self, i: usize) -> Option<(&str, &str)> {
        let line = self.line(i)?;
        Some(line.split_once('\t').unwrap_or((line, "")))
    }

    /// The first line whose key is not less than `key`.
    pub fn lower_bound(&self, key: &str) -> usize {
        let p = bucket(key.as_bytes());
        let lo = self.buckets.get(p).map_or(0, |&x| x as usize);
        let hi = self.buckets.get(p + 1).map_or(self.len(), |&x| x as usize);
        // Keys of a smaller prefix come before, so a key absent from its bucket would sit at its
        // end: the answer lies in lo..=hi.
        let (mut lo, mut hi) = (lo, hi.max(lo));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.key(mid).unwrap_or("") < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// How many two-byte prefixes there are.
const BUCKETS: usize = 1 << 16;

/// The two-byte prefix of a key, the second byte 0 for a one-byte key.
fn bucket(key: &[u8]) -> usize {
    let b0 = key.first().map_or(0, |&b| usize::from(b));
    let b1 = key.get(1).map_or(0, |&b| usize::from(b));
    (b0 << 8) | b1
}
