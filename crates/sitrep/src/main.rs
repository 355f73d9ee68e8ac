//! The `sitrep` binary.
fn main() {}
