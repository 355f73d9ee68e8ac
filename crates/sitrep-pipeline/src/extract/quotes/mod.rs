//! Direct quotes and their speakers: one [`Quote`] per quoted stretch.
//!
//! The principal function is [`find`]. Quoted stretches come from [`marks`]; the speaker is the
//! attribution of the sentence that closes the quote (`"...," Kabulov said`, `"...," he added`,
//! `"...," said the ministry`), else of the sentence that opens it (`Kabulov said: "..."`,
//! `said Moscow is "naturally" concerned`), found with the claimant rules of
//! [`crate::extract::casualties::claimants`]. A pronoun resolves through coreference, else to
//! the last speaker; a quote with no attribution of its own that follows another closely keeps
//! that quote's speaker. A quote over several paragraphs gives one record per paragraph, all with
//! the same speaker. Quotes of fewer than four words with no speaker are scare quotes and are
//! left out.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::quotes::find;
//! let text = "Zamir Kabulov spoke to Izvestia. \"We want peace,\" he added.";
//! let layers = Analyzer::default().layers(text, None, Some("en"));
//! let q = &find(text, &layers)[0];
//! assert_eq!(q.text, "We want peace");
//! assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some("Zamir Kabulov"));
//! ```

pub mod marks;

use sitrep_model::{ActorRef, Quote};

use crate::analyze::Layers;
use crate::extract::casualties::claimants::{attribution, Source};
use crate::extract::casualties::lexicon::Lexicon;
use crate::extract::casualties::View;
use marks::Quoted;

/// The quotes of `text`, in byte offsets.
pub fn find(text: &str, layers: &Layers) -> Vec<Quote> {
    let lex = Lexicon::get();
    let quoted = marks::find(text);
    let mut out = Vec::new();
    let mut last: Option<ActorRef> = None;
    // The sentence where the last quote closed, to let an unattributed quote follow it.
    let mut last_close: Option<usize> = None;
    let mut i = 0;
    while i < quoted.len() {
        let group = quoted.get(i).map_or(0, |q| q.group);
        let n = quoted
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|q| q.group == group)
            .count()
            .max(1);
        let pieces = quoted.get(i..i + n).unwrap_or(&[]);
        i += n;
        let (Some(first), Some(final_piece)) = (pieces.first(), pieces.last()) else {
            continue;
        };
        let s_open = layers.doc.sentence_at(first.open);
        let s_close = layers.doc.sentence_at(final_piece.close.saturating_sub(1));
        let mut source = None;
        for s in [s_close, s_open].into_iter().flatten() {
            let view = View::new(text, layers, s);
            // Only the quotes that overlap the sentence can hold its tokens.
            let here: Vec<&Quoted> = quoted
                .iter()
                .filter(|q| q.open < view.end && view.start < q.close.max(q.end + 1))
                .collect();
            let skip = |k: usize| {
                view.toks.get(k).is_some_and(|t| {
                    here.iter()
                        .any(|q| q.open <= t.start && t.end <= q.close.max(q.end + 1))
                })
            };
            source = attribution(&view, layers, lex, &skip);
            if source.is_some() {
                break;
            }
        }
        let follows = match (last_close, s_open) {
            (Some(a), Some(b)) => b <= a + 2,
            _ => false,
        };
        // A quote that opens its sentence with no attribution of its own is often introduced by
        // the sentence before: `Musa described the scene. "There were bodies everywhere."`
        let opens_sentence = s_open
            .and_then(|s| layers.doc.sentences.get(s))
            .is_some_and(|s| s.start == first.open);
        let introduced = match (source.is_none() && !follows && opens_sentence, s_open) {
            (true, Some(s)) if s > 0 => {
                let view = View::new(text, layers, s - 1);
                let quoted_here = |k: usize| {
                    view.toks.get(k).is_some_and(|t| {
                        quoted.iter().any(|q| q.open <= t.start && t.end <= q.close)
                    })
                };
                attribution(&view, layers, lex, &quoted_here)
            }
            _ => None,
        };
        let speaker = match source.or(introduced) {
            Some(Source::Actor(a)) => Some(a),
            Some(Source::Carrier) => last.clone(),
            None if follows => last.clone(),
            None => None,
        };
        if speaker.is_some() {
            last = speaker.clone();
            last_close = s_close;
        }
        for q in pieces {
            if let Some(quote) = record(text, q, &speaker) {
                out.push(quote);
            }
        }
    }
    out
}

fn record(text: &str, q: &Quoted, speaker: &Option<ActorRef>) -> Option<Quote> {
    let words = text.get(q.start..q.end)?;
    // Without a speaker, a short quote is a scare quote or a name ("the so-called "buffer
    // zone""), not speech.
    if speaker.is_none() && words.split_whitespace().count() < 4 {
        return None;
    }
    Some(Quote {
        speaker: speaker.clone(),
        text: words.to_string(),
        start: q.start,
        end: q.end,
    })
}
