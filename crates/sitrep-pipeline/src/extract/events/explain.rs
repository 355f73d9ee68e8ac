//! Coding one sentence, with its audit trail: every event word found, what became of it
//! (event, negated, in a condition, folded into its governor) and the pattern and roles behind
//! every event.
//!
//! The principal type is [`SentenceExplanation`]; its `Display` is what `sitrep explain` prints:
//!
//! ```text
//! [1] Russia said that it is ready to mediate between Afghanistan and Pakistan ...
//!     ready…mediate  039 Express intent to mediate  [sitrep-patterns.txt:40 + cameo-verbs.txt:5210]  event (between (targets))
//!     => Russia (RUS) -039-> Afghanistan (AFG)  conf 0.80
//! ```

use std::fmt;

use sitrep_model::{ActorRef, Event, Span};

use super::emit::Emit;

use super::matcher::{self, SentenceWords, Trigger};
use super::roles;
use super::vocabulary::Kind;
use super::EventCoder;
use crate::analyze::Layers;

/// One event word and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerExplanation {
    /// The words ("accuses", "ready…mediate").
    pub words: String,
    pub code: Option<String>,
    pub label: String,
    /// The pattern ids (`file:line`) that gave the code.
    pub pattern: String,
    /// `event`, `negated`, `condition`, `statement`, `no event`, `folded`, `no actors`.
    pub status: String,
    /// The rule that chose the roles, for events.
    pub roles: String,
}

/// The coding of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceExplanation {
    pub index: usize,
    /// Byte span of the sentence.
    pub span: Span,
    pub text: String,
    pub triggers: Vec<TriggerExplanation>,
    pub events: Vec<Event>,
}

impl fmt::Display for SentenceExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "[{}] {}", self.index + 1, self.text.trim())?;
        for t in &self.triggers {
            let code = t.code.as_deref().unwrap_or("---");
            write!(
                f,
                "    {}  {} {}  [{}]  {}",
                t.words, code, t.label, t.pattern, t.status
            )?;
            if !t.roles.is_empty() {
                write!(f, " ({})", t.roles)?;
            }
            writeln!(f)?;
        }
        let name = |a: &Option<ActorRef>| {
            a.as_ref().map_or("-".to_string(), |a| {
                format!("{} ({})", a.text, a.code.as_deref().unwrap_or("?"))
            })
        };
        for e in &self.events {
            writeln!(
                f,
                "    => {} -{}-> {}  conf {:.2}",
                name(&e.source),
                e.cameo,
                name(&e.target),
                e.confidence
            )?;
        }
        Ok(())
    }
}

/// A trigger being considered, possibly built from two words ("ready … mediate").
struct Candidate {
    trig: Trigger,
    words: String,
    /// Token where the phrase starts (the governor for composed phrases).
    from: usize,
    /// For "Y must ...", reported: the token of "must" (the speaker demands it of Y).
    obligation: Option<usize>,
}

pub(crate) fn sentence(
    coder: &EventCoder,
    text: &str,
    layers: &Layers,
    si: usize,
    published: Option<&str>,
    audit: bool,
) -> SentenceExplanation {
    let vocab = &coder.vocab;
    let table = &coder.table;
    let (start, end) = layers
        .doc
        .sentences
        .get(si)
        .map_or((0, 0), |s| (s.start, s.end));
    let mut ex = SentenceExplanation {
        index: si,
        span: Span { start, end },
        text: layers.doc.text_of(text, si).to_string(),
        triggers: Vec::new(),
        events: Vec::new(),
    };
    let toks = layers.doc.tokens_of(si);
    let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
    let mut sw = SentenceWords::new(vocab, &words);
    let first = layers.doc.sentences.get(si).map_or(0, |s| s.tokens.start);
    let from = layers.entities.partition_point(|e| e.start < start);
    for e in layers.entities.get(from..).unwrap_or(&[]) {
        if e.start >= end {
            break;
        }
        for t in layers.doc.token_at(e.start).unwrap_or(usize::MAX)
            ..layers
                .doc
                .token_at(e.end.saturating_sub(1))
                .map_or(0, |t| t + 1)
        {
            if let Some(flag) = t.checked_sub(first).and_then(|k| sw.in_actor.get_mut(k)) {
                *flag = true;
            }
        }
    }
    let groups = roles::coordinate(&sw, roles::groups(layers, si));
    let places = roles::place_groups(layers, si);
    let condition = (0..sw.len()).find(|&k| sw.is(Kind::Condition, k));
    let mut note = |t: &Trigger, words: &str, status: &str, roles: &str| {
        if !audit {
            return;
        }
        let label = t.code.as_deref().and_then(|c| table.label(c)).unwrap_or("");
        ex.triggers.push(TriggerExplanation {
            words: words.to_string(),
            code: t.code.clone(),
            label: label.to_string(),
            pattern: t.pattern.clone(),
            status: status.to_string(),
            roles: roles.to_string(),
        });
    };

    // 1. Event words that can stand as events.
    let mut cands: Vec<Candidate> = Vec::new();
    let found = matcher::find(vocab, &sw);
    // "British aircraft using missiles killed 4 Iraqis": a participle right after its actor
    // opens a reduced relative clause; the finite verb after it is the event. So does a noun
    // that modifies the actor's head ("American aid groups donated", "border patrol agents").
    let reduced_relative = |t: &Trigger| {
        let w = sw.lower_at(t.at);
        let noun_like = !w.ends_with("ed") && !w.ends_with('s') && t.specificity == 0;
        (w.ends_with("ing") || noun_like)
            && groups.iter().any(|g| {
                g.end <= t.at
                    && t.at - g.end <= 2
                    && !(g.end..t.at).any(|k| matches!(sw.lower_at(k), "," | "(" | ";"))
            })
            && found.iter().any(|u| {
                u.at > t.end
                    && u.code.is_some()
                    && sw.lower_at(u.at).ends_with("ed")
                    && !(t.end..u.at).any(|k| {
                        sw.is(Kind::Clause, k)
                            || sw.is(Kind::Report, k)
                            || matches!(sw.lower_at(k), "," | ";" | ":" | "and" | "to")
                    })
            })
    };
    for t in found.iter().cloned() {
        let w = sw.lower_at(t.at).to_string();
        // A participle right before an actor is a modifier: "ousted President Akayev".
        // A participle that opens a noun phrase before an actor is a modifier: "Ousted
        // President Akayev", "the visiting minister".
        let opens = t.at == 0
            || matches!(
                sw.lower_at(t.at - 1),
                "the" | "a" | "an" | "newly" | "recently" | "its" | "their" | "his" | "her" | "'s"
            );
        let before_name =
            groups.iter().any(|g| g.at == t.end) || sw.capital.get(t.end) == Some(&true);
        let modifier = (opens && (w.ends_with("ed") || (w.ends_with("ing") && before_name)))
            || reduced_relative(&t);
        match t.code.as_deref() {
            None => note(&t, &w, "no event", ""),
            Some(_) if modifier => note(&t, &w, "modifier", ""),
            Some(c) if vocab.is_transparent(c) || sw.is(Kind::Report, t.at) => {
                note(&t, &w, "statement", "")
            }
            Some(_) if negated(&sw, t.at) => note(&t, &w, "negated", ""),
            Some(_) if condition.is_some_and(|c| t.at > c) => note(&t, &w, "condition", ""),
            Some(_) => cands.push(Candidate {
                from: t.at,
                obligation: None,
                words: w,
                trig: t,
            }),
        }
    }
    // 2. Intent words fold the event they govern: "ready to mediate" is 039.
    for k in 0..sw.len() {
        // "X said it would tighten the blockade": the future of reported speech.
        let reported_future =
            sw.lower_at(k) == "would" && (k.saturating_sub(4)..k).any(|j| sw.is(Kind::Report, j));
        let future_word = sw.is(Kind::Future, k) || reported_future;
        if !(sw.is(Kind::Intent, k) || future_word) || sw.in_actor.get(k) == Some(&true) {
            continue;
        }
        let Some(ci) = cands.iter().position(|c| {
            // "will extend the curfew", "would tighten the blockade": the object of a verb
            // with no event of its own is the announced act.
            let object = c.from > k
                && c.from - k <= 6
                && !(k + 1..c.from).any(|j| {
                    sw.is(Kind::Clause, j)
                        || sw.is(Kind::Report, j)
                        || matches!(sw.lower_at(j), "to" | "," | "of" | "and" | "or" | "that")
                });
            let future = future_word && c.from > k && (c.from - k <= 2 || object);
            future || (c.from > k && c.from - k <= 5 && (k..c.from).any(|j| sw.lower_at(j) == "to"))
        }) else {
            continue;
        };
        let Some(emb) = cands.get(ci).and_then(|c| c.trig.code.clone()) else {
            continue;
        };
        let Some(code) = compose(vocab, "intent", &emb) else {
            continue;
        };
        if negated(&sw, k) {
            if let Some(c) = cands.get(ci) {
                note(&c.trig, &c.words, "negated intent", "");
            }
            cands.remove(ci);
            continue;
        }
        // The intent word may be an event word itself ("agreed"): the folded phrase replaces it.
        let own = cands.iter().position(|c| c.trig.at == k);
        if let Some(c) = cands.get_mut(ci) {
            c.words = format!("{}…{}", sw.lower_at(k), c.words);
            c.trig.pattern = format!("intent '{}' + {}", sw.lower_at(k), c.trig.pattern);
            c.trig.code = Some(code);
            c.from = k;
        }
        if let Some(o) = own {
            cands.remove(o);
        }
    }
    // Obligations in reported speech: "X said that Y must end curbs" is X's demand on Y.
    let speaker = roles::speaker(&sw, &groups);
    for k in (0..sw.len()).filter(|&k| sw.is(Kind::Obligation, k)) {
        let Some(sp) = speaker else {
            break;
        };
        let subject = groups.iter().rev().find(|g| g.end <= k && k - g.end <= 2);
        if subject.is_none_or(|g| g == sp) {
            continue;
        }
        // "Y must drop barriers": a demand even when the verb codes no event of its own.
        if !cands.iter().any(|c| c.from > k && c.from - k <= 4) {
            if let Some(t) = found
                .iter()
                .find(|t| t.at > k && t.at - k <= 2 && t.code.is_none())
            {
                let mut trig = t.clone();
                trig.code = Some("100".to_string());
                cands.push(Candidate {
                    from: t.at,
                    obligation: None,
                    words: sw.lower_at(t.at).to_string(),
                    trig,
                });
            }
        }
        let Some(c) = cands.iter_mut().find(|c| c.from > k && c.from - k <= 4) else {
            continue;
        };
        let Some(code) = c
            .trig
            .code
            .as_deref()
            .and_then(|e| compose(vocab, "obligation", e))
        else {
            continue;
        };
        c.words = format!("{}…{}", sw.lower_at(k), c.words);
        c.trig.pattern = format!("obligation '{}' + {}", sw.lower_at(k), c.trig.pattern);
        c.trig.code = Some(code);
        c.from = k;
        c.obligation = Some(k);
    }
    cands.sort_by_key(|c| c.from);
    cands.dedup_by_key(|c| c.trig.at);

    // 3. The first event word governs; a later one stands alone only after a clause break
    //    with its own subject ("..., which Kabul denies").
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        let Some(prev) = kept.last_mut() else {
            kept.push(c);
            continue;
        };
        let gap = prev.trig.end..c.from;
        let broken = gap.clone().any(|k| {
            matches!(
                sw.lower_at(k),
                "," | ";" | "and" | "but" | "which" | "while"
            )
        });
        let subject = groups
            .iter()
            .any(|g| g.at >= prev.trig.end && g.end <= c.from && c.from - g.end <= 2);
        if broken && subject {
            kept.push(c);
            continue;
        }
        // A light verb takes the code of the event noun it governs ("staged rallies").
        // A specific event noun ("staged a hunger strike in prison") outranks the light
        // verb's own pattern ("stage * in &detention").
        let light = sw.is(Kind::Light, prev.trig.at)
            && (prev.trig.specificity == 0
                || (c.trig.specificity > 0
                    && !(prev.trig.end..c.from).any(|k| {
                        matches!(sw.lower_at(k), "to" | "," | "and") || sw.is(Kind::Clause, k)
                    })));
        if light && c.from > prev.trig.at && c.from - prev.trig.at <= 6 {
            prev.trig.code = c.trig.code.clone();
            prev.trig.pattern = format!("{} + {}", prev.trig.pattern, c.trig.pattern);
            prev.words = format!("{}…{}", prev.words, c.words);
            prev.trig.specificity = c.trig.specificity;
            continue;
        }
        // Fold a governed event into its governor where a rule says so ("threaten to attack").
        let folded = prev.trig.code.as_deref().zip(c.trig.code.as_deref());
        if let Some(code) = folded.and_then(|(g, e)| compose(vocab, g, e)) {
            prev.trig.code = Some(code);
            prev.trig.pattern = format!("{} + {}", prev.trig.pattern, c.trig.pattern);
            prev.words = format!("{}…{}", prev.words, c.words);
        } else {
            note(&c.trig, &c.words, "folded", "");
        }
    }

    // 4. Roles and events.
    let mut last_sources: Vec<usize> = Vec::new();
    // The speaker of "according to Kabul, ..." or "..., Kabulov said" is no subject or object
    // of the events reported; it stands in as the source only.
    // A speaker before its verb with nothing between ("Russia said it is ready") stays the
    // subject.
    let aside = speaker.filter(|sp| {
        (0..sp.at).any(|k| sw.lower_at(k) == "according")
            || (sp.at..sw.len()).all(|k| !sw.is(Kind::Report, k))
    });
    let role_groups: Vec<roles::Group> = groups
        .iter()
        .filter(|g| aside.is_none_or(|sp| *g != sp))
        .cloned()
        .collect();
    // The grammatical subject of the last event ("X was indicted ... and will resign").
    let mut last_subject: Vec<usize> = Vec::new();
    for (n, c) in kept.iter().enumerate() {
        let mut r = roles::assign(&sw, &role_groups, c.from, c.trig.end);
        // A verb coordinated with the last one ("... and will resign", "... and exploded
        // bombs") shares its subject; the nearest actor before it is the last verb's object.
        let coordinated = (0..c.from)
            .rev()
            .take(3)
            .find(|&k| {
                !(sw.is(Kind::Future, k)
                    || sw.is(Kind::Modal, k)
                    || matches!(
                        sw.lower_at(k),
                        "also" | "then" | "later" | "has" | "have" | "had"
                    ))
            })
            .is_some_and(|k| sw.lower_at(k) == "and");
        if coordinated && !last_subject.is_empty() && !r.how.starts_with("passive") {
            r.targets.retain(|m| !last_subject.contains(m));
            r.sources = last_subject.clone();
        }
        last_subject = if r.how.starts_with("passive") {
            r.targets.clone()
        } else {
            r.sources.clone()
        };
        if let (Some(k), Some(sp)) = (c.obligation, speaker) {
            let subject = groups.iter().rev().find(|g| g.end <= k);
            r = roles::Roles {
                sources: sp.members.clone(),
                targets: subject.map(|g| g.members.clone()).unwrap_or_default(),
                how: "speaker demands of subject",
            };
        }
        let mut how = r.how.to_string();
        if r.sources.is_empty() && !r.how.starts_with("passive") {
            if let Some(sp) = speaker.filter(|g| !g.members.iter().any(|m| r.targets.contains(m))) {
                r.sources = sp.members.clone();
                how.push_str(", speaker as source");
            }
        }
        // Places stand in for missing actors, at country level.
        if r.targets.is_empty() {
            let stop = (c.trig.end..sw.len())
                .find(|&k| matches!(sw.lower_at(k), ";" | ",") || sw.is(Kind::Report, k))
                .unwrap_or(sw.len());
            if let Some(p) = places.iter().find(|g| g.at >= c.trig.end && g.at < stop) {
                r.targets = p.members.clone();
                how.push_str(", place as target");
            }
        }
        if r.sources.is_empty() {
            if let Some(p) = places.iter().rev().find(|g| g.end <= c.from) {
                r.sources = p.members.clone();
                how.push_str(", place as source");
            }
        }
        if r.targets.is_empty() && n > 0 && !last_sources.is_empty() {
            r.targets = last_sources.clone();
            how.push_str(", previous source as target");
        }
        if r.sources.is_empty() && r.targets.is_empty() {
            note(&c.trig, &c.words, "no actors", "");
            continue;
        }
        let Some(code) = c.trig.code.clone() else {
            continue;
        };
        let conditional = condition.is_some_and(|k| k > c.from)
            || (c.from.saturating_sub(3)..c.from).any(|k| sw.is(Kind::Modal, k));
        let mut conf = 0.6 + 0.1 * c.trig.specificity.min(2) as f64;
        conf += if r.sources.is_empty() { 0.0 } else { 0.1 };
        conf += if r.targets.is_empty() { 0.0 } else { 0.1 };
        conf = conf.min(0.95);
        // Two decimals: the confidence is a grade, not a measurement.
        let round = |x: f64| (x * 100.0).round() / 100.0;
        if conditional {
            conf = round((conf * 0.5).min(0.45));
            how.push_str(", conditional");
        }
        let conf = round(conf);
        let ev = Emit {
            layers,
            table,
            code: &code,
            span: Span { start, end },
            date: sentence_date(layers, start, end).or(published),
            conf,
        };
        let before = ex.events.len();
        // A speaker with no target found speaks about others: no domestic guess.
        let domestic = !how.contains("speaker as source");
        if ev.push_pairs(&mut ex.events, &r.sources, &r.targets, domestic) {
            how.push_str(", domestic (one side missing)");
        }
        let status = if ex.events.len() > before {
            "event"
        } else {
            "no actors"
        };
        note(&c.trig, &c.words, status, &how);
        last_sources = r.sources;
    }
    ex
}

/// Whether a negation word stands just before token `at` ("did not attack", "never met").
fn negated(s: &SentenceWords, at: usize) -> bool {
    (at.saturating_sub(3)..at)
        .rev()
        .take_while(|&k| !matches!(s.lower_at(k), "," | ";" | "."))
        .any(|k| s.is(Kind::Negate, k))
}

/// The code of governor `gov` (a code or `intent`) folding embedded code `emb`, from the
/// `% compose` rules: the first rule whose prefixes match, `*` matching any code.
fn compose(vocab: &super::vocabulary::Vocabulary, gov: &str, emb: &str) -> Option<String> {
    let named = |g: &str| g.starts_with(|c: char| c.is_ascii_alphabetic());
    vocab
        .compose
        .iter()
        .find(|(g, e, _)| {
            (g == gov || (!named(g) && gov.starts_with(g.as_str())))
                && (e == "*" || emb.starts_with(e.as_str()))
        })
        .map(|(_, _, r)| if r == "=" { emb.to_string() } else { r.clone() })
}

fn sentence_date(layers: &Layers, start: usize, end: usize) -> Option<&str> {
    layers
        .dates
        .iter()
        .find(|d| d.start >= start && d.end <= end && d.date.is_some())
        .and_then(|d| d.date.as_deref())
}
