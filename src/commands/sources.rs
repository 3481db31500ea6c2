//! What the collection was compiled from: remembered in the collection so
//! that `e` in the review compiles the same inputs again, and read again
//! from disk (within the limits of [`crate::input`]).

use crate::course::{build, Compiled};
use crate::deck::{bundled, PythonVersion};
use crate::error::{Error, Result};
use crate::input::read_source;
use crate::store::{Store, SyncOptions, SyncReport};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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

    /// Read the roadmap and decks again, paths relative to `base`. With the
    /// collection's path `db`, the bundled decks are its ejected copy when
    /// there is one ([`bundled_decks`]), and the lines say what the learner
    /// should know about that copy; else (and with no copy) the built-in ones.
    pub fn read_for(&self, db: Option<&Path>) -> Result<(Inputs, Vec<String>)> {
        let base = self.base.as_deref().unwrap_or(Path::new(""));
        let roadmap = match &self.roadmap {
            Some(path) => Some((path.display().to_string(), read_text(&base.join(path))?)),
            None => None,
        };
        let mut notices = Vec::new();
        let decks = match (&self.decks, db) {
            (Some(paths), _) => Some(read_deck_paths(base, paths)?),
            (None, Some(db)) => bundled_decks(db)?.map(|b| {
                notices = b.notices;
                b.decks
            }),
            (None, None) => None,
        };
        Ok(((roadmap, decks), notices))
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

/// Compile the bundled roadmap and decks (their ejected copy, if the
/// collection has one) into an empty store (first run) for the learner's
/// Python (`configured`, else what `python3` says).
pub fn compile_bundled(
    store: &mut Store,
    now_ms: i64,
    configured: Option<PythonVersion>,
) -> Result<(Compiled, SyncReport)> {
    let decks = match store.path() {
        Some(db) => bundled_decks(db)?.map(|b| b.decks),
        None => None,
    };
    let compiled = build(None, decks, learner_python(configured))?;
    let report = store.sync_with(
        &compiled.roadmap,
        &compiled.cards,
        now_ms,
        &SyncOptions::default(),
    )?;
    Ok((compiled, report))
}

/// The deck ids the bundled decks (or their ejected copies) would compile
/// to, without a collection: what `--deck` is checked against before a
/// first run makes one.
pub fn bundled_deck_ids(db: &Path, configured: Option<PythonVersion>) -> Result<Vec<String>> {
    let decks = bundled_decks(db)?.map(|b| b.decks);
    let compiled = build(None, decks, learner_python(configured))?;
    let mut ids: Vec<String> = compiled.cards.into_iter().map(|c| c.deck).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Where `recall decks eject` copies the bundled decks: `decks/` beside the
/// collection (so the platform data dir for the default collection).
pub fn ejected_dir(db: &Path) -> PathBuf {
    let dir = db.parent().unwrap_or(Path::new(".")).join("decks");
    // Absolute, so the cards' source paths name the files from anywhere.
    std::path::absolute(&dir).unwrap_or(dir)
}

/// The record, in the ejected directory, of what each file was copied from.
const MANIFEST: &str = ".recall-bundled.json";

/// File name → SHA-256 (hex) of the bundled text it was copied from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    files: BTreeMap<String, String>,
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file name of a bundled deck (`decks/phase-2.md` → `phase-2.md`).
pub fn bundled_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn read_manifest(dir: &Path) -> Result<Option<Manifest>> {
    let path = dir.join(MANIFEST);
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::advice(
            format!("{} is unreadable: {e}", path.display()),
            "it records which bundled decks were ejected; move the directory away and run `recall decks eject` again",
        )
    })
}

/// How an ejected deck stands against the bundled one of this recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeckStatus {
    /// As ejected, and the bundled deck did not change.
    Unchanged,
    /// Edited by the learner; the bundled deck did not change.
    Edited,
    /// The bundled deck changed since the eject; the copy is as ejected.
    UpstreamChanged,
    /// Both changed: the learner's edits are kept.
    BothChanged,
    /// The learner deleted the copy: its cards are not compiled.
    Removed,
    /// A bundled deck newer than the eject: compiled from the built-in text.
    NotEjected,
}

/// Each bundled deck's file in the ejected directory and how it stands, in
/// file-name order; `None` when the decks were never ejected.
pub fn deck_statuses(db: &Path) -> Result<Option<Vec<(String, PathBuf, DeckStatus)>>> {
    let dir = ejected_dir(db);
    let Some(manifest) = read_manifest(&dir)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for (path, text) in bundled::DECKS {
        let name = bundled_name(path);
        let file = dir.join(name);
        let status = match manifest.files.get(name) {
            None => DeckStatus::NotEjected,
            Some(_) if !file.is_file() => DeckStatus::Removed,
            Some(base) => {
                let mine = digest(&read_text(&file)?);
                let upstream = digest(text) != *base;
                match (mine != *base, upstream) {
                    (false, false) => DeckStatus::Unchanged,
                    (true, false) => DeckStatus::Edited,
                    (false, true) => DeckStatus::UpstreamChanged,
                    (true, true) => DeckStatus::BothChanged,
                }
            }
        };
        out.push((name.to_string(), file, status));
    }
    Ok(Some(out))
}

/// The bundled decks as an ejected collection compiles them.
pub struct BundledDecks {
    pub decks: Vec<SourceText>,
    /// What the learner should know: decks changed upstream, decks not ejected.
    pub notices: Vec<String>,
}

/// The bundled decks of the collection at `db`: `None` when they were never
/// ejected (the built-in text is compiled). Otherwise the ejected files
/// (never overwritten: a bundled deck that changed upstream is reported, and
/// the learner's copy is what compiles), the built-in text of bundled decks
/// newer than the eject, and the learner's own `*.md` files in the directory.
pub fn bundled_decks(db: &Path) -> Result<Option<BundledDecks>> {
    let Some(statuses) = deck_statuses(db)? else {
        return Ok(None);
    };
    let dir = ejected_dir(db);
    let mut decks = Vec::new();
    let mut notices = Vec::new();
    for ((name, file, status), (path, text)) in statuses.iter().zip(bundled::DECKS) {
        match status {
            DeckStatus::Removed => {}
            DeckStatus::NotEjected => {
                notices.push(format!(
                    "bundled deck {name} is new in this recall and not in {}: compiled as built in (`recall decks eject` copies it)",
                    dir.display()
                ));
                decks.push((path.to_string(), text.to_string()));
            }
            DeckStatus::UpstreamChanged | DeckStatus::BothChanged => {
                notices.push(format!(
                    "bundled deck {name} changed upstream; your copy kept (`recall decks diff {name}` shows the change)"
                ));
                decks.push((file.display().to_string(), read_text(file)?));
            }
            DeckStatus::Unchanged | DeckStatus::Edited => {
                decks.push((file.display().to_string(), read_text(file)?));
            }
        }
    }
    let names: Vec<&str> = bundled::DECKS
        .iter()
        .map(|(p, _)| bundled_name(p))
        .collect();
    let own: Vec<PathBuf> = read_deck_paths(Path::new(""), std::slice::from_ref(&dir))?
        .into_iter()
        .map(|(p, _)| PathBuf::from(p))
        .collect();
    for file in own {
        let is_bundled = file
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| names.contains(&n));
        if !is_bundled {
            decks.push((file.display().to_string(), read_text(&file)?));
        }
    }
    Ok(Some(BundledDecks { decks, notices }))
}

/// What `recall decks eject` did.
pub struct Ejected {
    pub dir: PathBuf,
    /// The files copied (all of them on the first eject; bundled decks newer
    /// than the eject afterwards).
    pub copied: Vec<String>,
    /// The decks had been ejected before.
    pub already: bool,
}

/// Copy the bundled decks into [`ejected_dir`]: every one on the first run,
/// afterwards only bundled decks that are not there yet (a newer recall's);
/// never a file that exists. Each file is written whole (temp + rename).
pub fn eject(db: &Path) -> Result<Ejected> {
    let dir = ejected_dir(db);
    let previous = read_manifest(&dir)?;
    let already = previous.is_some();
    let mut manifest = previous.unwrap_or_default();
    let mut copied = Vec::new();
    for (path, text) in bundled::DECKS {
        let name = bundled_name(path);
        if manifest.files.contains_key(name) {
            continue;
        }
        if dir.join(name).exists() {
            // A file of the learner's own under that name: it is their copy.
            manifest.files.insert(name.to_string(), digest(text));
            continue;
        }
        write_atomically(&dir.join(name), text)?;
        manifest.files.insert(name.to_string(), digest(text));
        copied.push(name.to_string());
    }
    if !already || !copied.is_empty() {
        let json = serde_json::to_string_pretty(&manifest).map_err(|e| {
            Error::advice(
                format!("cannot record the ejected decks: {e}"),
                "report this as a bug",
            )
        })?;
        write_atomically(&dir.join(MANIFEST), &json)?;
    }
    Ok(Ejected {
        dir,
        copied,
        already,
    })
}

/// Write `text` to `path` whole or not at all: a temp file beside it,
/// renamed over it.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    use super::atomic_file::{self, Mode, Replace};
    let fail = |source: std::io::Error| {
        Error::advice(
            format!("cannot write {}: {source}", path.display()),
            "check that the directory exists and is writable",
        )
    };
    fs::create_dir_all(atomic_file::parent_dir(path)).map_err(fail)?;
    // A deck file keeps the mode it had (an ordinary file's when new), so an
    // edit does not change who can read it.
    let mode = Mode::KeepOr(atomic_file::ORDINARY);
    atomic_file::write_atomically(path, text.as_bytes(), mode, Replace::Yes).map_err(fail)
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
