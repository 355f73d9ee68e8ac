//! Date expressions, resolved against the publication date.

use sitrep_model::DateMention;

use super::sentences::Sentences;

/// Finds the date expressions of `text`.
pub fn find(
    _text: &str,
    _doc: &Sentences,
    _published: Option<&str>,
    _language: Option<&str>,
) -> Vec<DateMention> {
    Vec::new()
}
