//! The first pass of the story-aware exporters: what is counted per story before any row is
//! written.
//!
//! **Events, once per story.** Events are keyed by [`sitrep_store::story::event_key`] (CAMEO
//! code, both actors' codes, date, place country) within their story (a document with no story
//! is a story of its own). Near-duplicate copies (`duplicate_of` set) are skipped altogether:
//! they neither count nor are written. For each key the tally keeps:
//! - `mentions`: how many event records carry the key in the story's documents;
//! - `articles`: how many documents carry it (each counted once);
//! - `sources`: how many distinct outlets carry it (URL host; the input's name when a document
//!   has no URL);
//! - `first`: the (document, event index) of its first report in scan order, the one written.
//!
//! **Killed claims per story.** For the ACLED `fatalities`, every claim of outcome `killed`
//! with a figure, that is not a part of a stated total (`part_of`), from the story's
//! non-duplicate documents, is kept as (claimant, place country, figure, upper figure).

use std::collections::{HashMap, HashSet};

use sitrep_model::Event;
use sitrep_store::story::event_key;

use crate::narrow::Narrow;
use crate::text::{claimant_key, claimant_label, url_host};
use crate::StoredDocument;

/// A story, or a lone document that belongs to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoryKey {
    Story(i64),
    Lone(i64),
}

impl StoryKey {
    pub fn of(d: &StoredDocument) -> StoryKey {
        match d.story {
            Some(s) => StoryKey::Story(s),
            None => StoryKey::Lone(d.doc),
        }
    }
}

/// The reports of one event across its story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventReports {
    pub first: (i64, usize),
    pub mentions: u32,
    pub articles: u32,
    /// Hashes of the outlets' names (a few per event; hashes keep the tally small).
    hosts: Vec<u64>,
}

impl EventReports {
    pub fn sources(&self) -> u32 {
        self.hosts.len() as u32
    }
}

/// One killed figure of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct KilledFigure {
    pub claimant: String,
    pub label: String,
    pub place_country: Option<String>,
    pub count: u64,
    pub count_max: u64,
}

/// What the first pass learnt.
#[derive(Debug, Default)]
pub struct Tally {
    events: HashMap<(StoryKey, String), EventReports>,
    killed: HashMap<StoryKey, Vec<KilledFigure>>,
    count_claims: bool,
    narrow: Narrow,
}

/// The outlet of a document (URL host, else the input's name), hashed.
fn outlet(d: &StoredDocument) -> u64 {
    use std::hash::{Hash, Hasher};
    let name = d
        .reading
        .url
        .as_deref()
        .and_then(url_host)
        .unwrap_or_else(|| d.origin.input.clone());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    name.hash(&mut h);
    h.finish()
}

impl Tally {
    /// A tally that also keeps the stories' killed figures.
    pub fn with_claims() -> Tally {
        Tally {
            count_claims: true,
            ..Tally::default()
        }
    }

    /// Counts and writes only the events that match `filter` ([`crate::narrow`]). The claims
    /// behind fatalities are not narrowed: they are the story's.
    pub fn narrowed(&mut self, filter: sitrep_store::Filter) {
        self.narrow = Narrow::new(filter);
    }

    /// Counts one document.
    pub fn add(&mut self, d: &StoredDocument) {
        if d.duplicate_of.is_some() {
            return;
        }
        let story = StoryKey::of(d);
        let host = outlet(d);
        let mut seen = HashSet::new();
        for (i, e) in d.reading.events.iter().enumerate() {
            if !self.narrow.event(e) {
                continue;
            }
            let key = event_key(e);
            let first_in_doc = seen.insert(key.clone());
            let r = self
                .events
                .entry((story, key))
                .or_insert_with(|| EventReports {
                    first: (d.doc, i),
                    mentions: 0,
                    articles: 0,
                    hosts: Vec::new(),
                });
            r.mentions += 1;
            if first_in_doc {
                r.articles += 1;
                if !r.hosts.contains(&host) {
                    r.hosts.push(host);
                }
            }
        }
        if self.count_claims {
            let figures = self.killed.entry(story).or_default();
            for c in &d.reading.casualties {
                let Some(count) = c.count else { continue };
                if c.outcome != "killed" || c.part_of.is_some() {
                    continue;
                }
                figures.push(KilledFigure {
                    claimant: claimant_key(c),
                    label: claimant_label(c),
                    place_country: c.place.as_ref().and_then(|p| p.country.clone()),
                    count,
                    count_max: c.count_max.unwrap_or(count).max(count),
                });
            }
        }
    }

    /// The reports of event `index` of document `d` when it is the one to write (its story's
    /// first report), else `None`. A document the first pass did not see (stored between the
    /// two passes) is counted now, so that it is written once.
    pub fn to_write(
        &mut self,
        d: &StoredDocument,
        index: usize,
        e: &Event,
    ) -> Option<EventReports> {
        if d.duplicate_of.is_some() || !self.narrow.event(e) {
            return None;
        }
        let story = StoryKey::of(d);
        let key = (story, event_key(e));
        if !self.events.contains_key(&key) {
            self.events.insert(
                key.clone(),
                EventReports {
                    first: (d.doc, index),
                    mentions: 1,
                    articles: 1,
                    hosts: vec![outlet(d)],
                },
            );
        }
        self.events
            .get(&key)
            .filter(|r| r.first == (d.doc, index))
            .cloned()
    }

    /// The killed figures of a story.
    pub fn killed(&self, story: StoryKey) -> &[KilledFigure] {
        self.killed.get(&story).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    #[test]
    fn events_count_once_per_story() {
        let mut a = reading("a", "https://one.org/a");
        a.events.push(event("195"));
        let mut b = reading("b", "https://two.org/b");
        b.events.push(event("195"));
        b.events.push(event("195"));
        let mut c = reading("c", "https://two.org/c");
        c.events.push(event("195"));
        let mut dup = stored(4, 1, a.clone());
        dup.duplicate_of = Some(1);
        let docs = [stored(1, 1, a), stored(2, 1, b), stored(3, 1, c), dup];
        let mut t = Tally::default();
        docs.iter().for_each(|d| t.add(d));
        let e = event("195");
        let r = t
            .to_write(&docs[0], 0, &e)
            .expect("first report is written");
        assert_eq!((r.mentions, r.articles, r.sources()), (4, 3, 2));
        assert_eq!(t.to_write(&docs[1], 0, &e), None);
        assert_eq!(
            t.to_write(&docs[3], 0, &e),
            None,
            "near-duplicates are skipped"
        );
    }
}
