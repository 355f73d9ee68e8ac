//! Actors: countries, people, organisations and groups with CAMEO actor codes.
//!
//! The principal type is [`ActorDictionary`]: the actor dictionaries (embedded data files, see
//! `data/actors/README.md`, extendable at run time with [`ActorDictionary::extend_from_str`]) and
//! the automaton over their names. [`ActorDictionary::find`] turns a text into entities:
//!
//! ```
//! use sitrep_pipeline::analyze::{actors::ActorDictionary, sentences};
//! let dict = ActorDictionary::default();
//! let text = "Islamabad accuses Afghanistan of harboring militants, which Kabul denies.";
//! let doc = sentences::split(text, Some("en"));
//! let found = dict.find(text, &doc, Some("en"));
//! let kabul = found.iter().find(|e| e.text == "Kabul").unwrap();
//! assert_eq!(kabul.code.as_deref(), Some("AFGGOV"));
//! ```
//!
//! What `find` returns (byte offsets into `text`, in text order, not overlapping):
//! - a country's name or adjective: kind `Country`, `country` its ISO code, `code` its CAMEO
//!   country code ("Russia" → RUS/`RUS`);
//! - a capital standing for its government ("Islamabad accuses", "according to Kabul",
//!   "Moscow's intervention"): kind `Organization`, `code` = country + `GOV` (`PAKGOV`);
//!   the same capital as a place ("in Kabul late Monday"): kind `Location`, `code` `None`,
//!   `country` still set. So `kind == Location` tells a place from a government actor;
//! - dictionary people, organisations and groups with their codes (dated roles resolved by the
//!   publication date with [`ActorDictionary::find_dated`], else the latest role);
//! - people attached by role patterns ("Pakistani Foreign Minister Ishaq Dar" → `PAKGOV`,
//!   "Zamir Kabulov, President Vladimir Putin's special envoy" → `RUSGOV`);
//! - a country and a sector noun together ("Pakistani soldiers" → one entity, `PAKMIL`), or the
//!   name that follows them ("the Russian daily Izvestia" → "Izvestia", `RUSMED`);
//! - other capitalised names, with a guessed kind and no country or code.
//!
//! Pronouns and nominal mentions ("he", "the envoy", "both sides") are resolved separately by
//! [`coref::resolve`].

pub mod context;
pub mod coref;
pub mod dictionary;
pub mod matcher;
pub mod names;
pub mod roles;
pub mod scan;
pub mod titles;

use std::fmt;
use std::sync::{Arc, OnceLock};

use sitrep_model::Entity;

use super::sentences::Sentences;
use dictionary::{day_number, EntryKind, Tables};
use matcher::Matcher;

/// The embedded dictionary files, in reading order.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "phoenix-countries.txt",
        include_str!("../../../data/actors/phoenix-countries.txt"),
    ),
    (
        "phoenix-international.txt",
        include_str!("../../../data/actors/phoenix-international.txt"),
    ),
    (
        "phoenix-nonstate.txt",
        include_str!("../../../data/actors/phoenix-nonstate.txt"),
    ),
    (
        "en/countries.txt",
        include_str!("../../../data/actors/en/countries.txt"),
    ),
    (
        "en/capitals.txt",
        include_str!("../../../data/actors/en/capitals.txt"),
    ),
    (
        "en/titles.txt",
        include_str!("../../../data/actors/en/titles.txt"),
    ),
    (
        "en/agents.txt",
        include_str!("../../../data/actors/en/agents.txt"),
    ),
    (
        "en/cues.txt",
        include_str!("../../../data/actors/en/cues.txt"),
    ),
    (
        "fr/countries.txt",
        include_str!("../../../data/actors/fr/countries.txt"),
    ),
    (
        "fr/titles.txt",
        include_str!("../../../data/actors/fr/titles.txt"),
    ),
    (
        "fr/agents.txt",
        include_str!("../../../data/actors/fr/agents.txt"),
    ),
    (
        "fr/cues.txt",
        include_str!("../../../data/actors/fr/cues.txt"),
    ),
    (
        "curated.txt",
        include_str!("../../../data/actors/curated.txt"),
    ),
];

/// The actor dictionaries and the automaton over their names. Cheap to clone (shared).
#[derive(Clone)]
pub struct ActorDictionary {
    inner: Arc<Inner>,
}

#[derive(Clone)]
pub(crate) struct Inner {
    pub(crate) tables: Tables,
    pub(crate) matcher: Matcher,
}

impl Default for ActorDictionary {
    /// The embedded dictionaries, built once per process and shared.
    fn default() -> Self {
        static EMBEDDED_DICT: OnceLock<ActorDictionary> = OnceLock::new();
        EMBEDDED_DICT
            .get_or_init(|| {
                let mut tables = Tables::default();
                for (name, text) in EMBEDDED {
                    // The embedded files are tested; a broken one is skipped, never a panic.
                    let _ = tables.add(name, text);
                }
                ActorDictionary::from_tables(tables)
            })
            .clone()
    }
}

impl fmt::Debug for ActorDictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActorDictionary")
            .field("sources", &self.inner.tables.sources)
            .field("entries", &self.inner.tables.entries.len())
            .field("names", &self.inner.tables.names.len())
            .finish()
    }
}

impl ActorDictionary {
    /// A dictionary with nothing in it (for tests and for users who bring all their own files).
    pub fn empty() -> ActorDictionary {
        ActorDictionary::from_tables(Tables::default())
    }

    fn from_tables(tables: Tables) -> ActorDictionary {
        let matcher = Matcher::new(&tables);
        ActorDictionary {
            inner: Arc::new(Inner { tables, matcher }),
        }
    }

    /// Adds the records of one dictionary file (format: `data/actors/README.md`). `name` names
    /// the file in error messages (`name:line: message`); a name in a two-letter folder
    /// (`fr/extra.txt`) makes its names serve only texts in that language. Its names replace
    /// the same names of earlier files. On error nothing is added.
    pub fn extend_from_str(&mut self, name: &str, text: &str) -> Result<(), String> {
        let mut tables = self.inner.tables.clone();
        tables.add(name, text)?;
        *self = ActorDictionary::from_tables(tables);
        Ok(())
    }

    /// How many names the dictionary holds, by kind of entry (for reports).
    pub fn counts(&self) -> Vec<(String, usize)> {
        let t = &self.inner.tables;
        let mut by: std::collections::BTreeMap<String, usize> = Default::default();
        for n in &t.names {
            if let Some(e) = t.entries.get(n.entry) {
                *by.entry(kind_label(e.kind)).or_default() += 1;
            }
        }
        by.into_iter().collect()
    }

    /// Finds the actors mentioned in `text` (byte offsets), resolving dated roles to the latest.
    pub fn find(&self, text: &str, doc: &Sentences, language: Option<&str>) -> Vec<Entity> {
        self.find_dated(text, doc, language, None)
    }

    /// Finds the actors mentioned in `text` (byte offsets), resolving dated roles ("RUSGOV from
    /// 2000-05-07") by the publication day `published` (`YYYY-MM-DD`).
    pub fn find_dated(
        &self,
        text: &str,
        doc: &Sentences,
        language: Option<&str>,
        published: Option<&str>,
    ) -> Vec<Entity> {
        // A language without lists of its own reads with the English ones.
        let lang = language
            .filter(|l| {
                self.inner
                    .tables
                    .langs
                    .iter()
                    .any(|x| x.as_deref() == Some(*l))
            })
            .unwrap_or("en");
        let date = published.and_then(day_number);
        let t = &self.inner.tables;
        let toks = scan::scan(text, &doc.sentences);
        let hits = self.inner.matcher.hits(t, text, lang);
        let mut out = roles::compose(t, text, &toks, &hits, date);
        let known: Vec<(usize, usize)> = out
            .iter()
            .map(|e| (e.start, e.end))
            .chain(
                hits.iter()
                    .filter(|h| {
                        t.entries.get(h.entry).is_some_and(|e| match e.kind {
                            EntryKind::Title => true,
                            // "Ministry of Water Resources": a capitalised sector noun that opens
                            // a longer name is left to the name finder.
                            EntryKind::Agent(_) => {
                                !opens_name(text, h.start, h.end)
                                    && !closes_name(t, text, &hits, h.start)
                            }
                            _ => false,
                        })
                    })
                    .map(|h| (h.start, h.end)),
            )
            .collect();
        out.extend(names::unknown(t, text, &toks, &known, &out));
        out.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
        join_first_names(text, &mut out);
        let mut last_end = 0;
        out.retain(|e| {
            let keep = e.start >= last_end && e.end > e.start;
            if keep {
                last_end = e.end;
            }
            keep
        });
        out
    }

    /// The pronouns and nominal mentions of `text` resolved against `entities` (what
    /// [`ActorDictionary::find`] returned for it): see [`coref::resolve`].
    pub fn coreferences(
        &self,
        text: &str,
        doc: &Sentences,
        entities: &[Entity],
    ) -> Vec<coref::Mention> {
        coref::resolve(self, text, doc, entities)
    }

    /// The raw dictionary hits of `text` (English): byte spans and the kind of entry, for
    /// debugging dictionaries.
    pub fn debug_hits(&self, text: &str) -> Vec<(usize, usize, String)> {
        let t = &self.inner.tables;
        self.inner
            .matcher
            .hits(t, text, "en")
            .into_iter()
            .map(|h| {
                let kind = t
                    .entries
                    .get(h.entry)
                    .map(|e| kind_label(e.kind))
                    .unwrap_or_default();
                (h.start, h.end, kind)
            })
            .collect()
    }

    pub(crate) fn tables(&self) -> &Tables {
        &self.inner.tables
    }
}

/// "Volodymyr Zelenskiy" when only "Zelenskiy" is known: an unknown name right before a known
/// one-word person joins it, and the known person keeps its code.
fn join_first_names(text: &str, out: &mut Vec<Entity>) {
    let mut i = 1;
    while i < out.len() {
        let (Some(a), Some(b)) = (out.get(i - 1), out.get(i)) else {
            break;
        };
        let joins = a.kind == sitrep_model::EntityKind::Person
            && a.code.is_none()
            && b.kind == sitrep_model::EntityKind::Person
            && b.code.is_some()
            && !b.text.contains(' ')
            && a.end + 1 == b.start
            && text.get(a.end..b.start) == Some(" ");
        if joins {
            let start = a.start;
            out.remove(i - 1);
            if let Some(b) = out.get_mut(i - 1) {
                b.start = start;
                b.text = text.get(start..b.end).unwrap_or("").to_string();
            }
            continue;
        }
        i += 1;
    }
}

/// A capitalised word followed by "of" or "for" and a capitalised word: "Ministry of Water
/// Resources", "Forces for Defence of Democracy".
fn opens_name(text: &str, start: usize, end: usize) -> bool {
    let capital = text
        .get(start..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_uppercase);
    let rest = text.get(end..).unwrap_or("");
    capital
        && rest
            .strip_prefix(" of ")
            .or_else(|| rest.strip_prefix(" for "))
            .map(|r| r.strip_prefix("the ").unwrap_or(r))
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
}

/// A capitalised sector noun after a capitalised word that no dictionary knows:
/// "Constitutional Court", "Security Intelligence Service".
fn closes_name(t: &Tables, text: &str, hits: &[matcher::Hit], start: usize) -> bool {
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if !capital(text.get(start..).unwrap_or("")) {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() + 1 != before.len() {
        return false;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    let word = trimmed.get(word_start..).unwrap_or("");
    capital(word)
        && !t.cue("not_name", &word.to_lowercase())
        && !hits.iter().any(|h| h.end == trimmed.len())
}

fn kind_label(k: EntryKind) -> String {
    match k {
        EntryKind::Country => "country".into(),
        EntryKind::Demonym => "demonym".into(),
        EntryKind::Capital => "capital".into(),
        EntryKind::Person => "person".into(),
        EntryKind::Organization => "organization".into(),
        EntryKind::Group => "group".into(),
        EntryKind::Title => "title".into(),
        EntryKind::Agent(_) => "agent".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_files_parse() {
        let mut t = super::Tables::default();
        for (name, text) in super::EMBEDDED {
            assert_eq!(t.add(name, text), Ok(()), "{name}");
        }
    }
}
