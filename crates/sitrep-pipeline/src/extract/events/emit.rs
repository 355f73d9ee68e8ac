//! Building the events of one event word: one per (source, target), with the code's tables,
//! the sentence's date and place, and the domestic rule for a missing side.
//!
//! The principal type is `Emit` (crate-private): what every event of one word shares. It is
//! used by [`super::explain`]; the public result is [`sitrep_model::Event`].

use sitrep_model::{ActorRef, Event, Span};

use super::tables::CodeTable;
use crate::analyze::Layers;

/// What every event of one word shares.
pub(crate) struct Emit<'a> {
    pub(crate) layers: &'a Layers,
    pub(crate) table: &'a CodeTable,
    pub(crate) code: &'a str,
    pub(crate) span: Span,
    pub(crate) date: Option<&'a str>,
    pub(crate) conf: f64,
}

impl Emit<'_> {
    /// Entity `i`, or place `i - entities.len()` at country level.
    fn actor(&self, i: usize) -> Option<ActorRef> {
        let n = self.layers.entities.len();
        match self.layers.entities.get(i) {
            Some(e) => Some(ActorRef {
                text: e.text.clone(),
                country: e.country.clone(),
                code: e.code.clone(),
            }),
            None => self.layers.places.get(i.checked_sub(n)?).map(|p| ActorRef {
                text: p.text.clone(),
                country: p.country.clone(),
                code: p.country.clone(),
            }),
        }
    }

    /// One event per (source, target); a pair naming one actor twice is skipped. An event
    /// with one side missing is taken as domestic: the missing side is the other side's
    /// country (not for international organisations), with 0.1 less confidence. Returns
    /// whether it did so.
    pub(crate) fn push_pairs(
        &self,
        out: &mut Vec<Event>,
        sources: &[usize],
        targets: &[usize],
        allow_domestic: bool,
    ) -> bool {
        let mut domestic = false;
        let none = [usize::MAX];
        let s_list: &[usize] = if sources.is_empty() { &none } else { sources };
        let t_list: &[usize] = if targets.is_empty() { &none } else { targets };
        for &s in s_list {
            for &t in t_list {
                let (mut src, mut tgt) = (self.actor(s), self.actor(t));
                let mut conf = self.conf;
                let country_of = |a: &Option<ActorRef>| {
                    a.as_ref()
                        .and_then(|a| a.country.clone())
                        .filter(|c| c.len() == 3 && c != "IGO")
                        .map(|c| ActorRef {
                            text: c.clone(),
                            country: Some(c.clone()),
                            code: Some(c),
                        })
                };
                if !allow_domestic {
                } else if src.is_none() && tgt.is_some() {
                    src = country_of(&tgt);
                } else if tgt.is_none() && src.is_some() {
                    tgt = country_of(&src);
                }
                if (s == usize::MAX || t == usize::MAX) && src.is_some() && tgt.is_some() {
                    domestic = true;
                    conf = ((conf - 0.1) * 100.0).round() / 100.0;
                }
                let same = match (&src, &tgt) {
                    // Domestic events (a government against its rebels) are events; one
                    // actor named twice is not.
                    (Some(a), Some(b)) => s == t || a.text == b.text,
                    _ => false,
                };
                if same {
                    continue;
                }
                let root = self.code.get(..2).unwrap_or("").to_string();
                out.push(Event {
                    source: src,
                    target: tgt,
                    cameo: self.code.to_string(),
                    root,
                    quad: CodeTable::quad(self.code),
                    goldstein: self.table.goldstein(self.code),
                    plover: self.table.plover(self.code),
                    date: self.date.map(str::to_string),
                    place: self
                        .layers
                        .places
                        .iter()
                        .find(|p| p.start >= self.span.start && p.end <= self.span.end)
                        .cloned(),
                    sentence: self.span,
                    confidence: conf,
                });
            }
        }
        domestic
    }
}
