//! The behaviour every store backend must have, written against the [`Store`] trait only.
//!
//! Each case takes a maker of fresh, empty stores; `run_all` runs them all. A backend's test file
//! (`tests/sqlite.rs`, later `tests/postgres.rs`) calls them with its own maker. Readings are
//! built by hand, so that every figure checked here is known in advance.

#![allow(dead_code)]

use sitrep_model::{
    ActorRef, CasualtyClaim, DateMention, Entity, EntityKind, Event, Place, Quote, Reading,
    RecordRef, Span,
};
use sitrep_store::{
    Filter, Near, NewDocument, Page, PutMode, PutOutcome, Query, Store, StoreError,
};

pub type Maker<'a> = &'a dyn Fn() -> Box<dyn Store>;

/// Runs every case, each on a fresh store.
pub fn run_all(make: Maker) {
    idempotence(make);
    reprocess_replaces_every_derived_row(make);
    near_duplicates_are_linked_and_left_out(make);
    stories_join_and_reconcile(make);
    event_filters(make);
    claim_and_quote_filters(make);
    document_filters_and_text_search(make);
    near_filter(make);
    stats_count_once(make);
    scan_streams_every_document(make);
    pagination(make);
    aggregates(make);
}

// ---------------------------------------------------------------------------------------------
// Building readings.

const WORDS: &[&str] = &[
    "river", "market", "council", "harbour", "winter", "border", "village", "convoy", "bridge",
    "school", "office", "station", "valley", "road", "field", "mountain", "city", "port",
    "hospital", "camp", "factory", "airport", "garden", "street", "tower", "island", "forest",
    "desert", "coast", "plain", "hill", "lake",
];

/// A text of `n` words, different for every seed (a simple linear congruential walk).
pub fn text(seed: u64, n: usize) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        words.push(WORDS[((x >> 33) % WORDS.len() as u64) as usize]);
    }
    words.join(" ") + "."
}

pub fn actor(text: &str, country: &str, code: &str) -> ActorRef {
    ActorRef {
        text: text.to_string(),
        country: Some(country.to_string()),
        code: Some(code.to_string()),
    }
}

pub fn place(name: &str, country: &str, lat: f64, lon: f64, id: u64) -> Place {
    Place {
        text: name.to_string(),
        start: 0,
        end: name.chars().count(),
        name: name.to_string(),
        country: Some(country.to_string()),
        lat,
        lon,
        geonames_id: Some(id),
    }
}

pub fn kabul() -> Place {
    place("Kabul", "AFG", 34.528, 69.172, 1138958)
}

pub fn islamabad() -> Place {
    place("Islamabad", "PAK", 33.721, 73.043, 1176615)
}

pub fn kyiv() -> Place {
    place("Kyiv", "UKR", 50.450, 30.523, 703448)
}

pub fn event(cameo: &str, quad: u8, source: ActorRef, target: ActorRef, date: &str) -> Event {
    Event {
        source: Some(source),
        target: Some(target),
        cameo: cameo.to_string(),
        root: cameo[..2].to_string(),
        quad,
        goldstein: if quad >= 3 { -5.0 } else { 3.0 },
        plover: Some(if quad == 4 { "ASSAULT" } else { "CONSULT" }.to_string()),
        date: Some(date.to_string()),
        place: None,
        sentence: Span { start: 0, end: 5 },
        confidence: 0.9,
    }
}

pub fn claim(count: u64, outcome: &str, victims: &str, by: Option<ActorRef>) -> CasualtyClaim {
    CasualtyClaim {
        text: format!("{count} {victims}"),
        count: Some(count),
        count_max: None,
        qualifier: "exact".to_string(),
        outcome: outcome.to_string(),
        victims: victims.to_string(),
        country: None,
        according_to: by,
        period: None,
        place: None,
        sentence: Span { start: 0, end: 5 },
        part_of: None,
    }
}

/// A reading with a text, a publication date and entities for the actors of its events.
pub fn reading(id: &str, title: &str, published: &str, text: &str) -> Reading {
    let mut r = Reading::new(id);
    r.url = Some(format!("https://news{}.example/{id}", id.len() % 3));
    r.title = Some(title.to_string());
    r.published = Some(published.to_string());
    r.language = Some("en".to_string());
    r.text = text.to_string();
    r.sentences = vec![Span {
        start: 0,
        end: text.chars().count(),
    }];
    r
}

/// Adds entities for every actor of the events and claims, and date mentions for event dates.
pub fn with_entities(mut r: Reading) -> Reading {
    let mut actors: Vec<ActorRef> = Vec::new();
    for e in &r.events {
        actors.extend(e.source.clone());
        actors.extend(e.target.clone());
    }
    for c in &r.casualties {
        actors.extend(c.according_to.clone());
    }
    for a in actors {
        if !r.entities.iter().any(|e| e.code == a.code) {
            r.entities.push(Entity {
                text: a.text.clone(),
                start: 0,
                end: a.text.chars().count(),
                kind: EntityKind::Organization,
                country: a.country.clone(),
                code: a.code.clone(),
            });
        }
    }
    for e in &r.events {
        if let Some(d) = &e.date {
            r.dates.push(DateMention {
                text: d.clone(),
                start: 0,
                end: 1,
                date: Some(d.clone()),
                range: None,
            });
        }
    }
    r
}

pub fn new_doc(r: Reading) -> NewDocument {
    NewDocument {
        content_hash: format!("hash-of-{}", r.text.len() as u64 * 31 + r.id.len() as u64) + &r.id,
        origin: RecordRef::record("test.jsonl", 1, Some(0)),
        raw: Some(r.text.as_bytes().to_vec()),
        captured: None,
        reader_version: "test".to_string(),
        reading: r,
    }
}

fn q(filter: Filter) -> Query {
    Query {
        filter,
        page: Page::default(),
    }
}

fn stored(o: &PutOutcome) -> (i64, Option<i64>, i64) {
    match o {
        PutOutcome::Stored {
            doc,
            duplicate_of,
            story,
        } => (*doc, *duplicate_of, *story),
        other => panic!("expected Stored, got {other:?}"),
    }
}

fn put1(s: &dyn Store, d: NewDocument) -> PutOutcome {
    let mut out = s.put(vec![d], PutMode::Skip).expect("put");
    assert_eq!(out.len(), 1);
    out.remove(0)
}

// ---------------------------------------------------------------------------------------------
// A small corpus used by several cases.

/// Four documents:
/// 1. AFG/PAK clashes in Kabul (quad 4, 190) and talks (quad 1, 036); 76 civilians killed per UNAMA;
/// 2. a near-duplicate copy of 1 (one word changed);
/// 3. another outlet's report of the same clashes, its own text: the same story;
/// 4. an unrelated Ukrainian story, with a quote and a Kyiv place.
pub fn corpus() -> Vec<NewDocument> {
    let afg = actor("Afghan government", "AFG", "AFGGOV");
    let pak = actor("Pakistani military", "PAK", "PAKMIL");
    let unama = actor("UNAMA", "IGO", "IGOUNO");

    let base = text(1, 120);
    let mut r1 = reading("a1", "Clashes on the border", "2026-03-10", &base);
    let mut clash = event("190", 4, pak.clone(), afg.clone(), "2026-03-09");
    clash.place = Some(kabul());
    r1.events = vec![
        clash.clone(),
        event("036", 1, afg.clone(), pak.clone(), "2026-03-10"),
    ];
    r1.casualties = vec![claim(76, "killed", "civilians", Some(unama.clone()))];
    let mut c1 = r1.casualties[0].clone();
    c1.place = Some(kabul());
    r1.casualties[0] = c1;
    r1.places = vec![kabul()];
    let r1 = with_entities(r1);

    let copy = base
        .replacen("river", "stream", 1)
        .replacen("market", "bazaar", 1);
    let mut r2 = r1.clone();
    r2.id = "a2-copy".to_string();
    r2.url = Some("https://copies.example/a2".to_string());
    r2.text = copy;

    let mut r3 = reading(
        "a3",
        "Border fighting kills dozens",
        "2026-03-11",
        &text(3, 90),
    );
    r3.url = Some("https://other.example/a3".to_string());
    r3.events = vec![clash];
    r3.casualties = vec![
        claim(76, "killed", "civilians", Some(unama)),
        claim(60, "killed", "civilians", Some(afg.clone())),
    ];
    r3.places = vec![kabul(), islamabad()];
    r3.dates = r1.dates.clone();
    let r3 = with_entities(r3);

    let ukr = actor("Ukraine", "UKR", "UKRGOV");
    let rus = actor("Russia", "RUS", "RUSMIL");
    let mut r4 = reading(
        "b4",
        "Drone strike on Kyiv suburbs",
        "2026-02-01",
        &text(4, 100),
    );
    let mut strike = event("195", 4, rus, ukr.clone(), "2026-02-01");
    strike.place = Some(kyiv());
    strike.plover = Some("ASSAULT".to_string());
    r4.events = vec![strike];
    r4.casualties = vec![claim(2, "injured", "people", None)];
    r4.places = vec![kyiv()];
    r4.quotes = vec![Quote {
        speaker: Some(ukr),
        text: "We will rebuild".to_string(),
        start: 0,
        end: 15,
    }];
    let r4 = with_entities(r4);
    vec![new_doc(r1), new_doc(r2), new_doc(r3), new_doc(r4)]
}

/// Stores the corpus one document at a time; returns the four document ids.
pub fn load(s: &dyn Store) -> [i64; 4] {
    let mut ids = [0; 4];
    for (i, d) in corpus().into_iter().enumerate() {
        ids[i] = stored(&put1(s, d)).0;
    }
    ids
}

fn event_docs(s: &dyn Store, f: Filter) -> Vec<(i64, String)> {
    s.events(&q(f))
        .expect("events")
        .into_iter()
        .map(|e| (e.doc, e.event.cameo))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cases.

pub fn idempotence(make: Maker) {
    let s = make();
    let d = corpus().remove(0);
    let (id, dup, _) = stored(&put1(s.as_ref(), d.clone()));
    assert_eq!(dup, None);
    assert_eq!(
        put1(s.as_ref(), d.clone()),
        PutOutcome::Unchanged { doc: id }
    );
    assert_eq!(
        s.contains(&d.content_hash, d.reading.url.as_deref())
            .unwrap(),
        Some(id)
    );
    assert_eq!(
        s.contains(&d.content_hash, Some("https://other.example/"))
            .unwrap(),
        None
    );
    assert_eq!(s.contains("no-such-hash", None).unwrap(), None);
    // The same document twice in one batch is stored once.
    let e = corpus().remove(3);
    let out = s.put(vec![e.clone(), e], PutMode::Skip).unwrap();
    let (id4, _, _) = stored(&out[0]);
    assert_eq!(out[1], PutOutcome::Unchanged { doc: id4 });
    assert_eq!(s.stats().unwrap().documents, 2);
    // An empty batch is fine.
    assert_eq!(s.put(Vec::new(), PutMode::Skip).unwrap(), Vec::new());
    // The whole document comes back as it was given.
    let back = s.document(id).unwrap().expect("stored document");
    assert_eq!(back.reading, d.reading);
    assert_eq!(back.content_hash, d.content_hash);
    assert_eq!(back.origin, d.origin);
    assert_eq!(s.document(id + 1000).unwrap(), None);
}

pub fn reprocess_replaces_every_derived_row(make: Maker) {
    let s = make();
    let d = corpus().remove(0);
    let (id, _, story) = stored(&put1(s.as_ref(), d.clone()));
    assert_eq!(s.events(&q(Filter::default())).unwrap().len(), 2);

    let mut again = d.clone();
    again.reading.events.truncate(1);
    again.reading.casualties.clear();
    again.reading.quotes = vec![Quote {
        speaker: None,
        text: "new quote".to_string(),
        start: 0,
        end: 9,
    }];
    again.reading.title = Some("Reprocessed title".to_string());
    again.reading.text = format!("{} zeppelin", d.reading.text);
    again.reader_version = "test-2".to_string();
    // Skip mode leaves it alone.
    assert_eq!(
        put1(s.as_ref(), again.clone()),
        PutOutcome::Unchanged { doc: id }
    );
    assert_eq!(s.events(&q(Filter::default())).unwrap().len(), 2);

    let out = s.put(vec![again.clone()], PutMode::Reprocess).unwrap();
    assert_eq!(out, vec![PutOutcome::Replaced { doc: id }]);
    let back = s.document(id).unwrap().unwrap();
    assert_eq!(back.reading, again.reading);
    assert_eq!(back.reader_version, "test-2");
    assert_eq!(back.story, Some(story));
    let all = Filter::default();
    assert_eq!(s.events(&q(all.clone())).unwrap().len(), 1);
    assert!(s.claims(&q(all.clone())).unwrap().is_empty());
    assert_eq!(s.quotes(&q(all.clone())).unwrap().len(), 1);
    // The text index follows the new reading.
    let found = |t: &str| {
        s.documents(&q(Filter {
            text: Some(t.to_string()),
            ..Filter::default()
        }))
        .unwrap()
        .len()
    };
    assert_eq!(found("zeppelin"), 1);
    assert_eq!(found("\"Clashes on the border\""), 0);
    assert_eq!(found("Reprocessed"), 1);
    let stats = s.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.claims), (1, 1, 0));
}

pub fn near_duplicates_are_linked_and_left_out(make: Maker) {
    let s = make();
    let [a1, a2, _, _] = load(s.as_ref());
    let copy = s.document(a2).unwrap().unwrap();
    assert_eq!(copy.duplicate_of, Some(a1));
    assert!(
        copy.similarity.unwrap_or(0.0) >= 0.6,
        "{:?}",
        copy.similarity
    );
    let original = s.document(a1).unwrap().unwrap();
    assert_eq!(copy.story, original.story);
    // Left out of lists and counts unless asked for.
    let docs: Vec<i64> = s
        .documents(&q(Filter::default()))
        .unwrap()
        .iter()
        .map(|d| d.doc)
        .collect();
    assert!(!docs.contains(&a2) && docs.contains(&a1));
    let with = Filter {
        include_duplicates: true,
        ..Filter::default()
    };
    assert!(s
        .documents(&q(with.clone()))
        .unwrap()
        .iter()
        .any(|d| d.doc == a2));
    assert!(!event_docs(s.as_ref(), Filter::default())
        .iter()
        .any(|(d, _)| *d == a2));
    assert!(event_docs(s.as_ref(), with).iter().any(|(d, _)| *d == a2));
    assert_eq!(s.stats().unwrap().duplicates, 1);
}

pub fn stories_join_and_reconcile(make: Maker) {
    let s = make();
    let [a1, a2, a3, b4] = load(s.as_ref());
    let story = |d| s.document(d).unwrap().unwrap().story.expect("a story");
    assert_eq!(
        story(a3),
        story(a1),
        "same actors, places and dates: same story"
    );
    assert_ne!(story(b4), story(a1));

    let detail = s.story(story(a1)).unwrap().expect("story detail");
    assert_eq!(detail.story.documents, 3);
    assert_eq!(detail.story.duplicates, 1);
    assert_eq!(detail.story.outlets, 3);
    assert_eq!(detail.story.first_published.as_deref(), Some("2026-03-10"));
    assert_eq!(detail.story.last_published.as_deref(), Some("2026-03-11"));
    assert_eq!(detail.story.title.as_deref(), Some("Clashes on the border"));
    assert_eq!(
        detail.story.countries.first().map(String::as_str),
        Some("AFG")
    );
    let doc_ids: Vec<i64> = detail.documents.iter().map(|d| d.doc).collect();
    assert_eq!(doc_ids.len(), 3);
    assert!(doc_ids.contains(&a2));
    // The clash is reported by a1 and a3 (the copy a2 does not count): one event, two reports.
    let clash: Vec<_> = detail
        .events
        .iter()
        .filter(|e| e.event.cameo == "190")
        .collect();
    assert_eq!(clash.len(), 1);
    assert_eq!(clash[0].reports, 2);
    assert_eq!(clash[0].doc, a1);
    assert_eq!(detail.events.len(), 2);
    assert_eq!(detail.story.events, 2);
    // UNAMA's 76 from two documents is one claim with two sources; Kabul's 60 is another.
    let killed = detail
        .casualties
        .iter()
        .find(|c| c.summary.outcome == "killed" && c.summary.victims == "civilians")
        .expect("killed civilians");
    assert_eq!(killed.summary.low, Some(60));
    assert_eq!(killed.summary.high, Some(76));
    assert_eq!(killed.claims.len(), 2);
    let unama = killed
        .claims
        .iter()
        .find(|c| c.count == Some(76))
        .expect("UNAMA's figure");
    let mut sources: Vec<i64> = unama.sources.iter().map(|s| s.doc).collect();
    sources.sort();
    assert_eq!(sources, vec![a1, a3]);
    assert_eq!(detail.story.claims, 3);

    // Story lists: largest first, filterable.
    let stories = s.stories(&q(Filter::default())).unwrap();
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0].story, story(a1));
    let ukr = s
        .stories(&q(Filter {
            actor: Some("UKR".into()),
            ..Filter::default()
        }))
        .unwrap();
    assert_eq!(ukr.len(), 1);
    assert_eq!(ukr[0].story, story(b4));
    assert_eq!(s.story(story(b4) + 1000).unwrap(), None);
}

pub fn event_filters(make: Maker) {
    let s = make();
    let [a1, _, a3, b4] = load(s.as_ref());
    let with = |f: Filter| {
        let mut got = event_docs(s.as_ref(), f);
        got.sort();
        got
    };
    let all = with(Filter::default());
    assert_eq!(all.len(), 4, "{all:?}");
    let actor = |a: &str| Filter {
        actor: Some(a.to_string()),
        ..Filter::default()
    };
    // Prefix of a code, or a country, on either side.
    assert_eq!(with(actor("AFG")).len(), 3);
    assert_eq!(with(actor("afg")).len(), 3);
    assert_eq!(with(actor("PAKMIL")).len(), 3);
    assert_eq!(with(actor("RUS")), vec![(b4, "195".to_string())]);
    assert_eq!(with(actor("ZZZ")), vec![]);
    let f = Filter {
        source: Some("PAK".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "190".into()), (a3, "190".into())]);
    let f = Filter {
        target: Some("PAK".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "036".into())]);
    let f = Filter {
        cameo: Some("19".into()),
        ..Filter::default()
    };
    assert_eq!(with(f).len(), 3);
    let f = Filter {
        cameo: Some("195".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(b4, "195".into())]);
    let f = Filter {
        root: Some("03".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "036".into())]);
    let f = Filter {
        quad: Some(1),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "036".into())]);
    let f = Filter {
        plover: Some("assault".into()),
        ..Filter::default()
    };
    assert_eq!(with(f).len(), 3);
    // Dates: the event's own date.
    let f = Filter {
        since: Some("2026-03-10".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "036".into())]);
    let f = Filter {
        until: Some("2026-03-09".into()),
        ..Filter::default()
    };
    assert_eq!(with(f).len(), 3);
    let f = Filter {
        since: Some("2026-03-01".into()),
        until: Some("2026-03-09".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a1, "190".into()), (a3, "190".into())]);
    // Country of the event's place.
    let f = Filter {
        country: Some("UKR".into()),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(b4, "195".into())]);
    // Document and story.
    let f = Filter {
        document: Some(a3),
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(a3, "190".into())]);
    let story = s.document(b4).unwrap().unwrap().story;
    let f = Filter {
        story,
        ..Filter::default()
    };
    assert_eq!(with(f), vec![(b4, "195".into())]);
    // Claimant: the events of documents with a claim by that claimant.
    let f = Filter {
        claimant: Some("unama".into()),
        ..Filter::default()
    };
    assert_eq!(with(f).len(), 3);
    // Rows carry their provenance.
    let rows = s
        .events(&q(Filter {
            document: Some(b4),
            ..Filter::default()
        }))
        .unwrap();
    assert_eq!(
        rows[0].title.as_deref(),
        Some("Drone strike on Kyiv suburbs")
    );
    assert_eq!(rows[0].published.as_deref(), Some("2026-02-01"));
    assert_eq!(rows[0].index, 0);
    assert!(!rows[0].sentence_text.is_empty());
    // Bad values are query errors.
    let bad = Filter {
        since: Some("March".into()),
        ..Filter::default()
    };
    assert!(matches!(s.events(&q(bad)), Err(StoreError::Query(_))));
}

pub fn claim_and_quote_filters(make: Maker) {
    let s = make();
    let [a1, _, a3, b4] = load(s.as_ref());
    let claims = |f: Filter| {
        let mut v: Vec<(i64, Option<u64>)> = s
            .claims(&q(f))
            .unwrap()
            .into_iter()
            .map(|c| (c.doc, c.claim.count))
            .collect();
        v.sort();
        v
    };
    assert_eq!(claims(Filter::default()).len(), 4);
    let f = Filter {
        claimant: Some("IGO".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f), vec![(a1, Some(76)), (a3, Some(76))]);
    let f = Filter {
        claimant: Some("afghan gov".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f), vec![(a3, Some(60))]);
    let f = Filter {
        actor: Some("AFG".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f), vec![(a3, Some(60))]);
    let f = Filter {
        country: Some("AFG".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f), vec![(a1, Some(76))]);
    let f = Filter {
        cameo: Some("195".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f), vec![(b4, Some(2))]);
    let f = Filter {
        since: Some("2026-03-11".into()),
        ..Filter::default()
    };
    assert_eq!(claims(f).len(), 2);

    let quotes = s.quotes(&q(Filter::default())).unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].doc, b4);
    assert_eq!(quotes[0].quote.text, "We will rebuild");
    let f = Filter {
        actor: Some("UKR".into()),
        ..Filter::default()
    };
    assert_eq!(s.quotes(&q(f)).unwrap().len(), 1);
    let f = Filter {
        actor: Some("AFG".into()),
        ..Filter::default()
    };
    assert!(s.quotes(&q(f)).unwrap().is_empty());
}

pub fn document_filters_and_text_search(make: Maker) {
    let s = make();
    let [a1, _, a3, b4] = load(s.as_ref());
    let docs = |f: Filter| -> Vec<i64> {
        s.documents(&q(f))
            .unwrap()
            .into_iter()
            .map(|d| d.doc)
            .collect()
    };
    // Newest first.
    assert_eq!(docs(Filter::default()), vec![a3, a1, b4]);
    let text = |t: &str| Filter {
        text: Some(t.to_string()),
        ..Filter::default()
    };
    assert_eq!(docs(text("drone")), vec![b4]);
    assert_eq!(docs(text("\"Drone strike\" AND kyiv")), vec![b4]);
    assert!(docs(text("drone NOT kyiv")).is_empty());
    assert_eq!(docs(text("clash* OR fighting")), vec![a3, a1]);
    let hit = &s.documents(&q(text("suburbs"))).unwrap()[0];
    assert!(hit.snippet.contains("suburbs"), "{}", hit.snippet);
    // FTS syntax errors are query errors, not crashes.
    for bad in ["\"unbalanced", "AND AND", "drone NOT"] {
        assert!(
            matches!(s.documents(&q(text(bad))), Err(StoreError::Query(_))),
            "{bad}"
        );
    }
    // Document-level meaning of record filters.
    let f = Filter {
        cameo: Some("036".into()),
        ..Filter::default()
    };
    assert_eq!(docs(f), vec![a1]);
    let f = Filter {
        country: Some("PAK".into()),
        ..Filter::default()
    };
    assert_eq!(docs(f), vec![a3]);
    let f = Filter {
        since: Some("2026-03-01".into()),
        until: Some("2026-03-10".into()),
        ..Filter::default()
    };
    assert_eq!(docs(f), vec![a1]);
    let row = &s
        .documents(&q(Filter {
            document: Some(a1),
            ..Filter::default()
        }))
        .unwrap()[0];
    assert_eq!((row.events, row.claims), (2, 1));
    assert_eq!(row.title.as_deref(), Some("Clashes on the border"));
}

pub fn near_filter(make: Maker) {
    let s = make();
    let [a1, _, a3, b4] = load(s.as_ref());
    let near = |lat, lon, km| Filter {
        near: Some(Near { lat, lon, km }),
        ..Filter::default()
    };
    // 20 km of Kabul: the clash events, not the talks (no place) nor Kyiv.
    let got = event_docs(s.as_ref(), near(34.5, 69.2, 20.0));
    assert_eq!(got, vec![(a1, "190".into()), (a3, "190".into())]);
    // Islamabad is about 370 km from Kabul: 100 km of Islamabad holds no event...
    assert!(event_docs(s.as_ref(), near(33.7, 73.0, 100.0)).is_empty());
    // ...but a document with a place there.
    let docs: Vec<i64> = s
        .documents(&q(near(33.7, 73.0, 100.0)))
        .unwrap()
        .iter()
        .map(|d| d.doc)
        .collect();
    assert_eq!(docs, vec![a3]);
    // A box corner is not inside the circle: 50 km north-east of Kyiv by both degrees is
    // further than 50 km.
    assert!(event_docs(s.as_ref(), near(50.45 + 0.4, 30.52 + 0.6, 50.0)).is_empty());
    assert_eq!(
        event_docs(s.as_ref(), near(50.45, 30.52, 5.0)),
        vec![(b4, "195".into())]
    );
    let places = s.places(&q(near(50.45, 30.52, 5.0))).unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].name, "Kyiv");
    let timeline = s.timeline(&q(near(50.45, 30.52, 5.0))).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].date, "2026-02-01");
    assert_eq!(timeline[0].quad, [0, 0, 0, 1]);
    let map = s.map(&q(near(34.5, 69.2, 20.0))).unwrap();
    assert_eq!(map.len(), 1);
    assert_eq!((map[0].events, map[0].claims), (2, 1));
    let claims = s.claims(&q(near(34.5, 69.2, 20.0))).unwrap();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].doc, a1);
}

pub fn stats_count_once(make: Maker) {
    let s = make();
    let empty = s.stats().unwrap();
    assert_eq!((empty.documents, empty.events, empty.stories), (0, 0, 0));
    load(s.as_ref());
    let st = s.stats().unwrap();
    assert_eq!(st.backend, s.backend());
    assert_eq!(st.schema_version, sitrep_store::SCHEMA_VERSION);
    assert_eq!(st.documents, 4);
    assert_eq!(st.duplicates, 1);
    assert_eq!(st.stories, 2);
    assert_eq!(st.multi_document_stories, 1);
    // Events of non-copies: a1 has two, a3 one, b4 one.
    assert_eq!(st.events, 4);
    // Once per story: the clash (a1, a3) counts once, the strike once; the talks are quad 1.
    assert_eq!(st.events_by_quad, [1, 0, 0, 2]);
    assert_eq!(st.claims, 4);
    assert_eq!(st.claims_by_claimant[0], ("UNAMA".to_string(), 2));
    assert!(st
        .claims_by_claimant
        .contains(&("(reporter)".to_string(), 1)));
    assert_eq!(st.quotes, 1);
    assert_eq!(st.first_published.as_deref(), Some("2026-02-01"));
    assert_eq!(st.last_published.as_deref(), Some("2026-03-11"));
}

pub fn scan_streams_every_document(make: Maker) {
    let s = make();
    let ids = load(s.as_ref());
    let mut seen = Vec::new();
    s.scan(&Filter::default(), &mut |d| {
        seen.push(d.doc);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![ids[0], ids[2], ids[3]]);
    let mut all = 0;
    let f = Filter {
        include_duplicates: true,
        ..Filter::default()
    };
    s.scan(&f, &mut |d| {
        assert!(!d.reading.text.is_empty());
        all += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(all, 4);
    // The caller's error stops the scan and comes back.
    let mut calls = 0;
    let err = s.scan(&f, &mut |_| {
        calls += 1;
        Err(StoreError::Query("stop".to_string()))
    });
    assert!(matches!(err, Err(StoreError::Query(m)) if m == "stop"));
    assert_eq!(calls, 1);
}

pub fn pagination(make: Maker) {
    let s = make();
    // 30 unrelated documents with one event each, on distinct days.
    let docs: Vec<NewDocument> = (0..30)
        .map(|i| {
            let day = format!("2026-01-{:02}", i + 1);
            let mut r = reading(
                &format!("p{i}"),
                &format!("Item {i}"),
                &day,
                &text(100 + i, 80),
            );
            r.events = vec![event(
                "042",
                1,
                actor("A", "FRA", &format!("FRA{i:03}")),
                actor("B", "DEU", &format!("DEU{i:03}")),
                &day,
            )];
            new_doc(r)
        })
        .collect();
    s.put(docs, PutMode::Skip).unwrap();
    let page = |limit, offset| -> Vec<String> {
        s.events(&Query {
            filter: Filter::default(),
            page: Page { limit, offset },
        })
        .unwrap()
        .into_iter()
        .filter_map(|e| e.event.date)
        .collect()
    };
    let first = page(10, 0);
    let second = page(10, 10);
    assert_eq!(first.len(), 10);
    assert_eq!(first[0], "2026-01-01");
    assert_eq!(second[0], "2026-01-11");
    assert_eq!(page(10, 25).len(), 5);
    assert!(page(10, 30).is_empty());
    let docs = s
        .documents(&Query {
            filter: Filter::default(),
            page: Page {
                limit: 3,
                offset: 1,
            },
        })
        .unwrap();
    let titles: Vec<_> = docs.iter().filter_map(|d| d.title.clone()).collect();
    assert_eq!(titles, vec!["Item 28", "Item 27", "Item 26"]);
    // Paging after a circle check.
    let near = Filter {
        near: Some(Near {
            lat: 0.0,
            lon: 0.0,
            km: 10.0,
        }),
        ..Filter::default()
    };
    assert!(s.events(&q(near)).unwrap().is_empty());
}

pub fn aggregates(make: Maker) {
    let s = make();
    let [a1, _, a3, _] = load(s.as_ref());
    let actors = s.actors(&q(Filter::default())).unwrap();
    let afg = actors
        .iter()
        .find(|a| a.code.as_deref() == Some("AFGGOV"))
        .expect("AFGGOV");
    assert_eq!(afg.documents, 2);
    assert_eq!(afg.events, 3);
    assert_eq!(afg.text, "Afghan government");
    let only = s
        .actors(&q(Filter {
            actor: Some("RUS".into()),
            ..Filter::default()
        }))
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].code.as_deref(), Some("RUSMIL"));

    let places = s.places(&q(Filter::default())).unwrap();
    assert_eq!(places[0].name, "Kabul");
    assert_eq!(places[0].documents, 2);
    assert_eq!(places[0].events, 2);
    assert_eq!(places[0].claims, 1);
    let pak = s
        .places(&q(Filter {
            country: Some("PAK".into()),
            ..Filter::default()
        }))
        .unwrap();
    assert_eq!(pak.len(), 1);
    assert_eq!(pak[0].documents, 1);

    let map = s.map(&q(Filter::default())).unwrap();
    let kabul = map
        .iter()
        .find(|p| p.name == "Kabul")
        .expect("Kabul on the map");
    assert_eq!((kabul.events, kabul.claims, kabul.killed), (2, 1, 76));
    assert!(map.iter().any(|p| p.name == "Kyiv"));

    let timeline = s.timeline(&q(Filter::default())).unwrap();
    let dates: Vec<&str> = timeline.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(dates, vec!["2026-02-01", "2026-03-09", "2026-03-10"]);
    assert_eq!(timeline[1].quad, [0, 0, 0, 2]);
    assert_eq!(timeline[2].quad, [1, 0, 0, 0]);
    let only_a3 = s
        .timeline(&q(Filter {
            document: Some(a3),
            ..Filter::default()
        }))
        .unwrap();
    assert_eq!(only_a3.len(), 1);
    let _ = a1;
}
