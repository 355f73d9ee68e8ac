//! The gazetteer's data: records and the sorted name index, read in place from their text form.
//!
//! The principal type is [`GazetteerData`]. It keeps the two vendored files as they are and only
//! notes where each line starts, so loading costs one pass of `memchr` over a few megabytes.
//! Records are parsed when a lookup needs them.
//!
//! ```
//! use sitrep_pipeline::analyze::places::GazetteerData;
//!
//! let data = GazetteerData::embedded();
//! let kabul = data.lookup("kabul").expect("kabul is in the gazetteer");
//! assert!(kabul.refs().any(|r| data.record(r.record).is_some_and(|p| p.name == "Kabul")));
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use super::index::{Lines, NameIndex};

/// What kind of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceClass {
    /// A country or dependent territory (`C`).
    Country,
    /// A first-level division: province, state, region, governorate, oblast (`A`).
    Admin1,
    /// A national capital city (`K`).
    Capital,
    /// Any other city, town or village (`P`).
    City,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceRecord<'a> {
    pub geonames_id: u64,
    pub class: PlaceClass,
    /// ISO 3166-1 alpha-3.
    pub country: &'a str,
    /// The GeoNames admin1 code inside the country (empty for countries).
    pub admin1: &'a str,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
    pub name: &'a str,
}

impl PlaceRecord<'_> {
    /// Whether the place is a city or town (capital or not).
    pub fn is_city(&self) -> bool {
        matches!(self.class, PlaceClass::City | PlaceClass::Capital)
    }
}

/// A reference from a name to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRef {
    /// Index of the record (its line in `places.tsv`).
    pub record: usize,
    /// Whether the name is the record's own name (or its ASCII form) rather than an alternate.
    pub primary: bool,
}

/// The records a normalised name points to.
#[derive(Debug, Clone, Copy)]
pub struct NameEntry<'a> {
    refs: &'a str,
}

impl<'a> NameEntry<'a> {
    /// The references, in record order.
    pub fn refs(&self) -> impl Iterator<Item = NameRef> + 'a {
        self.refs.split(' ').filter_map(|r| {
            let (num, primary) = match r.strip_suffix('a') {
                Some(n) => (n, false),
                None => (r, true),
            };
            num.parse().ok().map(|record| NameRef { record, primary })
        })
    }
}

/// The embedded records: one place a line (see `data/gazetteer/README.md`).
const PLACES_TSV: &str = include_str!("../../../data/gazetteer/places.tsv");
/// The embedded name index: `key<TAB>refs`, sorted by the key's bytes.
const NAMES_TSV: &str = include_str!("../../../data/gazetteer/names.tsv");
/// The embedded fold table: `char<TAB>ascii form`.
const FOLD_TSV: &str = include_str!("../../../data/gazetteer/fold.tsv");

/// The records and the name index of a gazetteer.
#[derive(Debug, Clone)]
pub struct GazetteerData {
    places: Lines,
    names: NameIndex,
    fold: HashMap<char, Box<str>>,
}

impl GazetteerData {
    /// The gazetteer vendored in the crate.
    pub fn embedded() -> GazetteerData {
        GazetteerData::from_tsv(Cow::Borrowed(PLACES_TSV), Cow::Borrowed(NAMES_TSV))
            .with_fold(FOLD_TSV)
    }

    /// Sets the fold table (`char<TAB>replacement` lines) that [`Self::fold_into`] applies.
    pub fn with_fold(mut self, table: &str) -> GazetteerData {
        self.fold = table
            .lines()
            .filter_map(|line| {
                let (c, folded) = line.split_once('\t')?;
                let mut chars = c.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, folded.into())),
                    _ => None,
                }
            })
            .collect();
        self
    }

    /// Appends the key form of `word` to `out`: folded to ASCII where the table says so
    /// ("Kandahār" → "kandahar", "Kijów" → "kijow"), then lowercased.
    pub fn fold_into(&self, word: &str, out: &mut String) {
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
            return;
        }
        for c in word.chars() {
            match self.fold.get(&c) {
                Some(f) => out.extend(f.chars().flat_map(char::to_lowercase)),
                None => out.extend(c.to_lowercase()),
            }
        }
    }

    /// A gazetteer from the two files in the vendored format. The name index must be sorted by
    /// the bytes of its keys, as `scripts/build-gazetteer.py` writes it; unsorted lines are
    /// simply not found.
    pub fn from_tsv(places: Cow<'static, str>, names: Cow<'static, str>) -> GazetteerData {
        GazetteerData {
            places: Lines::new(places),
            names: NameIndex::new(names),
            fold: HashMap::new(),
        }
    }

    /// How many places there are.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there is no place at all.
    pub fn is_empty(&self) -> bool {
        self.places.len() == 0
    }

    /// How many distinct names there are.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The record at index `i`, or `None` when there is none or its line is malformed.
    pub fn record(&self, i: usize) -> Option<PlaceRecord<'_>> {
        parse_record(self.places.get(i)?)
    }

    fn name_key(&self, i: usize) -> Option<(&str, &str)> {
        self.names.get(i)
    }

    fn lower_bound(&self, key: &str) -> usize {
        self.names.lower_bound(key)
    }

    /// The entry of a normalised name (see [`super::scan`] for the normal form; words go through
    /// [`Self::fold_into`]).
    pub fn lookup(&self, key: &str) -> Option<NameEntry<'_>> {
        self.find(key).0
    }

    /// Whether some longer name starts with `key` followed by a separator: whether it is worth
    /// reading one more word.
    pub fn has_longer(&self, key: &str) -> bool {
        self.find(key).1
    }

    /// The entry of `key`, and whether a longer name starts with `key` and a separator, with one
    /// binary search.
    pub fn find(&self, key: &str) -> (Option<NameEntry<'_>>, bool) {
        let at = self.lower_bound(key);
        let (entry, next) = match self.name_key(at) {
            Some((k, refs)) if k == key => (Some(NameEntry { refs }), at + 1),
            _ => (None, at),
        };
        // No key byte sorts below ' ', and the separators (' ', '\'', '-', '.') sort below every
        // alphanumeric byte: if any key is `key` + separator + more, the first key after `key`
        // is one.
        let longer = self.name_key(next).is_some_and(|(k, _)| {
            k.strip_prefix(key)
                .and_then(|rest| rest.bytes().next())
                .is_some_and(|b| matches!(b, b' ' | b'\'' | b'-' | b'.'))
        });
        (entry, longer)
    }
}

fn parse_record(line: &str) -> Option<PlaceRecord<'_>> {
    let mut f = line.split('\t');
    let geonames_id = f.next()?.parse().ok()?;
    let class = match f.next()? {
        "C" => PlaceClass::Country,
        "A" => PlaceClass::Admin1,
        "K" => PlaceClass::Capital,
        "P" => PlaceClass::City,
        _ => return None,
    };
    let country = f.next()?;
    let admin1 = f.next()?;
    let population = f.next()?.parse().ok()?;
    let lat = f.next()?.parse().ok()?;
    let lon = f.next()?.parse().ok()?;
    let name = f.next()?;
    Some(PlaceRecord {
        geonames_id,
        class,
        country,
        admin1,
        population,
        lat,
        lon,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> GazetteerData {
        GazetteerData::from_tsv(
            Cow::Borrowed(
                "1\tC\tAAA\t\t100\t1.5\t2.5\tAland\n2\tP\tAAA\t01\t50\t1.0\t2.0\tNew Town\n",
            ),
            Cow::Borrowed("aland\t0\nnew\t1a\nnew town\t1\nnewt\t1a\n"),
        )
    }

    #[test]
    fn reads_records_and_names() {
        let d = tiny();
        assert_eq!(d.len(), 2);
        let r = d.record(1).unwrap();
        assert_eq!(
            (r.geonames_id, r.class, r.name),
            (2, PlaceClass::City, "New Town")
        );
        assert!(d.record(2).is_none());
        let refs: Vec<_> = d.lookup("new").unwrap().refs().collect();
        assert_eq!(
            refs,
            vec![NameRef {
                record: 1,
                primary: false
            }]
        );
        assert!(d.lookup("ne").is_none());
        assert!(d.lookup("zzz").is_none());
        assert!(d.has_longer("new"));
        assert!(!d.has_longer("new town"));
        assert!(!d.has_longer("aland"));
    }

    #[test]
    fn folds_like_the_build_script() {
        let d = GazetteerData::embedded();
        let fold = |w: &str| {
            let mut out = String::new();
            d.fold_into(w, &mut out);
            out
        };
        assert_eq!(fold("Kandahār"), "kandahar");
        assert_eq!(fold("KRAKÓW"), "krakow");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Øresund"), "oresund");
        assert_eq!(fold("Київ"), "київ");
    }

    #[test]
    fn embedded_is_sorted() {
        let d = GazetteerData::embedded();
        let mut prev = "";
        for i in 0..d.name_count() {
            let (k, _) = d.name_key(i).unwrap();
            assert!(prev < k, "{prev:?} before {k:?}");
            prev = k;
        }
        for i in 0..d.len() {
            assert!(d.record(i).is_some(), "record {i}");
        }
    }
}
