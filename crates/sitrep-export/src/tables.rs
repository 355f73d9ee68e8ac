//! The data tables the exporters read, embedded from `data/`:
//!
//! - `data/countries.tsv`: ISO 3166-1 alpha-3 → FIPS 10-4 country code and English name
//!   (GDELT's geography fields are FIPS 10-4; ACLED names countries);
//! - `data/acled_types.tsv`: CAMEO code prefixes (or PLOVER types) → ACLED event and sub-event
//!   types;
//! - the pipeline's gazetteer, indexed by GeoNames id, for a place's kind (country, first-level
//!   division, city) and its first-level division's code and name.
//!
//! Each table is parsed once per process, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use sitrep_pipeline::analyze::places::{GazetteerData, PlaceClass};

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const ACLED_TSV: &str = include_str!("../data/acled_types.tsv");

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// One country of `countries.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub iso3: &'static str,
    pub fips: &'static str,
    pub name: &'static str,
}

/// The countries by ISO alpha-3 code.
pub fn country(iso3: &str) -> Option<Country> {
    static TABLE: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            data_lines(COUNTRIES_TSV)
                .filter_map(|f| match f[..] {
                    [iso3, fips, name] => Some((iso3, Country { iso3, fips, name })),
                    _ => None,
                })
                .collect()
        })
        .get(iso3)
        .copied()
}

/// An ACLED event type and sub-event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcledType {
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

/// The ACLED type of a CAMEO code: the longest prefix listed in `acled_types.tsv`, else the
/// PLOVER type's line, else `None` (not an ACLED event).
pub fn acled_type(cameo: &str, plover: Option<&str>) -> Option<AcledType> {
    static TABLE: OnceLock<HashMap<&'static str, AcledType>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        data_lines(ACLED_TSV)
            .filter_map(|f| match f[..] {
                [key, event_type, sub_event_type] => Some((
                    key,
                    AcledType {
                        event_type,
                        sub_event_type,
                    },
                )),
                _ => None,
            })
            .collect()
    });
    (1..=cameo.len())
        .rev()
        .filter(|&n| cameo.is_char_boundary(n))
        .find_map(|n| table.get(&cameo[..n]))
        .or_else(|| plover.and_then(|p| table.get(p.to_ascii_uppercase().as_str())))
        .copied()
}

/// What kind of place a GeoNames id is, and its first-level division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeoInfo {
    pub class: PlaceClass,
    /// The GeoNames admin1 code inside the country (empty for countries).
    pub admin1: String,
    /// The first-level division's name, where the gazetteer has it.
    pub admin1_name: Option<String>,
}

struct GeoIndex {
    /// GeoNames id → (class, ISO3 country, admin1 code).
    places: HashMap<u64, (PlaceClass, String, String)>,
    /// (ISO3 country, admin1 code) → division name.
    divisions: HashMap<(String, String), String>,
}

fn geo_index() -> &'static GeoIndex {
    static INDEX: OnceLock<GeoIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let data = GazetteerData::embedded();
        let mut places = HashMap::with_capacity(data.len());
        let mut divisions = HashMap::new();
        for i in 0..data.len() {
            let Some(r) = data.record(i) else { continue };
            if r.class == PlaceClass::Admin1 {
                divisions.insert(
                    (r.country.to_string(), r.admin1.to_string()),
                    r.name.to_string(),
                );
            }
            places.insert(
                r.geonames_id,
                (r.class, r.country.to_string(), r.admin1.to_string()),
            );
        }
        GeoIndex { places, divisions }
    })
}

/// The gazetteer's facts about a GeoNames id.
pub fn geo(geonames_id: u64) -> Option<GeoInfo> {
    let index = geo_index();
    let (class, country, admin1) = index.places.get(&geonames_id)?;
    let admin1_name = (!admin1.is_empty())
        .then(|| {
            index
                .divisions
                .get(&(country.clone(), admin1.clone()))
                .cloned()
        })
        .flatten();
    Some(GeoInfo {
        class: *class,
        admin1: admin1.clone(),
        admin1_name,
    })
}

/// CAMEO actor type codes (the third-and-later three-letter chunks of an actor code).
pub const CAMEO_TYPES: &[&str] = &[
    "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO", "IMG",
    "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "NGM", "NGO", "OPP", "PTY", "RAD", "REB",
    "REF", "SEP", "SET", "SPY", "UAF", "COP", "MOD", "UIS",
];

/// CAMEO religion codes.
pub const CAMEO_RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "HIN", "ITR", "JAN",
    "JEW", "JHW", "LDS", "MOS", "MUS", "MRN", "NEW", "ORT", "PAG", "PRO", "SFI", "SHI", "SHN",
    "SIK", "SUN", "TAO", "UDQ", "ZRO",
];

/// CAMEO's regional and non-state "country" codes, which stand where a country code would.
pub const CAMEO_REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WST", "WSB",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_fips_codes() {
        assert_eq!(country("AFG").map(|c| c.fips), Some("AF"));
        assert_eq!(country("PAK").map(|c| c.fips), Some("PK"));
        assert_eq!(country("SDN").map(|c| c.fips), Some("SU"));
        assert_eq!(country("UKR").map(|c| c.fips), Some("UP"));
        assert_eq!(country("DEU").map(|c| c.fips), Some("GM"));
        assert_eq!(country("SDN").map(|c| c.name), Some("Sudan"));
        assert_eq!(country("XYZ"), None);
    }

    #[test]
    fn every_gazetteer_country_has_a_row() {
        let data = GazetteerData::embedded();
        let missing: Vec<String> = (0..data.len())
            .filter_map(|i| data.record(i))
            .filter(|r| r.class == PlaceClass::Country && country(r.country).is_none())
            .map(|r| format!("{} {}", r.country, r.name))
            .collect();
        // A few territories have no FIPS 10-4 code of their own; everything else must map.
        assert!(missing.len() <= 6, "no FIPS code for {missing:?}");
    }

    #[test]
    fn acled_types_by_longest_prefix() {
        let t = acled_type("1831", None).unwrap();
        assert_eq!(t.sub_event_type, "Suicide bomb");
        assert_eq!(
            acled_type("1832", None).unwrap().sub_event_type,
            "Remote explosive/landmine/IED"
        );
        assert_eq!(
            acled_type("1951", None).unwrap().sub_event_type,
            "Air/drone strike"
        );
        assert_eq!(acled_type("1412", None).unwrap().event_type, "Protests");
        assert_eq!(acled_type("1451", None).unwrap().event_type, "Riots");
        assert_eq!(acled_type("173", None).unwrap().sub_event_type, "Arrests");
        assert_eq!(
            acled_type("051", Some("SUPPORT")),
            None,
            "praise is not an ACLED event"
        );
        assert_eq!(acled_type("112", Some("ACCUSE")), None);
    }

    #[test]
    fn gazetteer_kinds_and_divisions() {
        let kabul = geo(1138958).expect("Kabul");
        assert_eq!(kabul.class, PlaceClass::Capital);
        assert_eq!(kabul.admin1, "13");
        assert_eq!(kabul.admin1_name.as_deref(), Some("Kābul"));
        assert_eq!(geo(1149361).map(|g| g.class), Some(PlaceClass::Country));
    }
}
