//! A GDELT 2.0 Event table: tab-separated, no header, the 61 columns of the GDELT Event
//! Codebook V2.0 in its order ([`COLUMNS`]), one row per event **once per story**, with a
//! sidecar TSV (with a header) for what GDELT has no column for.
//!
//! How our fields fill GDELT's:
//! - `GLOBALEVENTID` = document id × 100,000 + the event's index in its reading (stable across
//!   exports of the same store); the sidecar's first column is the same id.
//! - `SQLDATE`, `MonthYear`, `Year`, `FractionDate` from the event's date (`YYYY + day/365`, 4
//!   decimals).
//! - Actors: `ActorNCode` is the CAMEO code; `ActorNName` the words of the text, upper-cased as
//!   GDELT does; the code is cut into three-letter chunks as CAMEO builds it: a leading country or
//!   region code → `CountryCode`, type chunks (`GOV`, `MIL`, `IGO`, ...) → `Type1..3Code`,
//!   religion chunks (`CHR`, `MOS`, `SUN`, ...) → `Religion1..2Code`, and the first other chunk
//!   (`UNO` in `IGOUNO`, a named group) → `KnownGroupCode`. `EthnicCode` stays empty (CAMEO
//!   ethnic codes are not in our dictionaries).
//! - `IsRootEvent` is 1 when the event's sentence is in the first paragraph (GDELT's "lead"
//!   rule).
//! - `EventCode`, `EventBaseCode` (first three digits), `EventRootCode`, `QuadClass`,
//!   `GoldsteinScale` as coded.
//! - `NumMentions`, `NumSources`, `NumArticles`: the reports of the event across its story (see
//!   [`crate::tally`]): event records, distinct outlets, documents. Near-duplicate copies are
//!   skipped. `AvgTone` is empty: sitrep measures no tone.
//! - Geography: sitrep places an event, not its actors, so `Actor1Geo_*` and `Actor2Geo_*` are
//!   empty and `ActionGeo_*` is the event's place. `Geo_Type` from the gazetteer's kind of the
//!   place: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level
//!   division); a place the gazetteer does not know is taken as a city. `CountryCode` is FIPS
//!   10-4 (`data/countries.tsv`); `ADM1Code` the FIPS country code followed by the GeoNames
//!   admin1 code (GeoNames' admin1 codes are FIPS 10-4 division codes for most countries, not
//!   all); `ADM2Code` empty; `FeatureID` the GeoNames id for a city (GDELT uses GNS ids), the
//!   ADM1 code for a division and the FIPS code for a country; `FullName` "City, Division,
//!   Country".
//! - `DATEADDED` is the time the document was stored (`YYYYMMDDHHMMSS`), `SOURCEURL` its URL
//!   (else the input it was read from).
//!
//! Text fields have tabs and line breaks replaced by spaces (GDELT files are not quoted).

use std::io::Write;

use sitrep_model::{ActorRef, Place};
use sitrep_pipeline::analyze::places::PlaceClass;

use crate::tables::{country, geo, CAMEO_REGIONS, CAMEO_RELIGIONS, CAMEO_TYPES};
use crate::tally::Tally;
use crate::text::{claimant_label, day_of_year, first_paragraph_end, span_text, tsv_field, ymd};
use crate::{ExportError, Exporter, Result, StoredDocument};

/// The 61 columns of the GDELT 2.0 Event table, in codebook order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The sidecar's columns: our fields GDELT has no place for, keyed by `GLOBALEVENTID`.
pub const SIDECAR_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "doc",
    "story",
    "event_index",
    "plover",
    "confidence",
    "date",
    "source_text",
    "target_text",
    "place_name",
    "place_country",
    "geonames_id",
    "claims",
    "sentence",
    "title",
    "url",
];

/// How many events a document may have for `GLOBALEVENTID` = doc × this + index.
pub const EVENTS_PER_DOCUMENT: i64 = 100_000;

/// Writes the GDELT table and, optionally, its sidecar.
pub struct GdeltExporter<W: Write, S: Write> {
    out: W,
    sidecar: Option<S>,
    tally: Tally,
}

impl<W: Write, S: Write> GdeltExporter<W, S> {
    /// Writes only the events that match `filter` ([`crate::narrow`]).
    pub fn narrowed(mut self, filter: sitrep_store::Filter) -> GdeltExporter<W, S> {
        self.tally.narrowed(filter);
        self
    }

    pub fn new(out: W, sidecar: Option<S>) -> GdeltExporter<W, S> {
        GdeltExporter {
            out,
            sidecar,
            tally: Tally::default(),
        }
    }
}

/// A CAMEO actor code cut into GDELT's fields: country, known group, ethnic, religion 1–2,
/// type 1–3.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ActorCodes {
    pub country: String,
    pub known_group: String,
    pub ethnic: String,
    pub religion: [String; 2],
    pub types: [String; 3],
}

/// Cuts a CAMEO actor code into its three-letter chunks (see the module docs).
pub fn split_actor_code(code: &str, country_hint: Option<&str>) -> ActorCodes {
    let mut out = ActorCodes::default();
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let (mut religions, mut types) = (0, 0);
    for (i, chunk) in chunks.iter().enumerate() {
        let is_country = i == 0
            && !CAMEO_TYPES.contains(chunk)
            && (crate::tables::country(chunk).is_some()
                || CAMEO_REGIONS.contains(chunk)
                || country_hint == Some(chunk));
        if is_country {
            out.country = chunk.to_string();
        } else if CAMEO_TYPES.contains(chunk) && types < 3 {
            out.types[types] = chunk.to_string();
            types += 1;
        } else if CAMEO_RELIGIONS.contains(chunk) && religions < 2 {
            out.religion[religions] = chunk.to_string();
            religions += 1;
        } else if out.known_group.is_empty() {
            out.known_group = chunk.to_string();
        }
    }
    out
}

fn actor_fields(a: Option<&ActorRef>, row: &mut Vec<String>) {
    let Some(a) = a else {
        row.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let code = a.code.as_deref().unwrap_or("");
    let mut parts = split_actor_code(code, a.country.as_deref());
    if parts.country.is_empty() && code.is_empty() {
        if let Some(c) = a.country.as_deref().filter(|c| *c != "IGO") {
            parts.country = c.to_string();
        }
    }
    row.push(tsv_field(code));
    row.push(tsv_field(&a.text.to_uppercase()));
    row.push(parts.country);
    row.push(parts.known_group);
    row.push(parts.ethnic);
    row.extend(parts.religion);
    row.extend(parts.types);
}

/// The eight `*Geo_*` fields of a place: type, full name, FIPS country, ADM1, ADM2, lat, long,
/// feature id.
pub fn geo_fields(p: Option<&Place>) -> [String; 8] {
    let Some(p) = p else {
        return Default::default();
    };
    let info = p.geonames_id.and_then(geo);
    let iso = p.country.as_deref();
    let c = iso.and_then(country);
    let fips = c.map(|c| c.fips).unwrap_or("");
    let us = iso == Some("USA");
    let class = info.as_ref().map(|i| i.class).unwrap_or(PlaceClass::City);
    let geo_type = match class {
        PlaceClass::Country => 1,
        PlaceClass::Admin1 if us => 2,
        PlaceClass::Admin1 => 5,
        PlaceClass::City | PlaceClass::Capital if us => 3,
        PlaceClass::City | PlaceClass::Capital => 4,
    };
    let country_name = c.map(|c| c.name.to_string()).or(iso.map(str::to_string));
    let admin1 = info
        .as_ref()
        .map(|i| i.admin1.as_str())
        .filter(|a| !a.is_empty() && !fips.is_empty());
    let adm1_code = match (class, admin1) {
        (PlaceClass::Country, _) => fips.to_string(),
        (_, Some(a)) => format!("{fips}{a}"),
        (_, None) => fips.to_string(),
    };
    let mut name = vec![p.name.clone()];
    if class != PlaceClass::Country {
        if let Some(a) = info.as_ref().and_then(|i| i.admin1_name.clone()) {
            if class != PlaceClass::Admin1 && a != p.name {
                name.push(a);
            }
        }
        name.extend(country_name);
    }
    let feature = match class {
        PlaceClass::Country => fips.to_string(),
        PlaceClass::Admin1 => adm1_code.clone(),
        _ => p.geonames_id.map(|g| g.to_string()).unwrap_or_default(),
    };
    [
        geo_type.to_string(),
        tsv_field(&name.join(", ")),
        fips.to_string(),
        adm1_code,
        String::new(),
        p.lat.to_string(),
        p.lon.to_string(),
        feature,
    ]
}

fn date_added(stamp: &str) -> String {
    let digits: String = stamp
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    if digits.len() < 8 {
        return String::new();
    }
    format!("{digits:0<14}")
}

impl<W: Write, S: Write> Exporter for GdeltExporter<W, S> {
    fn needs_prepass(&self) -> bool {
        true
    }

    fn prepass(&mut self, doc: &StoredDocument) -> Result<()> {
        self.tally.add(doc);
        Ok(())
    }

    fn begin(&mut self) -> Result<()> {
        if let Some(s) = &mut self.sidecar {
            writeln!(s, "{}", SIDECAR_COLUMNS.join("\t"))?;
        }
        Ok(())
    }

    fn document(&mut self, d: &StoredDocument) -> Result<()> {
        let r = &d.reading;
        let lead_end = first_paragraph_end(&r.text);
        for (i, e) in r.events.iter().enumerate() {
            let Some(reports) = self.tally.to_write(d, i, e) else {
                continue;
            };
            let index = i64::try_from(i)
                .ok()
                .filter(|&i| i < EVENTS_PER_DOCUMENT)
                .ok_or_else(|| {
                    ExportError::Unrepresentable(format!(
                        "document {} has more than {EVENTS_PER_DOCUMENT} events",
                        d.doc
                    ))
                })?;
            let id = d
                .doc
                .checked_mul(EVENTS_PER_DOCUMENT)
                .and_then(|x| x.checked_add(index))
                .ok_or_else(|| {
                    ExportError::Unrepresentable(format!("document id {} is too large", d.doc))
                })?;
            let date = e.date.as_deref().or(r.published.as_deref());
            let mut row: Vec<String> = Vec::with_capacity(COLUMNS.len());
            row.push(id.to_string());
            match date.and_then(ymd) {
                Some((y, m, day)) => {
                    row.push(format!("{y:04}{m:02}{day:02}"));
                    row.push(format!("{y:04}{m:02}"));
                    row.push(format!("{y:04}"));
                    let frac = f64::from(day_of_year(y, m, day)) / 365.0;
                    row.push(format!("{:.4}", f64::from(y) + frac.min(0.9999)));
                }
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
            actor_fields(e.source.as_ref(), &mut row);
            actor_fields(e.target.as_ref(), &mut row);
            row.push(u8::from(e.sentence.start < lead_end).to_string());
            row.push(tsv_field(&e.cameo));
            row.push(tsv_field(e.cameo.get(..3).unwrap_or(&e.cameo)));
            row.push(tsv_field(&e.root));
            row.push(e.quad.to_string());
            row.push(e.goldstein.to_string());
            row.push(reports.mentions.to_string());
            row.push(reports.sources().to_string());
            row.push(reports.articles.to_string());
            row.push(String::new()); // AvgTone
            row.extend(geo_fields(None));
            row.extend(geo_fields(None));
            row.extend(geo_fields(e.place.as_ref()));
            row.push(date_added(&d.ingested_at));
            row.push(tsv_field(r.url.as_deref().unwrap_or(&d.origin.input)));
            debug_assert_eq!(row.len(), COLUMNS.len());
            writeln!(self.out, "{}", row.join("\t"))?;

            if let Some(s) = &mut self.sidecar {
                let claims: Vec<String> = r
                    .casualties
                    .iter()
                    .filter(|c| c.sentence == e.sentence)
                    .map(|c| {
                        format!(
                            "{}: {} {} {}",
                            claimant_label(c),
                            c.outcome,
                            c.text,
                            c.count.map(|n| format!("({n})")).unwrap_or_default()
                        )
                        .trim_end()
                        .to_string()
                    })
                    .collect();
                let place = e.place.as_ref();
                let side = [
                    id.to_string(),
                    d.doc.to_string(),
                    d.story.map(|s| s.to_string()).unwrap_or_default(),
                    i.to_string(),
                    e.plover.clone().unwrap_or_default(),
                    e.confidence.to_string(),
                    date.unwrap_or("").to_string(),
                    e.source
                        .as_ref()
                        .map(|a| a.text.clone())
                        .unwrap_or_default(),
                    e.target
                        .as_ref()
                        .map(|a| a.text.clone())
                        .unwrap_or_default(),
                    place.map(|p| p.name.clone()).unwrap_or_default(),
                    place.and_then(|p| p.country.clone()).unwrap_or_default(),
                    place
                        .and_then(|p| p.geonames_id)
                        .map(|g| g.to_string())
                        .unwrap_or_default(),
                    claims.join("; "),
                    span_text(r, e.sentence),
                    r.title.clone().unwrap_or_default(),
                    r.url.clone().unwrap_or_default(),
                ];
                let side: Vec<String> = side.iter().map(|f| tsv_field(f)).collect();
                writeln!(s, "{}", side.join("\t"))?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        if let Some(s) = &mut self.sidecar {
            s.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    #[test]
    fn the_codebook_has_61_columns() {
        assert_eq!(COLUMNS.len(), 61);
        assert_eq!(COLUMNS[0], "GLOBALEVENTID");
        assert_eq!(COLUMNS[34], "AvgTone");
        assert_eq!(COLUMNS[59], "DATEADDED");
        assert_eq!(COLUMNS[60], "SOURCEURL");
        let unique: std::collections::HashSet<_> = COLUMNS.iter().collect();
        assert_eq!(unique.len(), 61);
    }

    #[test]
    fn actor_codes_split_in_chunks() {
        let a = split_actor_code("AFGGOV", Some("AFG"));
        assert_eq!(a.country, "AFG");
        assert_eq!(a.types[0], "GOV");
        let u = split_actor_code("IGOUNO", Some("IGO"));
        assert_eq!(u.country, "");
        assert_eq!(u.types[0], "IGO");
        assert_eq!(u.known_group, "UNO");
        let m = split_actor_code("PAKMILREB", None);
        assert_eq!(
            (m.country.as_str(), m.types.clone()),
            ("PAK", ["MIL".into(), "REB".into(), String::new()])
        );
        let r = split_actor_code("IRQMOSSHI", None);
        assert_eq!(r.religion, ["MOS".to_string(), "SHI".to_string()]);
    }

    #[test]
    fn places_get_fips_codes_and_types() {
        let g = geo_fields(Some(&kabul()));
        assert_eq!(g[0], "4");
        assert_eq!(g[1], "Kabul, Kābul, Afghanistan");
        assert_eq!(g[2], "AF");
        assert_eq!(g[3], "AF13");
        assert_eq!(g[7], "1138958");
        let mut afg = kabul();
        afg.name = "Afghanistan".into();
        afg.geonames_id = Some(1149361);
        let g = geo_fields(Some(&afg));
        assert_eq!(
            (g[0].as_str(), g[1].as_str(), g[3].as_str()),
            ("1", "Afghanistan", "AF")
        );
    }

    #[test]
    fn rows_have_61_fields_and_count_reports() {
        let mut a = reading("a", "https://one.org/a");
        a.events.push(event("195"));
        a.casualties
            .push(claim(Some(actor("UNAMA", "IGO", "IGOUNO")), 76));
        let mut b = reading("b", "https://two.org/b");
        b.events.push(event("195"));
        b.events.push(event("1831"));
        let docs = [stored(1, 9, a), stored(2, 9, b)];
        let (mut out, mut side) = (Vec::new(), Vec::new());
        let mut e = GdeltExporter::new(&mut out, Some(&mut side));
        let mut src: &[StoredDocument] = &docs;
        crate::run(&mut e, &mut src).unwrap();
        drop(e);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines.iter().all(|l| l.len() == 61));
        let first = &lines[0];
        assert_eq!(first[0], "100000");
        assert_eq!(&first[1..5], ["20260316", "202603", "2026", "2026.2055"]);
        assert_eq!(&first[31..34], ["2", "2", "2"]);
        assert_eq!(first[53], "AF");
        assert_eq!(first[59], "20260317102030");
        assert_eq!(lines[1][0], "200001");
        assert_eq!(&lines[1][31..34], ["1", "1", "1"]);
        let side = String::from_utf8(side).unwrap();
        let side: Vec<&str> = side.lines().collect();
        assert_eq!(side.len(), 3);
        assert!(side[1].starts_with("100000\t1\t9\t0\tASSAULT\t"));
        assert!(
            side[1].contains("UNAMA: killed 76 civilians (76)"),
            "{}",
            side[1]
        );
    }
}
