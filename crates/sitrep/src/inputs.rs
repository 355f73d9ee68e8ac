//! Turning the user's INPUT arguments into a list of sources: files, folders read recursively in
//! name order, and standard input.

use std::fs;
use std::path::{Path, PathBuf};

/// One place documents are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name errors and ids use: the path as the user gave it, or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// An input that could not even be listed, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub name: String,
    pub reason: String,
}

/// How deep a folder tree is followed; deeper folders are reported, not read.
const MAX_DEPTH: usize = 64;

/// Expands the inputs, in order: a folder becomes its files (recursively, sorted by name, hidden
/// entries skipped). Symbolic links to folders are not followed, so a link loop cannot trap us.
pub fn expand(inputs: &[PathBuf]) -> Vec<Result<Source, Unreadable>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, 0, &mut out),
            Ok(_) => out.push(Ok(Source::File(input.clone()))),
            Err(e) => out.push(Err(unreadable(input, &e))),
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<Result<Source, Unreadable>>) {
    if depth > MAX_DEPTH {
        out.push(Err(Unreadable {
            name: dir.display().to_string(),
            reason: format!("folder nested deeper than {MAX_DEPTH} levels"),
        }));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return out.push(Err(unreadable(dir, &e))),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_string_lossy().to_lowercase();
                if !name.starts_with('.') && !is_not_news(&name) {
                    children.push(e.path());
                }
            }
            Err(e) => out.push(Err(unreadable(dir, &e))),
        }
    }
    children.sort();
    for child in children {
        match fs::symlink_metadata(&child) {
            Ok(m) if m.is_dir() => walk(&child, depth + 1, out),
            Ok(m) if m.file_type().is_symlink() => match fs::metadata(&child) {
                Ok(t) if t.is_file() => out.push(Ok(Source::File(child))),
                Ok(_) => {}
                Err(e) => out.push(Err(unreadable(&child, &e))),
            },
            Ok(_) => out.push(Ok(Source::File(child))),
            Err(e) => out.push(Err(unreadable(&child, &e))),
        }
    }
}

/// Files a folder walk passes over: notes, tables, code and pictures kept beside the news (a
/// README, a truth table). Named on the command line, they are still read.
fn is_not_news(name: &str) -> bool {
    const SKIPPED: &[&str] = &[
        "md", "markdown", "rst", "tsv", "csv", "py", "sh", "rs", "toml", "yml", "yaml", "png",
        "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js", "lock",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| SKIPPED.contains(&ext))
}

fn unreadable(path: &Path, err: &std::io::Error) -> Unreadable {
    Unreadable {
        name: path.display().to_string(),
        reason: match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_sorted_and_skip_hidden_and_notes() {
        let dir = std::env::temp_dir().join(format!("sitrep-inputs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b")).unwrap();
        fs::write(dir.join("b/2.txt"), "x").unwrap();
        fs::write(dir.join("a.txt"), "x").unwrap();
        fs::write(dir.join(".hidden"), "x").unwrap();
        fs::write(dir.join("README.md"), "x").unwrap();
        fs::write(dir.join("truth.TSV"), "x").unwrap();
        let got: Vec<_> = expand(&[dir.clone(), dir.join("missing"), PathBuf::from("-")]);
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(got[0], Ok(Source::File(dir.join("a.txt"))));
        assert_eq!(got[1], Ok(Source::File(dir.join("b/2.txt"))));
        assert!(matches!(&got[2], Err(u) if u.reason == "no such file or folder"));
        assert_eq!(got[3], Ok(Source::Stdin));
        assert_eq!(got.len(), 4);
    }
}
