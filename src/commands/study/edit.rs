//! `e` in the review: open the card's source at its line in `$EDITOR`, then
//! compile the same inputs again so the session goes on with the edited card.
//!
//! The bundled decks are built into the binary; their paths (`decks/phase-2.md`)
//! are relative to recall's repository. Editing one means editing a checkout
//! of it: from there the recompile takes each bundled file from disk where it
//! exists (and the built-in text where not). Anywhere else there is no file
//! to open, and the learner is told so instead of getting an empty buffer.

use crate::card::Card;
use crate::commands::sources::{learner_python, Sources};
use crate::course::build;
use crate::deck::bundled;
use crate::deck::PythonVersion;
use crate::error::{Error, Result};
use crate::store::{Store, SyncReport};
use crate::ui::editor::Editor;
use crate::ui::{Line, Style};
use std::path::{Path, PathBuf};

/// Edit `card`'s source and recompile; the lines say what happened. Nothing
/// here ends the session: a file that is missing or no longer compiles is
/// reported, and the card stays as it was.
pub fn edit_card(
    store: &mut Store,
    card: &Card,
    editor: &mut dyn Editor,
    cwd: &Path,
    now_ms: i64,
    python: Option<PythonVersion>,
) -> Vec<Line> {
    match try_edit(store, card, editor, cwd, now_ms, python) {
        Ok(report) => vec![Line::styled(report_text(&report), Style::Good)],
        Err(e) => {
            let mut lines = vec![Line::styled(e.to_string(), Style::Bad)];
            if let Some(hint) = e.hint() {
                lines.push(Line::styled(format!("hint: {hint}"), Style::Dim));
            }
            lines
        }
    }
}

fn try_edit(
    store: &mut Store,
    card: &Card,
    editor: &mut dyn Editor,
    cwd: &Path,
    now_ms: i64,
    python: Option<PythonVersion>,
) -> Result<SyncReport> {
    let sources = Sources::load(store)?;
    let bundled_file = is_bundled(&sources, &card.source.path);
    let base = match (&sources.base, bundled_file) {
        (Some(base), false) => base.clone(),
        _ => cwd.to_path_buf(),
    };
    let file = base.join(&card.source.path);
    if !file.is_file() {
        return Err(missing(&card.source.path, &file, bundled_file));
    }
    editor.edit(&file, card.source.line).map_err(|e| {
        Error::Usage(format!(
            "could not edit {} with `{}`: {e}",
            file.display(),
            editor.name()
        ))
    })?;
    let (roadmap, decks) = if bundled_file || sources.base.is_none() {
        let base = Sources {
            base: Some(cwd.to_path_buf()),
            ..sources.clone()
        };
        let (roadmap, decks) = base.read()?;
        (
            roadmap.or_else(|| Some(from_disk_or_bundled(cwd, bundled::ROADMAP))),
            decks.or_else(|| {
                Some(
                    bundled::DECKS
                        .iter()
                        .map(|&file| from_disk_or_bundled(cwd, file))
                        .collect(),
                )
            }),
        )
    } else {
        sources.read()?
    };
    let compiled = build(roadmap, decks, learner_python(python))?;
    Ok(store.sync(&compiled.roadmap, &compiled.cards, now_ms)?)
}

/// Whether `path` names a bundled file the last compile used.
fn is_bundled(sources: &Sources, path: &str) -> bool {
    (sources.roadmap.is_none() && path == bundled::ROADMAP.0)
        || (sources.decks.is_none() && bundled::DECKS.iter().any(|(p, _)| *p == path))
}

fn missing(name: &str, file: &Path, bundled_file: bool) -> Error {
    if bundled_file {
        Error::advice(
            format!(
                "{name} is built into recall, and there is no {} to edit",
                file.display()
            ),
            "run `recall review` from a checkout of recall's repository to edit the bundled \
             decks there, or compile your own copy: `recall compile --roadmap ROADMAP DIR`",
        )
    } else {
        Error::advice(
            format!(
                "{} is not there any more; the card was compiled from it",
                file.display()
            ),
            "compile again from where the decks are now: `recall compile DIR`",
        )
    }
}

/// The file from `base` when it exists there, else the text built in.
fn from_disk_or_bundled(base: &Path, (path, text): (&str, &str)) -> (String, String) {
    let on_disk: PathBuf = base.join(path);
    let text = std::fs::read_to_string(on_disk).unwrap_or_else(|_| text.to_string());
    (path.to_string(), text)
}

fn report_text(r: &SyncReport) -> String {
    if r.added + r.updated + r.retired + r.unretired == 0 {
        "edited: nothing changed".to_string()
    } else {
        format!(
            "recompiled: {} updated · {} added · {} retired",
            r.updated + r.unretired,
            r.added,
            r.retired
        )
    }
}
