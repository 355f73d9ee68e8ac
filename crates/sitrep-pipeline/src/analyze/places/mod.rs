//! Places, geocoded from the embedded gazetteer built from GeoNames.
//!
//! The principal type is [`Gazetteer`]: the loaded place records, their name index and the
//! context word lists, behind an `Arc` so that every worker thread shares one copy. Its
//! [`Default`] loads the gazetteer vendored in `data/gazetteer/` once per process, in a few
//! milliseconds: the files are embedded as text and only their line starts are indexed.
//!
//! ```
//! use sitrep_pipeline::analyze::places::Gazetteer;
//! use sitrep_pipeline::analyze::sentences;
//!
//! let g = Gazetteer::default();
//! let text = "A blast in Kabul late Monday killed five people.";
//! let places = g.resolve(text, &sentences::split(text, None), &[]);
//! assert_eq!(places[0].name, "Kabul");
//! assert_eq!(places[0].country.as_deref(), Some("AFG"));
//! ```
//!
//! The work is split by role: [`gazetteer`] reads the data and [`words`] the context word lists,
//! [`scan`] finds names in the text (leftmost-longest, capitalised), [`context`] reads the cues
//! around each, [`resolve`] keeps the place mentions and picks a record for each (its module
//! documentation states the rules), and `passes` revises the picks across mentions.

pub mod context;
pub mod gazetteer;
pub mod index;
mod passes;
pub mod resolve;
pub mod scan;
pub mod words;

use std::fmt;
use std::sync::{Arc, OnceLock};

use sitrep_model::{Entity, Place};

use super::sentences::Sentences;

pub use gazetteer::{GazetteerData, NameEntry, NameRef, PlaceClass, PlaceRecord};
pub use scan::{scan, words, Candidate, Word};
pub use words::PlaceWords;

/// The embedded gazetteer and the context words.
#[derive(Clone)]
pub struct Gazetteer {
    inner: Arc<Inner>,
}

struct Inner {
    data: GazetteerData,
    words: PlaceWords,
}

impl Gazetteer {
    /// A gazetteer from other data and words (see `data/gazetteer/README.md` for the format).
    pub fn new(data: GazetteerData, words: PlaceWords) -> Gazetteer {
        Gazetteer {
            inner: Arc::new(Inner { data, words }),
        }
    }

    /// The records and names.
    pub fn data(&self) -> &GazetteerData {
        &self.inner.data
    }

    /// The context word lists.
    pub fn words(&self) -> &PlaceWords {
        &self.inner.words
    }

    /// Finds and geocodes the places mentioned in `text`, in byte offsets. `entities` are the
    /// actors found in the same text: names inside them are not places, and their countries
    /// tell which countries the document is about.
    pub fn resolve(&self, text: &str, doc: &Sentences, entities: &[Entity]) -> Vec<Place> {
        resolve::resolve(&self.inner.data, &self.inner.words, text, doc, entities)
    }
}

impl Default for Gazetteer {
    /// The gazetteer vendored in the crate, loaded once per process.
    fn default() -> Gazetteer {
        static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Gazetteer::new(GazetteerData::embedded(), PlaceWords::embedded()))
            .clone()
    }
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.inner.data.len())
            .field("names", &self.inner.data.name_count())
            .field("words", &self.inner.words.len())
            .finish()
    }
}
