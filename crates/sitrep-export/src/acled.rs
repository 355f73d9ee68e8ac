//! An ACLED-style CSV: ACLED's core columns, then ours.
//!
//! Columns: `event_date, event_type, sub_event_type, actor1, actor2, country, admin1, location,
//! latitude, longitude, source, notes, fatalities`, then `fatalities_low, fatalities_high,
//! claimants, story, doc, event_index, cameo, plover, actor1_code, actor2_code, url`.
//!
//! **Which events.** Only the violent and political families: an event is written when its
//! CAMEO code (longest prefix) or, failing that, its PLOVER type has a line in
//! `data/acled_types.tsv` (battles, explosions and remote violence, violence against civilians,
//! protests, riots, and strategic developments such as agreements, arrests, mobilisation and
//! property destruction). Verbal events (praise, accuse, threaten, consult) are left out. One
//! adjustment is made here: an armed clash (190, 193, 196) whose target is civilians (actor type
//! `CVL`) is "Violence against civilians / Attack". Events are written **once per story**, as in
//! the GDELT export ([`crate::tally`]); near-duplicate copies are skipped.
//!
//! **Fatalities: the lowest best estimate.** Over the event's story (its non-duplicate
//! documents), the claims that count are those of outcome `killed` that carry a figure, are not a
//! part of a stated total (`part_of`), and whose place's country is the event's place's country
//! (a claim or an event with no place country matches any). Each claimant (by actor code, else
//! its words; the reporter's unattributed figures are one claimant) gives **one** figure: the
//! highest of its counting claims, whatever the victim group (groups are not summed: "107
//! people" and "13 soldiers" from one claimant give 107, as a reading's `casualty_summary`
//! counts each claimant by its highest). `fatalities` is the **lowest** of these per-claimant
//! figures (76 from Kabul and 80 from UNAMA give 76), and 0 when no claim counts.
//! `fatalities_low` is the lowest figure any counting claim gives, `fatalities_high` the highest
//! (a range's upper end included); both empty when no claim counts. `claimants` lists each
//! claimant's figure (`Kabul: 76; UNAMA: 80`). Only the violent types (battles, explosions and
//! remote violence, violence against civilians, riots) carry fatalities: a protest or a
//! strategic development (an agreement, an arrest, a mobilisation) has 0 and no claimants, as
//! in ACLED, even when its story reports deaths.
//!
//! `country` is the place's country name (`data/countries.tsv`), `admin1` its first-level
//! division's name from the gazetteer (empty for a country or a place the gazetteer does not
//! know), `location` the place name, `source` the document's outlet (URL host, else the input),
//! `notes` the event's sentence.

use std::io::Write;

use sitrep_model::Event;

use crate::tables::{acled_type, country, geo, AcledType};
use crate::tally::{KilledFigure, StoryKey, Tally};
use crate::text::{span_text, url_host};
use crate::{Exporter, Result, StoredDocument};

/// The columns, ACLED's first.
pub const COLUMNS: [&str; 24] = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "claimants",
    "story",
    "doc",
    "event_index",
    "cameo",
    "plover",
    "actor1_code",
    "actor2_code",
    "url",
];

/// The event types whose rows carry fatalities; protests and strategic developments have 0.
pub const VIOLENT: [&str; 4] = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
];

/// The fatalities of an event, by the rule of the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fatalities {
    /// The lowest per-claimant best figure; 0 when no claim counts.
    pub best: u64,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// (claimant, its figure), in order of first appearance.
    pub claimants: Vec<(String, u64)>,
}

/// Applies the fatalities rule to a story's killed figures for an event placed in
/// `event_country`.
pub fn fatalities(figures: &[KilledFigure], event_country: Option<&str>) -> Fatalities {
    let mut per: Vec<(&str, &str, u64)> = Vec::new();
    let (mut low, mut high) = (None::<u64>, None::<u64>);
    for f in figures {
        let matches = match (event_country, f.place_country.as_deref()) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        if !matches {
            continue;
        }
        low = Some(low.map_or(f.count, |l| l.min(f.count)));
        high = Some(high.map_or(f.count_max, |h| h.max(f.count_max)));
        match per.iter_mut().find(|(k, _, _)| *k == f.claimant) {
            Some(p) => p.2 = p.2.max(f.count),
            None => per.push((&f.claimant, &f.label, f.count)),
        }
    }
    Fatalities {
        best: per.iter().map(|p| p.2).min().unwrap_or(0),
        low,
        high,
        claimants: per.iter().map(|(_, l, n)| (l.to_string(), *n)).collect(),
    }
}

/// The ACLED type of an event, with the civilian-target adjustment.
pub fn event_type(e: &Event) -> Option<AcledType> {
    let t = acled_type(&e.cameo, e.plover.as_deref())?;
    let clash = ["190", "193", "196"].iter().any(|c| e.cameo.starts_with(c));
    let civilians = e
        .target
        .as_ref()
        .and_then(|a| a.code.as_deref())
        .is_some_and(|c| {
            (0..c.len())
                .step_by(3)
                .any(|i| c.get(i..i + 3) == Some("CVL"))
        });
    Some(if clash && civilians {
        AcledType {
            event_type: "Violence against civilians",
            sub_event_type: "Attack",
        }
    } else {
        t
    })
}

/// Writes the ACLED-style CSV.
pub struct AcledExporter<W: Write> {
    out: csv::Writer<W>,
    tally: Tally,
}

impl<W: Write> AcledExporter<W> {
    /// Writes only the events that match `filter` ([`crate::narrow`]).
    pub fn narrowed(mut self, filter: sitrep_store::Filter) -> AcledExporter<W> {
        self.tally.narrowed(filter);
        self
    }

    pub fn new(out: W) -> AcledExporter<W> {
        AcledExporter {
            out: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(out),
            tally: Tally::with_claims(),
        }
    }
}

impl<W: Write> Exporter for AcledExporter<W> {
    fn needs_prepass(&self) -> bool {
        true
    }

    fn prepass(&mut self, doc: &StoredDocument) -> Result<()> {
        self.tally.add(doc);
        Ok(())
    }

    fn begin(&mut self) -> Result<()> {
        self.out.write_record(COLUMNS)?;
        Ok(())
    }

    fn document(&mut self, d: &StoredDocument) -> Result<()> {
        let r = &d.reading;
        for (i, e) in r.events.iter().enumerate() {
            let Some(t) = event_type(e) else { continue };
            if self.tally.to_write(d, i, e).is_none() {
                continue;
            }
            let place = e.place.as_ref();
            let iso = place.and_then(|p| p.country.as_deref());
            let f = if VIOLENT.contains(&t.event_type) {
                fatalities(self.tally.killed(StoryKey::of(d)), iso)
            } else {
                Fatalities::default()
            };
            let admin1 = place
                .and_then(|p| p.geonames_id)
                .and_then(geo)
                .and_then(|g| g.admin1_name)
                .unwrap_or_default();
            let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            let actor_text = |a: &Option<sitrep_model::ActorRef>| {
                a.as_ref().map(|a| a.text.clone()).unwrap_or_default()
            };
            let actor_code = |a: &Option<sitrep_model::ActorRef>| {
                a.as_ref().and_then(|a| a.code.clone()).unwrap_or_default()
            };
            let row = [
                e.date.clone().or(r.published.clone()).unwrap_or_default(),
                t.event_type.to_string(),
                t.sub_event_type.to_string(),
                actor_text(&e.source),
                actor_text(&e.target),
                iso.map(|c| country(c).map_or(c.to_string(), |c| c.name.to_string()))
                    .unwrap_or_default(),
                admin1,
                place.map(|p| p.name.clone()).unwrap_or_default(),
                place.map(|p| p.lat.to_string()).unwrap_or_default(),
                place.map(|p| p.lon.to_string()).unwrap_or_default(),
                r.url
                    .as_deref()
                    .and_then(url_host)
                    .unwrap_or_else(|| d.origin.input.clone()),
                span_text(r, e.sentence),
                f.best.to_string(),
                opt(f.low),
                opt(f.high),
                f.claimants
                    .iter()
                    .map(|(who, n)| format!("{who}: {n}"))
                    .collect::<Vec<_>>()
                    .join("; "),
                d.story.map(|s| s.to_string()).unwrap_or_default(),
                d.doc.to_string(),
                i.to_string(),
                e.cameo.clone(),
                e.plover.clone().unwrap_or_default(),
                actor_code(&e.source),
                actor_code(&e.target),
                r.url.clone().unwrap_or_default(),
            ];
            self.out.write_record(&row)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn export(docs: &[StoredDocument]) -> Vec<Vec<String>> {
        let mut buf = Vec::new();
        let mut e = AcledExporter::new(&mut buf);
        let mut src: &[StoredDocument] = docs;
        crate::run(&mut e, &mut src).unwrap();
        drop(e);
        let mut rd = csv::Reader::from_reader(buf.as_slice());
        assert_eq!(rd.headers().unwrap().len(), COLUMNS.len());
        rd.records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn col(name: &str) -> usize {
        COLUMNS.iter().position(|c| *c == name).unwrap()
    }

    #[test]
    fn two_claimants_76_and_80_give_76() {
        let mut a = reading("a", "https://one.org/a");
        a.events.push(event("195"));
        a.casualties
            .push(claim(Some(actor("Kabul", "AFG", "AFGGOV")), 76));
        let mut b = reading("b", "https://two.org/b");
        b.casualties
            .push(claim(Some(actor("UNAMA", "IGO", "IGOUNO")), 80));
        b.casualties
            .push(claim(Some(actor("UNAMA", "IGO", "IGOUNO")), 70));
        let rows = export(&[stored(1, 5, a), stored(2, 5, b)]);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row[col("event_type")], "Explosions/Remote violence");
        assert_eq!(row[col("sub_event_type")], "Air/drone strike");
        assert_eq!(row[col("fatalities")], "76");
        assert_eq!(row[col("fatalities_low")], "70");
        assert_eq!(row[col("fatalities_high")], "80");
        assert_eq!(row[col("claimants")], "Kabul: 76; UNAMA: 80");
        assert_eq!(row[col("country")], "Afghanistan");
        assert_eq!(row[col("admin1")], "Kābul");
        assert_eq!(row[col("source")], "one.org");
    }

    #[test]
    fn no_claims_give_zero_and_other_stories_do_not_count() {
        let mut a = reading("a", "https://one.org/a");
        a.events.push(event("193"));
        let mut b = reading("b", "https://two.org/b");
        b.casualties.push(claim(None, 12));
        let rows = export(&[stored(1, 5, a), stored(2, 6, b)]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][col("fatalities")], "0");
        assert_eq!(rows[0][col("fatalities_low")], "");
        assert_eq!(
            rows[0][col("event_type")],
            "Violence against civilians",
            "a clash against civilians is an attack on them"
        );
    }

    #[test]
    fn claims_elsewhere_and_parts_do_not_count() {
        let mut a = reading("a", "https://one.org/a");
        a.events.push(event("190"));
        let mut far = claim(Some(actor("Islamabad", "PAK", "PAKGOV")), 5);
        if let Some(p) = far.place.as_mut() {
            p.country = Some("PAK".into());
        }
        a.casualties.push(far);
        a.casualties.push(claim(None, 30));
        let mut part = claim(None, 10);
        part.part_of = Some(1);
        a.casualties.push(part);
        let mut injured = claim(None, 2);
        injured.outcome = "injured".into();
        a.casualties.push(injured);
        let rows = export(&[stored(1, 5, a)]);
        assert_eq!(rows[0][col("fatalities")], "30");
        assert_eq!(rows[0][col("claimants")], "reporter: 30");
    }

    #[test]
    fn strategic_developments_carry_no_fatalities() {
        let mut a = reading("a", "https://one.org/a");
        let mut truce = event("0871");
        truce.plover = Some("RETREAT".into());
        a.events.push(truce);
        a.casualties.push(claim(None, 30));
        let rows = export(&[stored(1, 5, a)]);
        assert_eq!(rows[0][col("sub_event_type")], "Agreement");
        assert_eq!(rows[0][col("fatalities")], "0");
        assert_eq!(rows[0][col("claimants")], "");
    }

    #[test]
    fn verbal_events_are_left_out() {
        let mut a = reading("a", "https://one.org/a");
        let mut praise = event("051");
        praise.plover = Some("SUPPORT".into());
        a.events.push(praise);
        assert!(export(&[stored(1, 1, a)]).is_empty());
    }
}
