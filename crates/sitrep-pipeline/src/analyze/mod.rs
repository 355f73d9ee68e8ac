//! Language analysis of the clean text: sentences and tokens, actors with CAMEO codes, places from
//! the embedded gazetteer, and dates resolved against the publication date.
//!
//! The principal type is [`Analyzer`]. It holds the loaded dictionaries (built once, shared by
//! every worker thread) and turns a clean text into an [`Analysis`]. Like every stage after
//! `ingest`, it is total: any text gives an analysis, never an error or a panic.
//!
//! Inside the stage, offsets are byte offsets into the text; [`Analysis`] converts them to the
//! char offsets of the output contract at the very end, in one place.

pub mod actors;
pub mod calendar;
pub mod dates;
pub mod places;
pub mod sentences;

use sitrep_model::{DateMention, Entity, Place, Span};

/// Everything the analysis found in one text, with char offsets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub dates: Vec<DateMention>,
}

/// The loaded dictionaries and gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    pub actors: actors::ActorDictionary,
    pub gazetteer: places::Gazetteer,
}

impl Analyzer {
    /// Analyses `text` (the clean body) published on `published` (`YYYY-MM-DD`), written in
    /// `language` (ISO 639-1).
    pub fn analyze(&self, text: &str, published: Option<&str>, language: Option<&str>) -> Analysis {
        let doc = sentences::split(text, language);
        let dates = dates::find(text, &doc, published, language);
        let entities = self.actors.find_dated(text, &doc, language, published);
        let places = self.gazetteer.resolve(text, &doc, &entities);
        let mut a = Analysis {
            sentences: doc
                .sentences
                .iter()
                .map(|s| Span {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            entities,
            places,
            dates,
        };
        to_char_offsets(text, &mut a);
        a
    }
}

/// Rewrites every byte offset of `a` as a char offset into `text`.
fn to_char_offsets(text: &str, a: &mut Analysis) {
    let conv = CharOffsets::new(text);
    for s in &mut a.sentences {
        s.start = conv.get(s.start);
        s.end = conv.get(s.end);
    }
    for e in &mut a.entities {
        e.start = conv.get(e.start);
        e.end = conv.get(e.end);
    }
    for p in &mut a.places {
        p.start = conv.get(p.start);
        p.end = conv.get(p.end);
    }
    for d in &mut a.dates {
        d.start = conv.get(d.start);
        d.end = conv.get(d.end);
    }
}

/// Byte offset to char offset, in O(log n) per lookup after one pass over the text.
struct CharOffsets {
    /// Byte offsets of the chars that are not one byte long, with the char index each starts.
    wide: Vec<(usize, usize, usize)>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            if c.len_utf8() > 1 {
                wide.push((bi, ci, c.len_utf8()));
            }
        }
        CharOffsets { wide }
    }

    fn get(&self, byte: usize) -> usize {
        // Every wide char before `byte` counts its extra bytes once.
        let n = self.wide.partition_point(|&(bi, _, _)| bi < byte);
        let extra: usize = match n {
            0 => 0,
            _ => {
                let (bi, ci, len) = self.wide[n - 1];
                // bytes up to the end of that wide char, minus chars up to it
                (bi + len) - (ci + 1)
            }
        };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_become_char_offsets() {
        let text = "çerez é x";
        let conv = CharOffsets::new(text);
        assert_eq!(conv.get(0), 0);
        assert_eq!(conv.get(2), 1); // after ç
        assert_eq!(conv.get(text.len()), text.chars().count());
        let e = text.find('x').unwrap();
        assert_eq!(conv.get(e), 8);
    }
}
