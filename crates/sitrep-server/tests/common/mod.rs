//! A small in-memory [`Store`] for the HTTP tests: enough filtering and paging to tell whether
//! the server passes queries through and shapes answers right. The real backends have their own
//! tests in `sitrep-store`.

#![allow(dead_code)]

use std::sync::Mutex;

use sitrep_model::{ActorRef, Reading, RecordRef};
use sitrep_store::{
    ActorCount, ClaimProvenance, ClaimRow, ClaimSource, DocId, DocumentRow, EventRow, Filter,
    MapPoint, NewDocument, PlaceCount, PutMode, PutOutcome, Query, QuoteRow, Result, Stats, Store,
    StoreError, StoredDocument, StoryCasualties, StoryDetail, StoryEvent, StoryId, StoryRow,
    TimelinePoint,
};

#[derive(Default)]
pub struct MemStore {
    pub docs: Mutex<Vec<StoredDocument>>,
    /// Fail every query with this message (to test error mapping).
    pub fail_with: Option<String>,
}

pub fn seed_reading() -> Reading {
    serde_json::from_str(include_str!("../../test_data/seed.jsonl")).expect("seed reading")
}

pub fn new_doc(reading: Reading) -> NewDocument {
    NewDocument {
        content_hash: format!("{:x}", reading.text.len() * 31 + reading.id.len()),
        origin: RecordRef {
            input: reading.id.clone(),
            record: None,
            offset: None,
        },
        reading,
        raw: None,
        captured: None,
        reader_version: "test".into(),
    }
}

fn matches_actor(a: &Option<ActorRef>, p: &str) -> bool {
    a.as_ref().is_some_and(|a| {
        a.code.as_deref().is_some_and(|c| c.starts_with(p))
            || a.country.as_deref().is_some_and(|c| c.starts_with(p))
    })
}

impl MemStore {
    fn check(&self) -> Result<()> {
        match &self.fail_with {
            Some(m) => Err(StoreError::Query(m.clone())),
            None => Ok(()),
        }
    }

    fn docs_matching(&self, f: &Filter) -> Vec<StoredDocument> {
        let docs = self.docs.lock().expect("lock");
        docs.iter()
            .filter(|d| f.document.is_none_or(|id| d.doc == id))
            .filter(|d| f.story.is_none_or(|id| d.story == Some(id)))
            .filter(|d| {
                f.text.as_deref().is_none_or(|t| {
                    let t = t.to_lowercase();
                    d.reading.text.to_lowercase().contains(&t)
                        || d.reading
                            .title
                            .as_deref()
                            .is_some_and(|x| x.to_lowercase().contains(&t))
                })
            })
            .cloned()
            .collect()
    }

    fn row(d: &StoredDocument) -> DocumentRow {
        DocumentRow {
            doc: d.doc,
            title: d.reading.title.clone(),
            url: d.reading.url.clone(),
            published: d.reading.published.clone(),
            language: d.reading.language.clone(),
            duplicate_of: d.duplicate_of,
            story: d.story,
            events: d.reading.events.len() as u32,
            claims: d.reading.casualties.len() as u32,
            snippet: d.reading.text.chars().take(80).collect(),
        }
    }
}

fn page<T>(rows: Vec<T>, q: &Query) -> Vec<T> {
    rows.into_iter()
        .skip(q.page.offset as usize)
        .take(q.page.limit as usize)
        .collect()
}

impl Store for MemStore {
    fn backend(&self) -> &'static str {
        "memory"
    }

    fn put(&self, batch: Vec<NewDocument>, _mode: PutMode) -> Result<Vec<PutOutcome>> {
        let mut docs = self.docs.lock().expect("lock");
        let mut out = Vec::new();
        for nd in batch {
            if let Some(d) = docs
                .iter()
                .find(|d| d.content_hash == nd.content_hash && d.reading.url == nd.reading.url)
            {
                out.push(PutOutcome::Unchanged { doc: d.doc });
                continue;
            }
            let doc = docs.len() as DocId + 1;
            docs.push(StoredDocument {
                doc,
                content_hash: nd.content_hash,
                origin: nd.origin,
                captured: nd.captured,
                ingested_at: "2026-03-17T00:00:00Z".into(),
                reader_version: nd.reader_version,
                duplicate_of: None,
                similarity: None,
                story: Some(doc),
                reading: nd.reading,
            });
            out.push(PutOutcome::Stored {
                doc,
                duplicate_of: None,
                story: doc,
            });
        }
        Ok(out)
    }

    fn contains(&self, content_hash: &str, url: Option<&str>) -> Result<Option<DocId>> {
        let docs = self.docs.lock().expect("lock");
        Ok(docs
            .iter()
            .find(|d| d.content_hash == content_hash && d.reading.url.as_deref() == url)
            .map(|d| d.doc))
    }

    fn document(&self, doc: DocId) -> Result<Option<StoredDocument>> {
        self.check()?;
        let docs = self.docs.lock().expect("lock");
        Ok(docs.iter().find(|d| d.doc == doc).cloned())
    }

    fn documents(&self, q: &Query) -> Result<Vec<DocumentRow>> {
        self.check()?;
        let rows = self
            .docs_matching(&q.filter)
            .iter()
            .map(Self::row)
            .collect();
        Ok(page(rows, q))
    }

    fn events(&self, q: &Query) -> Result<Vec<EventRow>> {
        self.check()?;
        let f = &q.filter;
        let mut rows = Vec::new();
        for d in self.docs_matching(f) {
            for (i, e) in d.reading.events.iter().enumerate() {
                let ok = f.quad.is_none_or(|x| e.quad == x)
                    && f.cameo.as_deref().is_none_or(|c| e.cameo.starts_with(c))
                    && f.actor
                        .as_deref()
                        .is_none_or(|a| matches_actor(&e.source, a) || matches_actor(&e.target, a))
                    && f.source
                        .as_deref()
                        .is_none_or(|a| matches_actor(&e.source, a));
                if !ok {
                    continue;
                }
                let text: String = d
                    .reading
                    .text
                    .chars()
                    .skip(e.sentence.start)
                    .take(e.sentence.end.saturating_sub(e.sentence.start))
                    .collect();
                rows.push(EventRow {
                    doc: d.doc,
                    index: i as u32,
                    story: d.story,
                    duplicate_of: None,
                    published: d.reading.published.clone(),
                    title: d.reading.title.clone(),
                    url: d.reading.url.clone(),
                    sentence_text: text,
                    event: e.clone(),
                });
            }
        }
        Ok(page(rows, q))
    }

    fn claims(&self, q: &Query) -> Result<Vec<ClaimRow>> {
        self.check()?;
        let mut rows = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for (i, c) in d.reading.casualties.iter().enumerate() {
                if let Some(who) = &q.filter.claimant {
                    let hit = c.according_to.as_ref().is_some_and(|a| {
                        a.text.contains(who.as_str())
                            || a.code
                                .as_deref()
                                .is_some_and(|x| x.starts_with(who.as_str()))
                    });
                    if !hit {
                        continue;
                    }
                }
                rows.push(ClaimRow {
                    doc: d.doc,
                    index: i as u32,
                    story: d.story,
                    duplicate_of: None,
                    published: d.reading.published.clone(),
                    title: d.reading.title.clone(),
                    url: d.reading.url.clone(),
                    claim: c.clone(),
                });
            }
        }
        Ok(page(rows, q))
    }

    fn quotes(&self, q: &Query) -> Result<Vec<QuoteRow>> {
        self.check()?;
        let mut rows = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for (i, quote) in d.reading.quotes.iter().enumerate() {
                rows.push(QuoteRow {
                    doc: d.doc,
                    index: i as u32,
                    published: d.reading.published.clone(),
                    quote: quote.clone(),
                });
            }
        }
        Ok(page(rows, q))
    }

    fn stories(&self, q: &Query) -> Result<Vec<StoryRow>> {
        self.check()?;
        let rows = self
            .docs_matching(&q.filter)
            .iter()
            .map(story_row)
            .collect();
        Ok(page(rows, q))
    }

    fn story(&self, story: StoryId) -> Result<Option<StoryDetail>> {
        self.check()?;
        let docs = self.docs.lock().expect("lock");
        let Some(d) = docs.iter().find(|d| d.story == Some(story)) else {
            return Ok(None);
        };
        let casualties = d
            .reading
            .casualty_summary
            .iter()
            .map(|s| StoryCasualties {
                summary: s.clone(),
                claims: s
                    .claims
                    .iter()
                    .filter_map(|&i| d.reading.casualties.get(i).map(|c| (i, c)))
                    .map(|(i, c)| ClaimProvenance {
                        claimant: c.according_to.clone(),
                        count: c.count,
                        count_max: c.count_max,
                        qualifier: c.qualifier.clone(),
                        text: c.text.clone(),
                        sources: vec![ClaimSource {
                            doc: d.doc,
                            index: i as u32,
                            url: d.reading.url.clone(),
                            published: d.reading.published.clone(),
                        }],
                    })
                    .collect(),
            })
            .collect();
        Ok(Some(StoryDetail {
            story: story_row(d),
            documents: vec![MemStore::row(d)],
            casualties,
            events: d
                .reading
                .events
                .iter()
                .map(|e| StoryEvent {
                    event: e.clone(),
                    doc: d.doc,
                    reports: 1,
                })
                .collect(),
        }))
    }

    fn actors(&self, q: &Query) -> Result<Vec<ActorCount>> {
        self.check()?;
        let mut rows: Vec<ActorCount> = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for e in &d.reading.entities {
                if let Some(r) = rows.iter_mut().find(|r| r.code == e.code) {
                    r.documents += 1;
                } else {
                    rows.push(ActorCount {
                        code: e.code.clone(),
                        country: e.country.clone(),
                        text: e.text.clone(),
                        documents: 1,
                        events: 0,
                    });
                }
            }
        }
        Ok(page(rows, q))
    }

    fn places(&self, q: &Query) -> Result<Vec<PlaceCount>> {
        self.check()?;
        let mut rows: Vec<PlaceCount> = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for p in &d.reading.places {
                if !rows.iter().any(|r| r.name == p.name) {
                    rows.push(PlaceCount {
                        name: p.name.clone(),
                        country: p.country.clone(),
                        lat: p.lat,
                        lon: p.lon,
                        geonames_id: p.geonames_id,
                        documents: 1,
                        events: 0,
                        claims: 0,
                    });
                }
            }
        }
        Ok(page(rows, q))
    }

    fn map(&self, q: &Query) -> Result<Vec<MapPoint>> {
        self.check()?;
        let mut rows: Vec<MapPoint> = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for p in &d.reading.places {
                if !rows.iter().any(|r| r.name == p.name) {
                    rows.push(MapPoint {
                        lat: p.lat,
                        lon: p.lon,
                        name: p.name.clone(),
                        country: p.country.clone(),
                        events: 1,
                        claims: 0,
                        killed: 0,
                    });
                }
            }
        }
        Ok(page(rows, q))
    }

    fn timeline(&self, q: &Query) -> Result<Vec<TimelinePoint>> {
        self.check()?;
        let mut rows: Vec<TimelinePoint> = Vec::new();
        for d in self.docs_matching(&q.filter) {
            for e in &d.reading.events {
                let date = e.date.clone().unwrap_or_default();
                let i = match rows.iter().position(|r| r.date == date) {
                    Some(i) => i,
                    None => {
                        rows.push(TimelinePoint { date, quad: [0; 4] });
                        rows.len() - 1
                    }
                };
                if let Some(slot) = rows[i].quad.get_mut(usize::from(e.quad.saturating_sub(1))) {
                    *slot += 1;
                }
            }
        }
        rows.sort_by(|a, b| a.date.cmp(&b.date));
        Ok(rows)
    }

    fn stats(&self) -> Result<Stats> {
        self.check()?;
        let docs = self.docs.lock().expect("lock");
        Ok(Stats {
            backend: "memory".into(),
            documents: docs.len() as u64,
            events: docs.iter().map(|d| d.reading.events.len() as u64).sum(),
            ..Stats::default()
        })
    }

    fn scan(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredDocument) -> Result<()>,
    ) -> Result<()> {
        for d in self.docs_matching(filter) {
            each(d)?;
        }
        Ok(())
    }
}

fn story_row(d: &StoredDocument) -> StoryRow {
    StoryRow {
        story: d.story.unwrap_or(d.doc),
        title: d.reading.title.clone(),
        first_published: d.reading.published.clone(),
        last_published: d.reading.published.clone(),
        documents: 1,
        duplicates: 0,
        outlets: 1,
        events: d.reading.events.len() as u32,
        claims: d.reading.casualties.len() as u32,
        countries: Vec::new(),
    }
}
