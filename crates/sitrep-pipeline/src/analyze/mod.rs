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

/// The layers of one text in byte offsets, as the record extractors (events, casualty claims,
/// quotes) build on them: the sentences and tokens, the actors, places and dates, and the
/// coreference links of pronouns and nominals to the actors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layers {
    pub doc: sentences::Sentences,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub dates: Vec<DateMention>,
    /// "he", "the envoy", "both sides" and the indices of the entities they stand for.
    pub coref: Vec<actors::coref::Mention>,
}

impl Layers {
    /// The layers as the output contract gives them: char offsets.
    pub fn to_analysis(&self, conv: &CharOffsets) -> Analysis {
        let mut a = Analysis {
            sentences: self
                .doc
                .sentences
                .iter()
                .map(|s| conv.span(s.start, s.end))
                .collect(),
            entities: self.entities.clone(),
            places: self.places.clone(),
            dates: self.dates.clone(),
        };
        for e in &mut a.entities {
            (e.start, e.end) = (conv.get(e.start), conv.get(e.end));
        }
        for p in &mut a.places {
            (p.start, p.end) = (conv.get(p.start), conv.get(p.end));
        }
        for d in &mut a.dates {
            (d.start, d.end) = (conv.get(d.start), conv.get(d.end));
        }
        a
    }
}

/// The loaded dictionaries and gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    pub actors: actors::ActorDictionary,
    pub gazetteer: places::Gazetteer,
}

impl Analyzer {
    /// Analyses `text` (the clean body) published on `published` (`YYYY-MM-DD`), written in
    /// `language` (ISO 639-1), in char offsets.
    pub fn analyze(&self, text: &str, published: Option<&str>, language: Option<&str>) -> Analysis {
        self.layers(text, published, language)
            .to_analysis(&CharOffsets::new(text))
    }

    /// The same analysis in byte offsets, with sentences, tokens and coreference.
    pub fn layers(&self, text: &str, published: Option<&str>, language: Option<&str>) -> Layers {
        let doc = sentences::split(text, language);
        let dates = dates::find(text, &doc, published, language);
        let entities = self.actors.find_dated(text, &doc, language, published);
        let places = self.gazetteer.resolve(text, &doc, &entities);
        let coref = self.actors.coreferences(text, &doc, &entities);
        Layers {
            doc,
            entities,
            places,
            dates,
            coref,
        }
    }
}

/// Byte offset to char offset, in O(log n) per lookup after one pass over the text.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offsets of the chars that are not one byte long, with the char index each starts.
    wide: Vec<(usize, usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            if c.len_utf8() > 1 {
                wide.push((bi, ci, c.len_utf8()));
            }
        }
        CharOffsets { wide }
    }

    /// The span of chars covering the bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.get(start),
            end: self.get(end),
        }
    }

    /// The char offset of byte offset `byte` (a char boundary).
    pub fn get(&self, byte: usize) -> usize {
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
