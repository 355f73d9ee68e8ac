//! Actor mentions near a verb: the principal function is [`actor_ending`], which finds the
//! actor whose mention (an entity of the actor layer, or a pronoun or nominal that coreference
//! resolves to one) ends within a byte range, as the subject of "said" does.
//!
//! ```
//! use sitrep_pipeline::analyze::Analyzer;
//! use sitrep_pipeline::extract::casualties::claimants::Source;
//! use sitrep_pipeline::extract::casualties::mentions::actor_ending;
//! let text = "Zamir Kabulov spoke. He said no.";
//! let layers = Analyzer::default().layers(text, None, Some("en"));
//! let he = text.find("He").unwrap();
//! let Some(Source::Actor(a)) = actor_ending(&layers, he + 2, he + 2) else { panic!() };
//! assert_eq!(a.text, "Zamir Kabulov");
//! ```

use sitrep_model::{ActorRef, EntityKind};

use super::claimants::Source;
use crate::analyze::Layers;

/// The actor for entity `i`; a person named by surname only gets the full name an earlier
/// mention gave ("Kabulov" → "Zamir Kabulov").
pub fn actor_ref(layers: &Layers, i: usize) -> Option<ActorRef> {
    let e = layers.entities.get(i)?;
    let mut name = e.text.clone();
    if e.kind == EntityKind::Person {
        let suffix = format!(" {}", e.text);
        if let Some(full) = layers.entities.get(..i).and_then(|before| {
            before
                .iter()
                .rev()
                .find(|p| p.kind == EntityKind::Person && p.text.ends_with(&suffix))
        }) {
            name = full.text.clone();
        }
    }
    Some(ActorRef {
        text: name,
        country: e.country.clone(),
        code: e.code.clone(),
    })
}

/// The actor whose mention (entity, or pronoun and nominal resolved by coreference) starts in
/// the byte range `from..to`. Places are not actors here.
pub fn actor_starting(layers: &Layers, from: usize, to: usize) -> Option<Source> {
    let (base, near) = window(layers, from, to);
    let ent = near
        .iter()
        .position(|e| e.start >= from && e.start < to && e.kind != EntityKind::Location)
        .map(|i| base + i);
    if let Some(i) = ent {
        return actor_ref(layers, i).map(Source::Actor);
    }
    let m = layers
        .coref
        .iter()
        .find(|m| m.start >= from && m.start < to)?;
    resolved(layers, m)
}

/// The entities that can start or end within `from..=to` (sorted by start, as the actor layer
/// gives them), and the index of the first: a long text has thousands.
pub(crate) fn window(layers: &Layers, from: usize, to: usize) -> (usize, &[sitrep_model::Entity]) {
    // No actor name is longer than this many bytes.
    const LONGEST: usize = 400;
    let ents = &layers.entities;
    let a = ents.partition_point(|e| e.start < from.saturating_sub(LONGEST));
    let b = ents.partition_point(|e| e.start <= to).max(a);
    (a, ents.get(a..b).unwrap_or(&[]))
}

/// The actor a coreference mention stands for, when it stands for exactly one.
fn resolved(layers: &Layers, m: &crate::analyze::actors::coref::Mention) -> Option<Source> {
    match m.antecedents.as_slice() {
        [i] => actor_ref(layers, *i).map(Source::Actor),
        _ => None,
    }
}

/// The actor whose mention ends in the byte range `from..=to`, nearest to `to`.
pub fn actor_ending(layers: &Layers, from: usize, to: usize) -> Option<Source> {
    let (base, near) = window(layers, from, to);
    let ent = near
        .iter()
        .rposition(|e| e.end >= from && e.end <= to && e.kind != EntityKind::Location)
        .map(|i| base + i);
    let m = layers
        .coref
        .iter()
        .rev()
        .find(|m| m.end >= from && m.end <= to)
        .and_then(|m| resolved(layers, m).map(|s| (m.end, s)));
    let ent_end = ent.and_then(|i| layers.entities.get(i)).map(|e| e.end);
    match (ent, m) {
        (Some(i), Some((mend, _))) if ent_end.is_some_and(|e| e >= mend) => {
            actor_ref(layers, i).map(Source::Actor)
        }
        (_, Some((_, s))) => Some(s),
        (Some(i), None) => actor_ref(layers, i).map(Source::Actor),
        (None, None) => None,
    }
}
