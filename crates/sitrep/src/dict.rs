//! User dictionaries: `--dict DIR` adds the user's own vocabulary files to the built-in ones,
//! without recompiling.
//!
//! A dictionary folder mirrors the layout of the built-in data (`crates/sitrep-pipeline/data/`):
//!
//! ```text
//! DIR/lexicon/*.tsv        boilerplate cue lexicons (cookie.tsv, controls.tsv, phrases.tsv, newsletter.tsv, ...)
//! DIR/actors/*.txt         actor dictionaries, for every language
//! DIR/actors/LANG/*.txt    actor dictionaries for texts in LANG (ISO 639-1), e.g. actors/fr/titles.txt
//! DIR/events/*.txt         event patterns (verbs, nouns, word sets) added to or overriding the built-in ones
//! ```
//!
//! Files are read in name order; a later entry replaces an earlier one, so a user file can
//! re-weigh or switch off a built-in cue. A file with a bad line is an error that names it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sitrep_pipeline::analyze::actors::ActorDictionary;
use sitrep_pipeline::clean::Lexicon;
use sitrep_pipeline::extract::events::EventCoder;

/// The vocabularies of a run: the built-in ones, extended by every `--dict` folder in order.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    pub lexicon: Lexicon,
    pub actors: ActorDictionary,
    pub events: EventCoder,
}

impl Dictionaries {
    pub fn load(dirs: &[PathBuf]) -> Result<Dictionaries> {
        let mut d = Dictionaries::default();
        for dir in dirs {
            if !dir.is_dir() {
                bail!("--dict {}: not a folder", dir.display());
            }
            let mut found = 0;
            for file in files(&dir.join("lexicon"), "tsv")? {
                let text = read(&file)?;
                d.lexicon
                    .extend_from_str(&file_name(&file), &text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                found += 1;
            }
            let actors = dir.join("actors");
            let mut actor_files: Vec<(String, PathBuf)> = files(&actors, "txt")?
                .into_iter()
                .map(|f| (file_name(&f), f))
                .collect();
            for lang in subfolders(&actors)? {
                let tag = file_name(&lang);
                for f in files(&lang, "txt")? {
                    actor_files.push((format!("{tag}/{}", file_name(&f)), f));
                }
            }
            for (name, file) in actor_files {
                let text = read(&file)?;
                d.actors
                    .extend_from_str(&name, &text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                found += 1;
            }
            for file in files(&dir.join("events"), "txt")? {
                let text = read(&file)?;
                d.events
                    .extend_from_str(&file_name(&file), &text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                found += 1;
            }
            if found == 0 {
                bail!(
                    "--dict {}: no vocabulary files found (expected lexicon/*.tsv, actors/*.txt or events/*.txt)",
                    dir.display()
                );
            }
        }
        Ok(d)
    }
}

fn read(file: &Path) -> Result<String> {
    fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The folders directly in `dir`, in name order; none when `dir` is absent.
fn subfolders(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    Ok(out)
}

/// The files with extension `ext` directly in `dir`, in name order; none when `dir` is absent.
fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    Ok(out)
}
