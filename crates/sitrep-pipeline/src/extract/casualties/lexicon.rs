//! The vocabulary of casualty claims and quotes, read from `data/claims/en.txt`.
//!
//! The principal type is [`Lexicon`]: phrase tables (outcome words, victim nouns, qualifiers,
//! number words, verbs of saying, ...) keyed by their lowercase words. The code holds the
//! mechanisms; every word it looks for is in the data file, so a user can extend the lists
//! without reading Rust.
//!
//! ```
//! use sitrep_pipeline::extract::casualties::lexicon::Lexicon;
//! let lex = Lexicon::get();
//! assert_eq!(lex.outcome.get(&["lost", "their", "lives"][..]).map(String::as_str), Some("killed"));
//! assert_eq!(lex.victim.get(&["troops"][..]).map(|v| v.0.as_str()), Some("soldiers"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

const EN: &str = include_str!("../../../data/claims/en.txt");

/// Phrases (as their lowercase words) mapped to a value.
#[derive(Debug, Clone, Default)]
pub struct Phrases<V> {
    map: HashMap<Vec<String>, V>,
    longest: usize,
}

impl<V> Phrases<V> {
    fn insert(&mut self, words: Vec<String>, v: V) {
        self.longest = self.longest.max(words.len());
        self.map.insert(words, v);
    }

    /// The value of exactly this phrase.
    pub fn get(&self, words: &[&str]) -> Option<&V> {
        let key: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        self.map.get(&key)
    }

    /// The longest phrase that starts at `words[0]`: its length in words and value.
    pub fn longest_at(&self, words: &[&str]) -> Option<(usize, &V)> {
        let max = self.longest.min(words.len());
        (1..=max).rev().find_map(|n| {
            let key: Vec<String> = words.get(..n)?.iter().map(|w| w.to_string()).collect();
            self.map.get(&key).map(|v| (n, v))
        })
    }

    /// The longest phrase that ends at the last of `words`: its length in words and value.
    pub fn longest_ending(&self, words: &[&str]) -> Option<(usize, &V)> {
        let max = self.longest.min(words.len());
        (1..=max).rev().find_map(|n| {
            let from = words.len().checked_sub(n)?;
            let key: Vec<String> = words.get(from..)?.iter().map(|w| w.to_string()).collect();
            self.map.get(&key).map(|v| (n, v))
        })
    }
}

/// The word lists of the casualty and quote extractors.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// "at least" → `at_least`.
    pub qualifier: Phrases<String>,
    /// "twenty" → 20, "a dozen" → 12.
    pub number: Phrases<u64>,
    /// "thousand" → 1000.
    pub multiplier: Phrases<u64>,
    /// "dozens", "tens of thousands".
    pub vague: Phrases<()>,
    /// "lost their lives" → `killed`.
    pub outcome: Phrases<String>,
    /// "troops" → (`soldiers`, None); "palestinians" → (`people`, Some("PSE")).
    pub victim: Phrases<(String, Option<String>)>,
    /// "civilian" (before "deaths") → `civilians`.
    pub victim_adjective: Phrases<String>,
    /// "houses", "drones", "kilometres": counts of things.
    pub object: Phrases<()>,
    /// "resolution", "aged", "$" before a figure.
    pub blocker_before: Phrases<()>,
    /// "including", "among them".
    pub subtotal: Phrases<()>,
    /// "on both sides".
    pub all_sides: Phrases<()>,
    /// "excluding", "except".
    pub exclusion: Phrases<()>,
    /// "said", "documented".
    pub speech_verb: Phrases<()>,
    /// "the statement", "it", "he": subjects that carry an earlier claimant.
    pub carrier: Phrases<()>,
    /// "police", "medics": claimants without a name.
    pub claimant_noun: Phrases<()>,
    /// "soldier", "child": singular nouns that make "a"/"an" a figure of one.
    pub singular: Phrases<()>,
    /// "death toll": the figure after it counts the dead.
    pub toll: Phrases<()>,
    /// "were", "reportedly": words between victims and their outcome.
    pub auxiliary: Phrases<()>,
    /// "and", "in", "of": words that end the noun phrase after a figure.
    pub stop: Phrases<()>,
    /// "in", "near": words before a place that make it where the figure happened.
    pub locative: Phrases<()>,
    /// "released", "freed": verbs before a figure that undo its outcome.
    pub reversal: Phrases<()>,
    /// "local", "health": words before a claimant noun that belong to it.
    pub claimant_modifier: Phrases<()>,
    /// "statement", "tally": documents whose issuer is the claimant ("according to a statement
    /// from the army").
    pub document: Phrases<()>,
}

impl Lexicon {
    /// The embedded English lexicon, parsed once.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(EN))
    }

    /// Parses a lexicon file; unknown sections and malformed lines are skipped, since the
    /// vocabulary must never stop a reading.
    pub fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut section = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_string();
                continue;
            }
            let (key, value) = match line.split_once(" = ") {
                Some((k, v)) => (k.trim(), v.trim()),
                None => (line, ""),
            };
            let words: Vec<String> = key.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                continue;
            }
            lex.add(&section, words, value);
        }
        lex
    }

    fn add(&mut self, section: &str, words: Vec<String>, value: &str) {
        match section {
            "qualifier" => self.qualifier.insert(words, value.to_string()),
            "number" => {
                if let Ok(n) = value.parse() {
                    self.number.insert(words, n)
                }
            }
            "multiplier" => {
                if let Ok(n) = value.parse() {
                    self.multiplier.insert(words, n)
                }
            }
            "vague" => self.vague.insert(words, ()),
            "outcome" => self.outcome.insert(words, value.to_string()),
            "victim" => {
                let mut parts = value.split_whitespace();
                let group = parts.next().unwrap_or("people").to_string();
                let side = parts.next().map(str::to_string);
                self.victim.insert(words, (group, side))
            }
            "victim_adjective" => self.victim_adjective.insert(words, value.to_string()),
            "object" => self.object.insert(words, ()),
            "blocker_before" => self.blocker_before.insert(words, ()),
            "subtotal" => self.subtotal.insert(words, ()),
            "all_sides" => self.all_sides.insert(words, ()),
            "exclusion" => self.exclusion.insert(words, ()),
            "speech_verb" => self.speech_verb.insert(words, ()),
            "carrier" => self.carrier.insert(words, ()),
            "claimant_noun" => self.claimant_noun.insert(words, ()),
            "singular" => self.singular.insert(words, ()),
            "toll" => self.toll.insert(words, ()),
            "auxiliary" => self.auxiliary.insert(words, ()),
            "stop" => self.stop.insert(words, ()),
            "locative" => self.locative.insert(words, ()),
            "document" => self.document.insert(words, ()),
            "reversal" => self.reversal.insert(words, ()),
            "claimant_modifier" => self.claimant_modifier.insert(words, ()),
            _ => {}
        }
    }
}
