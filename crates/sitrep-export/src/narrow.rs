//! Record-level filtering inside a document.
//!
//! A store's `scan` hands over whole documents that match a [`Filter`]: a document with one
//! event in Afghanistan matches `--country AFG` with all its events. The tabular exports are
//! about records, so each exporter also keeps only the events (and claims) that match the
//! filter themselves, with the meanings `sitrep query` gives them:
//!
//! - events: `actor` (code prefix or country of either side), `source`, `target` (code
//!   prefix), `cameo` (prefix), `root`, `quad`, `plover` (case-insensitive), `since`/`until`
//!   (the event's date), `country` (the place's country), `near` (the place within the radius);
//! - claims: `actor` and `claimant` (the claimant's code prefix, its country, or words of its
//!   name), `since`/`until` (the claim's period overlaps), `country` (the place's country, else
//!   the victims' side), `near` (the place).
//!
//! A filter about another kind of record (`--cameo` for claims) does not narrow the records: it
//! has already narrowed the documents. Document-level filters (`text`, `document`, `story`,
//! `include_duplicates`) are the store's alone. Event indices are kept as stored, so ids built
//! from them (GDELT's `GLOBALEVENTID`) do not depend on the filter.

use sitrep_model::{ActorRef, CasualtyClaim, Event, Place};
use sitrep_store::Filter;

/// The record-level part of a filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrow {
    filter: Filter,
}

fn code_prefix(a: Option<&ActorRef>, prefix: &str) -> bool {
    let p = prefix.to_ascii_uppercase();
    a.and_then(|a| a.code.as_deref())
        .is_some_and(|c| c.to_ascii_uppercase().starts_with(&p))
}

fn actor_is(a: Option<&ActorRef>, who: &str) -> bool {
    code_prefix(a, who)
        || a.and_then(|a| a.country.as_deref())
            .is_some_and(|c| c.eq_ignore_ascii_case(who))
}

fn near(p: Option<&Place>, n: &sitrep_store::Near) -> bool {
    let Some(p) = p else { return false };
    let (la1, lo1, la2, lo2) = (
        p.lat.to_radians(),
        p.lon.to_radians(),
        n.lat.to_radians(),
        n.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    let km = 2.0 * 6371.0088 * h.sqrt().min(1.0).asin();
    km <= n.km
}

impl Narrow {
    pub fn new(filter: Filter) -> Narrow {
        Narrow { filter }
    }

    /// Whether an event matches the filter's event fields.
    pub fn event(&self, e: &Event) -> bool {
        let f = &self.filter;
        let date = e.date.as_deref();
        f.actor
            .as_deref()
            .is_none_or(|a| actor_is(e.source.as_ref(), a) || actor_is(e.target.as_ref(), a))
            && f.source
                .as_deref()
                .is_none_or(|s| code_prefix(e.source.as_ref(), s))
            && f.target
                .as_deref()
                .is_none_or(|t| code_prefix(e.target.as_ref(), t))
            && f.cameo.as_deref().is_none_or(|c| e.cameo.starts_with(c))
            && f.root.as_deref().is_none_or(|r| e.root == r)
            && f.quad.is_none_or(|q| e.quad == q)
            && f.plover.as_deref().is_none_or(|p| {
                e.plover
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(p))
            })
            && f.since
                .as_deref()
                .is_none_or(|s| date.is_some_and(|d| d >= s))
            && f.until
                .as_deref()
                .is_none_or(|u| date.is_some_and(|d| d <= u))
            && f.country.as_deref().is_none_or(|c| {
                e.place
                    .as_ref()
                    .and_then(|p| p.country.as_deref())
                    .is_some_and(|x| x.eq_ignore_ascii_case(c))
            })
            && f.near.as_ref().is_none_or(|n| near(e.place.as_ref(), n))
    }

    /// Whether a claim matches the filter's claim fields.
    pub fn claim(&self, c: &CasualtyClaim) -> bool {
        let f = &self.filter;
        let who = c.according_to.as_ref();
        let claimant = |w: &str| {
            actor_is(who, w)
                || who.is_some_and(|a| a.text.to_lowercase().contains(&w.to_lowercase()))
        };
        let (start, end) = match &c.period {
            Some(p) => (Some(p.start.as_str()), Some(p.end.as_str())),
            None => (None, None),
        };
        f.actor.as_deref().is_none_or(claimant)
            && f.claimant.as_deref().is_none_or(claimant)
            && f.since
                .as_deref()
                .is_none_or(|s| end.is_none_or(|e| e >= s))
            && f.until
                .as_deref()
                .is_none_or(|u| start.is_none_or(|b| b <= u))
            && f.country.as_deref().is_none_or(|want| {
                c.place
                    .as_ref()
                    .and_then(|p| p.country.as_deref())
                    .or(c.country.as_deref())
                    .is_some_and(|x| x.eq_ignore_ascii_case(want))
            })
            && f.near.as_ref().is_none_or(|n| near(c.place.as_ref(), n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    #[test]
    fn events_are_narrowed_by_their_own_fields() {
        let e = event("195");
        let with = |f: Filter| Narrow::new(f).event(&e);
        assert!(with(Filter::default()));
        assert!(with(Filter {
            actor: Some("PAK".into()),
            ..Filter::default()
        }));
        assert!(with(Filter {
            source: Some("PAKM".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            target: Some("PAK".into()),
            ..Filter::default()
        }));
        assert!(with(Filter {
            cameo: Some("19".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            cameo: Some("18".into()),
            ..Filter::default()
        }));
        assert!(with(Filter {
            country: Some("AFG".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            country: Some("PAK".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            since: Some("2026-03-17".into()),
            ..Filter::default()
        }));
        let kabul_50km = sitrep_store::Near {
            lat: 34.5,
            lon: 69.2,
            km: 50.0,
        };
        assert!(with(Filter {
            near: Some(kabul_50km),
            ..Filter::default()
        }));
        // A filter about claims does not narrow events.
        assert!(with(Filter {
            claimant: Some("UNAMA".into()),
            ..Filter::default()
        }));
    }

    #[test]
    fn claims_are_narrowed_by_their_own_fields() {
        let c = claim(Some(actor("UNAMA", "IGO", "IGOUNO")), 76);
        let with = |f: Filter| Narrow::new(f).claim(&c);
        assert!(with(Filter {
            claimant: Some("unama".into()),
            ..Filter::default()
        }));
        assert!(with(Filter {
            claimant: Some("IGO".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            claimant: Some("Kabul".into()),
            ..Filter::default()
        }));
        assert!(with(Filter {
            cameo: Some("18".into()),
            ..Filter::default()
        }));
        assert!(!with(Filter {
            country: Some("PAK".into()),
            ..Filter::default()
        }));
    }
}
