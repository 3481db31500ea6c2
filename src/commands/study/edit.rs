//! `e` in the review: open the card's source at its line in `$EDITOR`, then
//! compile the same inputs again so the session goes on with the edited card.
//! The edited card keeps its identity whatever changed in it (a cloze: each
//! sibling its own): the card at its line before the edit is the card where
//! that line went after it (a line diff), and the recompile pins one to the
//! other. Only a deleted card is retired.
//!
//! The bundled decks are built into the binary; their paths (`decks/phase-2.md`)
//! are relative to recall's repository. Editing one means editing a checkout
//! of it (or `recall decks eject`ing them: then the card names its copy): from there the recompile takes each bundled file from disk where it
//! exists (and the built-in text where not). Anywhere else there is no file
//! to open, and the learner is told so instead of getting an empty buffer.

use crate::card::{Card, CardId};
use crate::commands::sources::{learner_python, read_text, Sources};
use crate::course::build;
use crate::deck::{self, bundled, PythonVersion};
use crate::error::{Error, Result};
use crate::store::{Store, SyncOptions, SyncReport};
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
    let before = read_text(&file)?;
    editor.edit(&file, card.source.line).map_err(|e| {
        Error::Usage(format!(
            "could not edit {} with `{}`: {e}",
            file.display(),
            editor.name()
        ))
    })?;
    let after = read_text(&file)?;
    let db = store.path().map(Path::to_path_buf);
    let (roadmap, decks) = if bundled_file || sources.base.is_none() {
        let base = Sources {
            base: Some(cwd.to_path_buf()),
            ..sources.clone()
        };
        let ((roadmap, decks), _) = base.read_for(db.as_deref())?;
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
        sources.read_for(db.as_deref())?.0
    };
    let compiled = build(roadmap, decks, learner_python(python))?;
    let options = SyncOptions {
        rename: true,
        pins: pins(&card.source.path, &before, &after, card.source.line),
    };
    Ok(store.sync_with(&compiled.roadmap, &compiled.cards, now_ms, &options)?)
}

/// The edited card (all its cloze siblings), old key to new key: the card
/// that starts at `line` of `before` and the one that starts where that line
/// went in `after`. Pure. Empty when either text does not parse or the card
/// is gone; the compile then reports the deck's error, or retires the card.
fn pins(path: &str, before: &str, after: &str, line: u32) -> Vec<(CardId, CardId)> {
    let (Ok(old), Ok(new)) = (deck::parse(path, before), deck::parse(path, after)) else {
        return Vec::new();
    };
    let Some(moved) = moved_line(before, after, line) else {
        return Vec::new();
    };
    let at = |cards: &[Card], line: u32| -> Vec<CardId> {
        cards
            .iter()
            .filter(|c| c.source.line == line)
            .map(|c| c.id)
            .collect()
    };
    let old_ids = at(&old.cards, line);
    let mut new_ids = at(&new.cards, moved.line);
    if new_ids.is_empty() {
        // The card's first line was rewritten: the first card starting in
        // the rewritten lines is it.
        if let Some(first) = new
            .cards
            .iter()
            .map(|c| c.source.line)
            .find(|l| moved.changed.contains(l))
        {
            new_ids = at(&new.cards, first);
        }
    }
    old_ids.into_iter().zip(new_ids).collect()
}

/// Where a line of `before` is in `after`.
struct Moved {
    /// The line (1-based) it became.
    line: u32,
    /// The lines (1-based) of `after` that replaced its hunk, when it changed.
    changed: std::ops::Range<u32>,
}

fn moved_line(before: &str, after: &str, line: u32) -> Option<Moved> {
    let index = usize::try_from(line.checked_sub(1)?).ok()?;
    let diff = similar::TextDiff::from_lines(before, after);
    let to_line = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
    diff.ops().iter().find_map(|op| {
        let old = op.old_range();
        let new = op.new_range();
        if !old.contains(&index) {
            return None;
        }
        let offset = (index - old.start).min(new.len().saturating_sub(1));
        let changed = match op.tag() {
            similar::DiffTag::Equal => 0..0,
            _ => to_line(new.start)..to_line(new.end),
        };
        Some(Moved {
            line: to_line(new.start + offset),
            changed,
        })
    })
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
             decks there, or `recall decks eject` to get your own copy of them (then `e` edits \
             that copy)",
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
    if r.added + r.updated + r.retired + r.unretired + r.renamed == 0 {
        "edited: nothing changed".to_string()
    } else {
        format!(
            "recompiled: {} updated · {} added · {} retired",
            r.updated + r.unretired + r.renamed,
            r.added,
            r.retired
        )
    }
}

#[cfg(test)]
mod tests {
    use super::pins;
    use crate::deck;

    const BEFORE: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: First?
A: 1

C: A `&mut` borrow is {{exclusive}}; `&` borrows are {{shared}}.

Q: Last?
A: 3
";

    fn ids_at(text: &str, line: u32) -> Vec<crate::card::CardId> {
        deck::parse("d.md", text)
            .unwrap()
            .cards
            .into_iter()
            .filter(|c| c.source.line == line)
            .map(|c| c.id)
            .collect()
    }

    #[test]
    fn each_cloze_sibling_is_pinned_to_its_own_deletion() {
        let after = BEFORE.replace("A `&mut` borrow is", "Rewritten: a `&mut` borrow is always");
        let p = pins("d.md", BEFORE, &after, 8);
        let (old, new) = (ids_at(BEFORE, 8), ids_at(&after, 8));
        assert_eq!(p, vec![(old[0], new[0]), (old[1], new[1])]);
    }

    #[test]
    fn lines_added_above_the_card_move_it_and_the_pin_follows() {
        let after = BEFORE
            .replace(
                "Q: First?\nA: 1\n",
                "Q: First?\nA: 1\n\nQ: Inserted?\nA: i\n",
            )
            .replace("Q: Last?", "Q: The last one?");
        let p = pins("d.md", BEFORE, &after, 10);
        assert_eq!(p, vec![(ids_at(BEFORE, 10)[0], ids_at(&after, 13)[0])]);
    }

    #[test]
    fn a_deleted_card_or_a_broken_deck_pins_nothing() {
        let deleted = BEFORE.replace("Q: Last?\nA: 3\n", "");
        assert!(pins("d.md", BEFORE, &deleted, 10).is_empty());
        let broken = BEFORE.replace("A: 3", "");
        assert!(pins("d.md", BEFORE, &broken, 10).is_empty());
    }
}
