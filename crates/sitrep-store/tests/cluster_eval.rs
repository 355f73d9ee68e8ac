//! Story clustering scored against the ground truth of the generated variants: a regression
//! floor. The figures themselves are printed by `cargo run -p sitrep-store --example cluster_eval`.

mod support;

#[test]
fn clustering_scores_stay_above_the_floor() {
    let r = support::eval::evaluate();
    assert!(r.documents >= 300, "{r}");
    // Measured at the time of writing: stories pairwise P 0.944 R 1.000, B-cubed F1 0.942;
    // duplicates pairwise P 0.970 R 1.000. The floors leave a little room.
    assert!(r.story_pairs.precision >= 0.90, "{r}");
    assert!(r.story_pairs.recall >= 0.95, "{r}");
    assert!(r.story_bcubed.f1 >= 0.90, "{r}");
    assert!(r.duplicate_pairs.precision >= 0.93, "{r}");
    assert!(r.duplicate_pairs.recall >= 0.95, "{r}");
}
