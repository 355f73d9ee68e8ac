//! Story clusters: the same incident told by several outlets, and near-duplicate copies.
//!
//! Two relations are judged between a new document and the earlier documents a backend offers
//! as candidates:
//!
//! - **near-duplicate**: a copy of one text (a syndicated wire story under another outlet's
//!   boilerplate, with a new headline, a trimmed last paragraph or an updated toll). Judged on
//!   the text alone, by the MinHash estimate of the Jaccard similarity of word 5-shingles
//!   ([`crate::minhash`]): at least [`DUPLICATE_SIMILARITY`], or, for a trimmed copy, a
//!   containment of the shorter text in the longer of at least [`DUPLICATE_CONTAINMENT`] (with
//!   a similarity of at least [`TRIMMED_SIMILARITY`]). Containment is estimated from the
//!   similarity and the two shingle counts: `|A∩B| = J(|A|+|B|)/(1+J)`.
//! - **same story**: the same incident told in other words. Shingles barely overlap then, so
//!   the judgement weighs the evidence a reader would use ([`score`], [`Evidence`]):
//!
//!   | evidence | measure (0–1) | weight |
//!   | --- | --- | --- |
//!   | text | MinHash similarity, from [`TEXT_FLOOR`] (0) to [`DUPLICATE_SIMILARITY`] (1) | [`W_TEXT`] = 3 |
//!   | vocabulary | Jaccard of content words / [`TERMS_SATURATION`], capped at 1 | [`W_TERMS`] = 1.5 |
//!   | actors | weighted Jaccard of actor codes, each weighted by its specificity ([`actor_weight`]) | [`W_ACTORS`] = 1 |
//!   | names | overlap of the people named | [`W_NAMES`] = 1 |
//!   | places | overlap of specific places (towns, cities, provinces; not countries) | [`W_PLACES`] = 1.5 |
//!   | dates | overlap of the recent days the texts mention (incident dates) | [`W_DATES`] = 1 |
//!   | figures | overlap of casualty figures (outcome and count) | [`W_FIGURES`] = 1.5 |
//!
//!   ("overlap" is the shared items over the smaller set: a short report naming part of what a
//!   long one names is fully consistent with it), less penalties for contrary evidence, each
//!   applied when both documents have the feature and share none of it: countries
//!   ([`P_COUNTRY`] = 2), specific places ([`P_PLACES`] = 1.5), recent dates ([`P_DATES`] = 2),
//!   casualty figures, where a figure within [`FIGURE_TOLERANCE`] of the other's (a rising toll)
//!   is no contradiction ([`P_FIGURES`] = 1.5); and [`P_PER_DAY`] = 0.25 for every day of
//!   publication apart beyond the first. A document joins the best-scoring candidate whose score
//!   reaches [`JOIN_SCORE`] = 3 and that was published at most [`MAX_STORY_DAYS`] days apart; a
//!   near-duplicate always joins its original's story.
//!
//! Why these weights. The score is a sum of log-odds-like votes: positive evidence counts what a
//! reader would notice is shared, contrary evidence counts what a reader would notice differs.
//! The threshold is set so that no one kind of evidence suffices on its own, and two kinds
//! barely: a specific place and an incident date (1.5 + 1) fall short, since two incidents in
//! one city on one day happen; a shared vocabulary, figure, actor or person must add to them.
//! Sharing a country and its actors only (the same war) gives about 1–2. A later incident in
//! the same city shares place, actors and words but mentions other days: the date penalty (as
//! large as the date and place evidence together) keeps it out. Text similarity counts only
//! above what any two reports from one conflict or one agency's house style share
//! ([`TEXT_FLOOR`]); the text weight is then the largest, because a rewrite that keeps whole
//! sentences of a wire copy is strong evidence of one incident. On the hand-written articles of
//! `examples/news/`, accounts of one incident by different outlets in their own words score 3.4
//! to 5.8 and accounts of different incidents at most about 2 (`cargo run -p sitrep-store
//! --example cluster_eval -- --news`).
//!
//! The weighting of actors is IDF-like, but from a fixed prior rather than corpus counts, so
//! that a judgement depends on the two documents alone and incremental ingest gives the same
//! clusters whatever else is stored: a bare country code (`SDN`) is named by nearly every story
//! about that country and weighs 0.15; a sector of a country (`SDNMIL`, `SDNGOV`) 0.5; an
//! international organisation 0.3 (`IGOUNO`) to 0.6 (`IGOUNOWFP`); longer, more specific
//! codes 1.0. Media codes (`GBRMED` for a news agency) are who reports, not who acts, and weigh
//! nothing. Background figures (a war's total toll, the millions displaced) and background
//! dates (the month a war began) are shared by every story of a conflict: figures are taken
//! from claims about the last [`RECENT_DAYS`] days only, displacement figures not at all, and
//! dates from the same window.
//!
//! This module is pure: backends gather candidates (documents sharing a band key, or published
//! within [`CANDIDATE_DAYS`] days and sharing an actor code or place: [`is_candidate`]) and ask
//! [`judge`] which, if any, to join. [`cluster`] does the same over a batch, for offline use, and
//! gives the same result as incremental ingest in the same order. [`reconcile`] merges the
//! casualty claims of a story.

mod cluster;
mod reconcile;
#[cfg(test)]
mod tests;

pub use cluster::{cluster, Assignment};
pub use reconcile::{claimant_key, reconcile};

use crate::minhash::{similarity, Signature, SHINGLE};

/// The MinHash similarity from which a document is a near-duplicate of another.
pub const DUPLICATE_SIMILARITY: f64 = 0.6;
/// The estimated containment of the shorter text in the longer from which a trimmed copy is a
/// near-duplicate.
pub const DUPLICATE_CONTAINMENT: f64 = 0.8;
/// The least similarity of a trimmed copy (a copy of half of a text has a similarity of 0.5).
pub const TRIMMED_SIMILARITY: f64 = 0.3;

/// Text similarity below this is what any two reports of one wire service or one conflict share
/// (background paragraphs, house phrases): it counts from here up to [`DUPLICATE_SIMILARITY`].
pub const TEXT_FLOOR: f64 = 0.15;
/// Two figures of one outcome within this ratio of each other are compatible (a rising toll,
/// a rounded figure).
pub const FIGURE_TOLERANCE: f64 = 0.25;
/// Weight of the text similarity (MinHash) in [`score`].
pub const W_TEXT: f64 = 3.0;
/// Weight of the shared vocabulary.
pub const W_TERMS: f64 = 1.5;
/// Weight of the shared actor codes.
pub const W_ACTORS: f64 = 1.0;
/// Weight of the shared names of people.
pub const W_NAMES: f64 = 1.0;
/// Weight of the shared specific places.
pub const W_PLACES: f64 = 1.5;
/// Weight of the shared recent dates.
pub const W_DATES: f64 = 1.0;
/// Weight of the shared casualty figures.
pub const W_FIGURES: f64 = 1.5;
/// Penalty when both documents have countries and none is shared.
pub const P_COUNTRY: f64 = 2.0;
/// Penalty when both documents name specific places and none is shared.
pub const P_PLACES: f64 = 1.5;
/// Penalty when both documents state casualty figures and none is compatible.
pub const P_FIGURES: f64 = 1.5;
/// Penalty when both mention recent dates and none is shared.
pub const P_DATES: f64 = 2.0;
/// Penalty per day of publication apart, beyond the first.
pub const P_PER_DAY: f64 = 0.25;
/// The score from which a document joins a candidate's story.
pub const JOIN_SCORE: f64 = 3.0;
/// The vocabulary Jaccard similarity that counts as full evidence: two accounts of one incident
/// in their own words share about a sixth to a quarter of their content words (accounts of
/// different incidents about a tenth).
pub const TERMS_SATURATION: f64 = 0.3;
/// Documents published further apart than this join only as near-duplicates.
pub const MAX_STORY_DAYS: i64 = 7;
/// Candidates by actor or place are the documents published within this many days.
pub const CANDIDATE_DAYS: i64 = 3;
/// Dates and figures about the last this many days before publication are the incident's;
/// older ones are background.
pub const RECENT_DAYS: i64 = 7;

/// What is compared between documents: a summary of a reading.
///
/// Build it with [`Features::of`]; every list is sorted and unique.
/// Serialized (without the signature and the publication date, which backends keep in columns of
/// their own), so that a backend can keep a document's features beside it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Features {
    #[serde(skip)]
    pub signature: Option<Signature>,
    /// Actor codes of the entities and event actors.
    pub actors: Vec<String>,
    /// Places: GeoNames ids, or lower-cased names. Countries and regions named as such are left
    /// out (they are in `countries`): only places more specific than a country.
    pub places: Vec<String>,
    /// Countries of the places and country entities.
    pub countries: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(skip)]
    pub published: Option<String>,
    /// Event dates and resolved date mentions within [`RECENT_DAYS`] before publication (all of
    /// them when the publication date is unknown).
    pub dates: Vec<String>,
    /// Normalized names of the people mentioned (groups are in `actors`).
    pub names: Vec<String>,
    /// Casualty figures as `outcome:count` (recent, not displacement).
    pub figures: Vec<String>,
    /// Lower-cased content words (four letters or more, common function words left out).
    pub terms: Vec<String>,
    /// Number of word shingles of the text (for containment); 0 when unknown.
    pub shingles: usize,
}

/// What to do with a new document, given its candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index (into the candidates) of the document it nearly duplicates, and the similarity.
    pub duplicate_of: Option<(usize, f64)>,
    /// Index of the candidate whose story it joins.
    pub join: Option<usize>,
}

/// The evidence that two documents tell the same incident, each measure 0–1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// MinHash estimate of the Jaccard similarity of the shingles.
    pub text: f64,
    /// Estimated containment of the shorter text in the longer (0 when unknown).
    pub containment: f64,
    pub terms: f64,
    pub actors: f64,
    pub names: f64,
    pub places: f64,
    pub dates: f64,
    pub figures: f64,
    /// Both have countries and share none.
    pub country_conflict: bool,
    /// Both mention recent dates and share none.
    pub date_conflict: bool,
    /// Both name specific places and share none.
    pub place_conflict: bool,
    /// Both state casualty figures and share none.
    pub figure_conflict: bool,
    /// Days between the publication dates, when both are known.
    pub days_apart: Option<i64>,
}

impl Evidence {
    /// Is one document a near-duplicate copy of the other?
    pub fn is_duplicate(&self) -> bool {
        self.text >= DUPLICATE_SIMILARITY
            || (self.text >= TRIMMED_SIMILARITY && self.containment >= DUPLICATE_CONTAINMENT)
    }

    /// The weighted score of [`score`].
    pub fn score(&self) -> f64 {
        let text = (self.text - TEXT_FLOOR) / (DUPLICATE_SIMILARITY - TEXT_FLOOR);
        let mut s = W_TEXT * text.clamp(0.0, 1.0)
            + W_TERMS * (self.terms / TERMS_SATURATION).min(1.0)
            + W_ACTORS * self.actors
            + W_NAMES * self.names
            + W_PLACES * self.places
            + W_DATES * self.dates
            + W_FIGURES * self.figures;
        if self.country_conflict {
            s -= P_COUNTRY;
        }
        if self.date_conflict {
            s -= P_DATES;
        }
        if self.place_conflict {
            s -= P_PLACES;
        }
        if self.figure_conflict {
            s -= P_FIGURES;
        }
        if let Some(d) = self.days_apart {
            s -= P_PER_DAY * (d - 1).max(0) as f64;
        }
        s
    }

    /// Does the evidence put both documents in one story?
    pub fn same_story(&self) -> bool {
        if self.is_duplicate() {
            return true;
        }
        if self.days_apart.is_some_and(|d| d > MAX_STORY_DAYS) {
            return false;
        }
        self.score() >= JOIN_SCORE
    }
}

/// The evidence between two documents.
pub fn evidence(a: &Features, b: &Features) -> Evidence {
    let text = match (&a.signature, &b.signature) {
        (Some(x), Some(y)) => similarity(x, y),
        _ => 0.0,
    };
    let containment = if a.shingles > 0 && b.shingles > 0 && text > 0.0 {
        let inter = text * (a.shingles + b.shingles) as f64 / (1.0 + text);
        (inter / a.shingles.min(b.shingles) as f64).min(1.0)
    } else {
        0.0
    };
    let days_apart = match (&a.published, &b.published) {
        (Some(x), Some(y)) => match (day_number(x), day_number(y)) {
            (Some(x), Some(y)) => Some((x - y).abs()),
            _ => None,
        },
        _ => None,
    };
    Evidence {
        text,
        containment,
        terms: jaccard(&a.terms, &b.terms),
        actors: weighted_jaccard(&a.actors, &b.actors, actor_weight),
        names: overlap(&a.names, &b.names),
        places: overlap(&a.places, &b.places),
        dates: overlap(&a.dates, &b.dates),
        figures: overlap(&a.figures, &b.figures),
        country_conflict: !a.countries.is_empty()
            && !b.countries.is_empty()
            && shared(&a.countries, &b.countries) == 0,
        date_conflict: disjoint(&a.dates, &b.dates),
        place_conflict: disjoint(&a.places, &b.places),
        figure_conflict: figures_conflict(&a.figures, &b.figures),
        days_apart,
    }
}

/// How strongly two documents tell the same incident: the weighted evidence of the module
/// documentation. [`JOIN_SCORE`] and above joins.
pub fn score(a: &Features, b: &Features) -> f64 {
    evidence(a, b).score()
}

/// How likely two documents tell the same incident, 0–1: [`score`] scaled so that
/// [`JOIN_SCORE`] is 0.5 (kept for callers of the first version; `text` is ignored, the
/// signatures are compared).
pub fn story_score(a: &Features, b: &Features, _text: f64) -> f64 {
    let s = score(a, b);
    (s / (2.0 * JOIN_SCORE)).clamp(0.0, 1.0)
}

/// Judges a new document against earlier candidates (given in ingest order).
///
/// A near-duplicate of a candidate joins it (the most similar, the earliest on ties); else the
/// document joins the story of the best-scoring candidate that reaches [`JOIN_SCORE`] (the
/// earliest on ties); else it starts a story.
pub fn judge(new: &Features, candidates: &[Features]) -> Verdict {
    judge_refs(new, candidates)
}

/// [`judge`] over borrowed candidates (no copies of their features).
pub fn judge_refs<'a>(
    new: &Features,
    candidates: impl IntoIterator<Item = &'a Features>,
) -> Verdict {
    let mut duplicate_of: Option<(usize, f64)> = None;
    let mut join: Option<(usize, f64)> = None;
    for (i, c) in candidates.into_iter().enumerate() {
        let ev = evidence(new, c);
        if ev.is_duplicate() && duplicate_of.is_none_or(|(_, s)| ev.text > s) {
            duplicate_of = Some((i, ev.text));
        }
        if ev.same_story() {
            let s = ev.score();
            if join.is_none_or(|(_, best)| s > best) {
                join = Some((i, s));
            }
        }
    }
    Verdict {
        duplicate_of,
        join: duplicate_of.map(|(i, _)| i).or(join.map(|(i, _)| i)),
    }
}

/// Would a backend offer `earlier` as a candidate for `new`? They share an LSH band key, or
/// were published at most [`CANDIDATE_DAYS`] apart (both dates known) and share an actor code or
/// a place.
pub fn is_candidate(new: &Features, earlier: &Features) -> bool {
    if let (Some(a), Some(b)) = (&new.signature, &earlier.signature) {
        let (ka, kb) = (a.band_keys(), b.band_keys());
        if ka.iter().zip(&kb).any(|(x, y)| x == y) {
            return true;
        }
    }
    let near = match (
        new.published.as_deref().and_then(day_number),
        earlier.published.as_deref().and_then(day_number),
    ) {
        (Some(a), Some(b)) => (a - b).abs() <= CANDIDATE_DAYS,
        _ => false,
    };
    near && (shared(&new.actors, &earlier.actors) > 0 || shared(&new.places, &earlier.places) > 0)
}

/// How specific an actor code is, 0–1: the IDF-like prior of the module documentation.
pub fn actor_weight(code: &str) -> f64 {
    let n = code.len();
    if n < 3 || code.ends_with("MED") {
        0.0
    } else if let Some(rest) = code.strip_prefix("IGO") {
        if rest.len() <= 3 {
            0.3
        } else {
            0.6
        }
    } else if n == 3 {
        0.15
    } else if n <= 6 {
        0.5
    } else {
        1.0
    }
}

/// Do the casualty figures (`outcome:count`) of two documents contradict each other? Both state
/// figures, and none of one is within [`FIGURE_TOLERANCE`] of a figure of the same outcome in the
/// other. A compatible figure (a rising toll) is no evidence of one incident, but no evidence
/// against it either.
fn figures_conflict(a: &[String], b: &[String]) -> bool {
    fn parse(f: &str) -> Option<(&str, f64)> {
        let (outcome, n) = f.rsplit_once(':')?;
        Some((outcome, n.parse().ok()?))
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    !a.iter().filter_map(|f| parse(f)).any(|(outcome, n)| {
        b.iter()
            .filter_map(|g| parse(g))
            .any(|(o, m)| o == outcome && (n - m).abs() <= FIGURE_TOLERANCE * n.max(m))
    })
}

/// Both non-empty, nothing in common.
fn disjoint(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && shared(a, b) == 0
}

fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Shared items over the smaller set (a short report that names only part of what a longer one
/// names is still fully consistent with it).
fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    shared(a, b) as f64 / a.len().min(b.len()) as f64
}

/// Weighted Jaccard: the weight of the shared items over the weight of all items.
fn weighted_jaccard(a: &[String], b: &[String], w: fn(&str) -> f64) -> f64 {
    let total = |v: &[String]| v.iter().map(|x| w(x)).sum::<f64>();
    let common: f64 = a
        .iter()
        .filter(|x| b.binary_search(x).is_ok())
        .map(|x| w(x))
        .sum();
    let union = total(a) + total(b) - common;
    if union <= 0.0 {
        0.0
    } else {
        (common / union).min(1.0)
    }
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let common = shared(a, b);
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (any time part after it is ignored).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Words too common in news to tell stories apart.
const STOPWORDS: &[&str] = &[
    "about",
    "according",
    "added",
    "after",
    "again",
    "against",
    "also",
    "among",
    "another",
    "around",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "did",
    "does",
    "during",
    "each",
    "earlier",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "here",
    "into",
    "its",
    "just",
    "last",
    "late",
    "later",
    "least",
    "like",
    "many",
    "more",
    "most",
    "much",
    "must",
    "near",
    "news",
    "officials",
    "only",
    "other",
    "over",
    "people",
    "reported",
    "said",
    "says",
    "saying",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "told",
    "under",
    "until",
    "upon",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "whom",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "your",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "statement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

impl Features {
    /// The features of a reading, with its text's signature
    /// (`Signature::of(&reading.text)`).
    pub fn of(reading: &sitrep_model::Reading, signature: Signature) -> Features {
        use sitrep_model::EntityKind;
        fn sorted(mut v: Vec<String>) -> Vec<String> {
            v.sort();
            v.dedup();
            v
        }
        let published = reading.published.as_deref().and_then(day_number);
        let recent = |date: &str| match (published, day_number(date)) {
            (Some(p), Some(d)) => d <= p + 1 && d >= p - RECENT_DAYS,
            (None, Some(_)) => true,
            _ => false,
        };

        let mut actors: Vec<String> = reading
            .entities
            .iter()
            .filter_map(|e| e.code.clone())
            .filter(|c| !c.is_empty())
            .collect();
        for ev in &reading.events {
            for a in [&ev.source, &ev.target].into_iter().flatten() {
                if let Some(c) = a.code.as_ref().filter(|c| !c.is_empty()) {
                    actors.push(c.clone());
                }
            }
        }
        let names = reading
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| normalize(&e.text))
            .filter(|n| !n.is_empty())
            .collect();

        // A place that is also a country or region entity is not specific.
        let coarse = |p: &sitrep_model::Place| {
            reading.entities.iter().any(|e| {
                matches!(e.kind, EntityKind::Country | EntityKind::Location)
                    && e.start < p.end
                    && p.start < e.end
                    && e.code.as_deref().is_some_and(|c| c.len() == 3)
            })
        };
        let places = reading
            .places
            .iter()
            .filter(|p| !coarse(p))
            .map(|p| match p.geonames_id {
                Some(id) => id.to_string(),
                None => p.name.to_lowercase(),
            })
            .collect();
        let mut countries: Vec<String> = reading
            .places
            .iter()
            .filter_map(|p| p.country.clone())
            .collect();
        countries.extend(
            reading
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Country)
                .filter_map(|e| e.country.clone()),
        );

        let mut dates: Vec<String> = reading
            .events
            .iter()
            .filter_map(|e| e.date.clone())
            .collect();
        dates.extend(reading.dates.iter().filter_map(|d| d.date.clone()));
        dates.retain(|d| recent(d));

        let figures = reading
            .casualties
            .iter()
            .filter(|c| c.outcome != "displaced")
            .filter(|c| c.period.as_ref().is_none_or(|p| recent(&p.start)))
            .filter_map(|c| c.count.map(|n| format!("{}:{n}", c.outcome)))
            .collect();

        let words: Vec<String> = reading
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let shingles = if words.is_empty() {
            0
        } else {
            words.len().saturating_sub(SHINGLE - 1).max(1)
        };
        let terms = words
            .into_iter()
            .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
            .filter(|w| !STOPWORDS.contains(&w.as_str()))
            .collect();

        Features {
            signature: (!signature.0.is_empty()).then_some(signature),
            actors: sorted(actors),
            places: sorted(places),
            countries: sorted(countries),
            published: reading.published.clone(),
            dates: sorted(dates),
            names: sorted(names),
            figures: sorted(figures),
            terms: sorted(terms),
            shingles,
        }
    }
}

/// Lower case, letters and digits only, single spaces, a leading article dropped.
pub(crate) fn normalize(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = usize::from(words.first().is_some_and(|w| w == "the"));
    words[skip..].join(" ")
}

/// The key under which the same event reported by several documents of a story counts once:
/// CAMEO code, both actors' codes (or countries), date and place country.
pub fn event_key(e: &sitrep_model::Event) -> String {
    fn actor(a: &Option<sitrep_model::ActorRef>) -> &str {
        a.as_ref()
            .and_then(|a| a.code.as_deref().or(a.country.as_deref()))
            .unwrap_or("-")
    }
    format!(
        "{}|{}|{}|{}|{}",
        e.cameo,
        actor(&e.source),
        actor(&e.target),
        e.date.as_deref().unwrap_or("-"),
        e.place
            .as_ref()
            .and_then(|p| p.country.as_deref())
            .unwrap_or("-")
    )
}
