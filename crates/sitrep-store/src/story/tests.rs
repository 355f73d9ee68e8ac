//! Story judgement on readings made by the real pipeline from short wire-style texts.

use sitrep_model::{ActorRef, Body, CasualtyClaim, RawDocument, Reading, RecordRef, Span};
use sitrep_pipeline::extract::Extractor;

use super::*;
use crate::minhash::Signature;
use crate::ClaimSource;

fn read(text: &str, published: &str) -> Reading {
    Extractor::default().read(RawDocument {
        origin: RecordRef::whole("test"),
        id: "test".into(),
        url: None,
        title: None,
        published: Some(published.into()),
        captured: None,
        body: Body::Text(text.into()),
    })
}

fn features(text: &str, published: &str) -> Features {
    let r = read(text, published);
    Features::of(&r, Signature::of(&r.text))
}

/// The wire original: shelling of a town near Goma.
const WIRE: &str = "Shelling kills nine civilians near Goma\n\n\
GOMA, Congo, May 14 (Agency) - Shells fired by M23 rebels hit a crowded market in the town of Sake on Tuesday, killing 9 civilians and wounding 23 others, the provincial governor's office said.\n\n\
The Congolese army said it had returned fire and pushed the rebels back from the hills above the town. The M23 denied firing on civilians and accused the army of using the market as cover.\n\n\
\"We saw bodies lying between the stalls,\" said Jeanne Mapendo, a trader who fled to Goma with her three children.\n\n\
Aid workers said thousands of residents had left Sake for displacement camps on the edge of Goma since the start of the week.\n\n\
Talks between Kinshasa and the rebels, mediated by Qatar, were due to resume in Doha next month.";

/// The same wire copy under another outlet: new headline, updated toll, last paragraph cut.
const COPY: &str = "Rebel shells hit market in eastern Congo town, 11 dead\n\n\
GOMA, Congo, May 14 (Agency) - Shells fired by M23 rebels hit a crowded market in the town of Sake on Tuesday, killing 11 civilians and wounding 23 others, the provincial governor's office said.\n\n\
The Congolese army said it had returned fire and pushed the rebels back from the hills above the town. The M23 denied firing on civilians and accused the army of using the market as cover.\n\n\
\"We saw bodies lying between the stalls,\" said Jeanne Mapendo, a trader who fled to Goma with her three children.\n\n\
Aid workers said thousands of residents had left Sake for displacement camps on the edge of Goma since the start of the week.";

/// The same incident in another outlet's own words, with its own claimants.
const REWRITE: &str = "Market shelling in Sake leaves civilians dead\n\n\
Artillery rounds slammed into the main market of Sake, a town in the east of the Democratic Republic of Congo some 25 kilometres west of Goma, on Tuesday morning as traders were setting out their goods.\n\n\
At least 14 civilians were killed in the attack, according to local civil society leaders, who blamed the M23. The provincial governor's office said 9 civilians were killed and 23 wounded.\n\n\
An M23 spokesman, Lawrence Kanyuka, rejected the accusation and said government forces had been firing from positions near the market.\n\n\
Residents described panic as families carried the wounded towards Goma on motorbikes.";

/// Another incident in the same country, days later and elsewhere.
const OTHER_INCIDENT: &str = "Attack on village in Ituri kills 30\n\n\
BUNIA, Congo, May 18 (Agency) - Fighters of the Allied Democratic Forces attacked the village of Mambasa overnight on Saturday, killing 30 people with machetes and setting houses on fire, a local official said.\n\n\
The army said it had sent reinforcements to the area, where the ADF has carried out repeated raids on farming communities.\n\n\
Survivors said the attackers arrived on foot shortly after midnight and left before dawn, taking several young men with them.";

/// Another conflict altogether.
const OTHER_CONFLICT: &str = "Drone attack on Odesa port wounds five\n\n\
KYIV, May 14 (Agency) - Russian drones struck port facilities in Odesa overnight, wounding 5 workers and setting a grain warehouse on fire, the regional governor said on Tuesday.\n\n\
Ukraine's air force said it had shot down 17 of the 22 drones launched by Russia during the night.\n\n\
Moscow did not comment on the attack. The Russian defence ministry said its forces had struck military targets in southern Ukraine.";

#[test]
fn a_syndicated_copy_is_a_near_duplicate() {
    let wire = features(WIRE, "2026-05-14");
    let copy = features(COPY, "2026-05-14");
    let ev = evidence(&copy, &wire);
    assert!(ev.is_duplicate(), "{ev:?}");
    let v = judge(&copy, std::slice::from_ref(&wire));
    assert_eq!(v.duplicate_of.map(|(i, _)| i), Some(0));
    assert_eq!(v.join, Some(0));
}

#[test]
fn a_rewrite_of_the_same_incident_joins_the_story_but_is_no_copy() {
    let wire = features(WIRE, "2026-05-14");
    let rewrite = features(REWRITE, "2026-05-14");
    let ev = evidence(&rewrite, &wire);
    assert!(!ev.is_duplicate(), "{ev:?}");
    assert!(ev.same_story(), "score {} from {ev:?}", ev.score());
    let v = judge(&rewrite, std::slice::from_ref(&wire));
    assert_eq!((v.duplicate_of, v.join), (None, Some(0)));
}

#[test]
fn other_incidents_and_conflicts_start_stories_of_their_own() {
    let wire = features(WIRE, "2026-05-14");
    for (text, day) in [
        (OTHER_INCIDENT, "2026-05-18"),
        (OTHER_CONFLICT, "2026-05-14"),
    ] {
        let f = features(text, day);
        let ev = evidence(&f, &wire);
        assert!(!ev.same_story(), "score {} from {ev:?}", ev.score());
        assert_eq!(judge(&f, std::slice::from_ref(&wire)).join, None);
    }
}

#[test]
fn a_late_copy_is_still_a_duplicate_but_a_late_rewrite_is_another_story() {
    let wire = features(WIRE, "2026-05-14");
    let copy = features(COPY, "2026-05-30");
    assert!(evidence(&copy, &wire).same_story());
    let mut rewrite = features(REWRITE, "2026-05-14");
    rewrite.published = Some("2026-05-30".into());
    assert!(!evidence(&rewrite, &wire).same_story());
}

#[test]
fn features_keep_specific_places_and_recent_figures() {
    let f = features(WIRE, "2026-05-14");
    let r = read(WIRE, "2026-05-14");
    // Sake and Goma are specific places; Congo is a country.
    assert!(f.places.len() >= 2, "{:?} from {:?}", f.places, r.places);
    assert!(
        f.countries.contains(&"COD".to_string()),
        "{:?}",
        f.countries
    );
    assert!(
        f.figures.contains(&"killed:9".to_string()),
        "{:?}",
        f.figures
    );
    assert!(f.dates.contains(&"2026-05-12".to_string()), "{:?}", f.dates);
    assert!(!f.terms.contains(&"said".to_string()));
    assert!(f.shingles > 100);
}

#[test]
fn cluster_equals_incremental_judgement_and_groups_the_batch() {
    let docs = vec![
        features(WIRE, "2026-05-14"),
        features(OTHER_CONFLICT, "2026-05-14"),
        features(COPY, "2026-05-14"),
        features(REWRITE, "2026-05-14"),
        features(OTHER_INCIDENT, "2026-05-18"),
    ];
    let a = cluster(&docs);
    let stories: Vec<usize> = a.iter().map(|x| x.story).collect();
    assert_eq!(stories, vec![0, 1, 0, 0, 2]);
    assert_eq!(a[2].duplicate_of, Some(0));
    assert!(a[2].similarity.is_some_and(|s| s > 0.5));
    assert_eq!(a[3].duplicate_of, None);
    assert_eq!(a[0].duplicate_of, None);

    // Incremental: each document judged against the candidates a backend would offer.
    for (i, doc) in docs.iter().enumerate() {
        let earlier: Vec<usize> = (0..i).filter(|&j| is_candidate(doc, &docs[j])).collect();
        let cands: Vec<Features> = earlier.iter().map(|&j| docs[j].clone()).collect();
        let v = judge(doc, &cands);
        let joined = v.join.map(|c| a[earlier[c]].story);
        match joined {
            Some(s) => assert_eq!(s, a[i].story, "document {i}"),
            None => assert!(a[..i].iter().all(|x| x.story != a[i].story)),
        }
    }
}

#[test]
fn empty_and_undated_documents_do_not_panic() {
    let empty = Features::default();
    assert_eq!(judge(&empty, std::slice::from_ref(&empty)).join, None);
    assert_eq!(cluster(&[empty.clone(), empty]).len(), 2);
    assert_eq!(day_number("2026-03-01T10:00:00Z"), Some(20513));
    assert_eq!(day_number("bad"), None);
    assert_eq!(day_number("1970-01-01"), Some(0));
}

fn claim(count: u64, outcome: &str, who: Option<(&str, Option<&str>)>) -> CasualtyClaim {
    CasualtyClaim {
        text: format!("{count} people"),
        count: Some(count),
        count_max: None,
        qualifier: "exact".into(),
        outcome: outcome.into(),
        victims: "civilians".into(),
        country: Some("COD".into()),
        according_to: who.map(|(text, code)| ActorRef {
            text: text.into(),
            country: None,
            code: code.map(Into::into),
        }),
        period: None,
        place: None,
        sentence: Span { start: 0, end: 0 },
        part_of: None,
    }
}

fn src(doc: i64, index: u32) -> ClaimSource {
    ClaimSource {
        doc,
        index,
        url: Some(format!("https://outlet{doc}.example/story")),
        published: Some("2026-05-14".into()),
    }
}

#[test]
fn reconcile_merges_outlets_and_keeps_claimants_apart() {
    let claims = vec![
        (
            src(1, 0),
            claim(
                9,
                "killed",
                Some(("the provincial governor's office", Some("CODGOV"))),
            ),
        ),
        (
            src(2, 0),
            claim(
                9,
                "killed",
                Some(("provincial governor's office", Some("CODGOV"))),
            ),
        ),
        (
            src(2, 1),
            claim(14, "killed", Some(("local civil society leaders", None))),
        ),
        (
            src(3, 0),
            claim(14, "killed", Some(("Local civil society leaders", None))),
        ),
        (
            src(3, 1),
            claim(
                23,
                "injured",
                Some(("the provincial governor's office", Some("CODGOV"))),
            ),
        ),
        (
            src(4, 0),
            claim(6, "killed", Some(("The M23", Some("CODREB")))),
        ),
        (src(4, 1), claim(8, "killed", None)),
    ];
    let r = reconcile(&claims);
    assert_eq!(r.len(), 2);
    let killed = &r[0];
    assert_eq!(killed.summary.outcome, "killed");
    assert_eq!(killed.claims.len(), 4, "{:?}", killed.claims);
    assert_eq!(killed.claims[0].sources, vec![src(1, 0), src(2, 0)]);
    assert_eq!(killed.claims[1].sources, vec![src(2, 1), src(3, 0)]);
    assert_eq!(killed.summary.claimants, 4);
    assert_eq!(killed.summary.claims, vec![0, 1, 2, 3]);
    // Figures 6, 8, 9, 14: low 6, best the lower middle (8), high 14.
    assert_eq!(
        (killed.summary.low, killed.summary.best, killed.summary.high),
        (Some(6), Some(8), Some(14))
    );
    assert_eq!(r[1].summary.outcome, "injured");
    assert_eq!(r[1].claims.len(), 1);
}

#[test]
fn a_running_toll_counts_by_its_highest_figure_and_keeps_both_claims() {
    let claims = vec![
        (
            src(1, 0),
            claim(12, "killed", Some(("Health Ministry", None))),
        ),
        (
            src(2, 0),
            claim(15, "killed", Some(("the health ministry", None))),
        ),
        (
            src(3, 0),
            claim(15, "killed", Some(("the Health Ministry", None))),
        ),
        (
            src(3, 1),
            claim(20, "killed", Some(("rebel spokesman", None))),
        ),
        (
            src(4, 0),
            claim(15, "killed", Some(("Sudan's health ministry", None))),
        ),
        (
            src(5, 0),
            claim(
                12,
                "killed",
                Some(("the health ministry in Port Sudan", None)),
            ),
        ),
    ];
    let r = reconcile(&claims);
    assert_eq!(r.len(), 1);
    let s = &r[0].summary;
    assert_eq!(r[0].claims.len(), 3);
    assert_eq!(r[0].claims[0].sources.len(), 2);
    assert_eq!(r[0].claims[1].sources.len(), 3);
    assert_eq!(s.claimants, 2);
    assert_eq!((s.low, s.best, s.high), (Some(12), Some(15), Some(20)));
}

#[test]
fn reconcile_on_pipeline_claims_of_a_story() {
    let docs = [
        (1, read(WIRE, "2026-05-14")),
        (2, read(REWRITE, "2026-05-14")),
    ];
    let claims: Vec<(ClaimSource, CasualtyClaim)> = docs
        .iter()
        .flat_map(|(doc, r)| {
            r.casualties
                .iter()
                .enumerate()
                .map(move |(i, c)| (src(*doc, i as u32), c.clone()))
        })
        .collect();
    let r = reconcile(&claims);
    let killed = r
        .iter()
        .find(|s| s.summary.outcome == "killed")
        .unwrap_or_else(|| panic!("no killed figures in {claims:?}"));
    // The governor's office's 9 is carried by both documents; the civil society leaders' 14
    // is a claim of its own.
    let nine = killed.claims.iter().find(|c| c.count == Some(9));
    assert_eq!(nine.map(|c| c.sources.len()), Some(2), "{killed:?}");
    assert!(
        killed.claims.iter().any(|c| c.count == Some(14)),
        "{killed:?}"
    );
    assert_eq!(killed.summary.high, Some(14));
}
