//! What the collection was compiled from: remembered in the collection so
//! that `e` in the review compiles the same inputs again, and read again
//! from disk (within the limits of [`crate::input`]).

use crate::course::{build, Compiled};
use crate::deck::PythonVersion;
use crate::error::{Error, Result};
use crate::input::read_source;
use crate::store::{Store, SyncReport};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// Meta key: what the collection was last compiled from, so that `e` in the
/// review can compile the same inputs again after an edit.
pub const SOURCES_KEY: &str = "compile.sources";

/// A file's name (as typed, for cards and errors) and its text.
pub type SourceText = (String, String);

/// The roadmap and the decks to compile; `None` is the bundled one(s).
pub type Inputs = (Option<SourceText>, Option<Vec<SourceText>>);

/// The inputs of the last compile, as typed, and the directory they were
/// typed in. `None` is the bundled roadmap or decks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sources {
    pub base: Option<PathBuf>,
    pub roadmap: Option<PathBuf>,
    pub decks: Option<Vec<PathBuf>>,
}

impl Sources {
    /// What the store says, or the bundled decks (first-run collections and
    /// collections compiled before this key existed).
    pub fn load(store: &Store) -> Result<Sources> {
        match store.get_meta(SOURCES_KEY)? {
            None => Ok(Sources::default()),
            Some(value) => serde_json::from_str(&value).map_err(|e| {
                Error::advice(
                    format!(
                        "the collection's record of what it was compiled from is unreadable: {e}"
                    ),
                    "run `recall compile` again with your roadmap and deck paths",
                )
            }),
        }
    }

    /// Read the roadmap and decks again, paths relative to `base`.
    pub fn read(&self) -> Result<Inputs> {
        let base = self.base.as_deref().unwrap_or(Path::new(""));
        let roadmap = match &self.roadmap {
            Some(path) => Some((path.display().to_string(), read_text(&base.join(path))?)),
            None => None,
        };
        let decks = match &self.decks {
            Some(paths) => Some(read_deck_paths(base, paths)?),
            None => None,
        };
        Ok((roadmap, decks))
    }

    /// As stored in the collection.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| {
            Error::advice(
                format!("cannot record the compile inputs: {e}"),
                "name the roadmap and decks by paths that are valid UTF-8",
            )
        })
    }
}

/// Compile the bundled roadmap and decks into an empty store (first run)
/// for the learner's Python (`configured`, else what `python3` says).
pub fn compile_bundled(
    store: &mut Store,
    now_ms: i64,
    configured: Option<PythonVersion>,
) -> Result<(Compiled, SyncReport)> {
    let compiled = build(None, None, learner_python(configured))?;
    let report = store.sync(&compiled.roadmap, &compiled.cards, now_ms)?;
    Ok((compiled, report))
}

/// The learner's Python: the config's `python`, else what `python3
/// --version` says; `None` when neither tells.
pub fn learner_python(configured: Option<PythonVersion>) -> Option<PythonVersion> {
    configured.or_else(|| {
        let out = std::process::Command::new("python3")
            .arg("--version")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .strip_prefix("Python ")?
            .parse()
            .ok()
    })
}

/// A roadmap or deck file, read within the limits of [`crate::input`].
pub fn read_text(path: &Path) -> Result<String> {
    read_source(path)
}

/// Deck files named, and `*.md` files in directories named, in a stable
/// order; relative paths are read under `base` and named as given.
fn read_deck_paths(base: &Path, paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for path in paths {
        if base.join(path).is_dir() {
            let entries = fs::read_dir(base.join(path)).map_err(|source| Error::Read {
                path: path.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| path.join(e.file_name())))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                // A README beside the decks is about them, not a deck.
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .iter()
        .map(|p| Ok((p.display().to_string(), read_text(&base.join(p))?)))
        .collect()
}
