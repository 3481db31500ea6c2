//! `e`: edit the card's source, recompile, go on with the edited card.

use super::{keys, play, rules, NoEditor};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::commands::sources::{Sources, SOURCES_KEY};
use crate::commands::FixedClock;
use crate::course::build;
use crate::session::Session;
use crate::store::{AnswerMode, Store};
use crate::ui::editor::Editor;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ROADMAP: &str = "\
# Rust Roadmap

## Stage 1 — Basics

**Goal:** Write small programs.

1. **Ownership** — moves, borrows
";
const DECK: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: What happens to a `String` assigned to another variable?
A: It is moved.
";

/// An editor that replaces text in the file it is given.
struct FileEditor {
    from: &'static str,
    to: &'static str,
    opened: Vec<(PathBuf, u32)>,
}

impl Editor for FileEditor {
    fn edit(&mut self, path: &Path, line: u32) -> std::io::Result<()> {
        self.opened.push((path.to_path_buf(), line));
        let text = std::fs::read_to_string(path)?;
        std::fs::write(path, text.replace(self.from, self.to))
    }
    fn name(&self) -> String {
        "file-editor".into()
    }
}

fn editor(from: &'static str, to: &'static str) -> FileEditor {
    FileEditor {
        from,
        to,
        opened: Vec::new(),
    }
}

/// A course on disk, compiled as `recall compile --roadmap roadmap.md decks` would.
fn course() -> (TempDir, Store, CardId) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("roadmap.md"), ROADMAP).unwrap();
    std::fs::create_dir(dir.path().join("decks")).unwrap();
    std::fs::write(dir.path().join("decks/stage-1.md"), DECK).unwrap();
    let sources = Sources {
        base: Some(dir.path().to_path_buf()),
        roadmap: Some("roadmap.md".into()),
        decks: Some(vec!["decks".into()]),
    };
    let ((roadmap, decks), _) = sources.read_for(None).unwrap();
    let compiled = build(roadmap, decks, None).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.sync(&compiled.roadmap, &compiled.cards, 0).unwrap();
    store
        .set_meta(SOURCES_KEY, &serde_json::to_string(&sources).unwrap())
        .unwrap();
    let id = compiled
        .cards
        .iter()
        .find(|c| c.prompt.starts_with("What happens"))
        .unwrap()
        .id;
    (dir, store, id)
}

fn clock() -> FixedClock {
    super::clock()
}

/// A review of just `id`, with `editor` behind `e`.
fn ask_once(
    store: &mut Store,
    id: CardId,
    script: Vec<crate::ui::scripted::Step>,
    editor: &mut dyn Editor,
) -> (super::Tally, String) {
    play(
        store,
        Session::drill(&[id]),
        script,
        &rules(AnswerMode::Review),
        editor,
        &clock(),
    )
}

#[test]
fn e_opens_the_source_line_and_the_session_goes_on_with_the_edit() {
    let (dir, mut store, id) = course();
    let mut ed = editor("A: It is moved.", "A: It is moved; the old name is dead.");
    let (tally, screen) = ask_once(&mut store, id, keys("e 4"), &mut ed);
    assert_eq!(ed.opened, [(dir.path().join("decks/stage-1.md"), 5)]);
    assert!(screen.contains("recompiled: 1 updated"), "{screen}");
    assert!(screen.contains("the old name is dead."), "{screen}");
    assert_eq!(tally.answered, 1);
    let record = store.cards().get(id).unwrap().unwrap();
    assert_eq!(record.card.answer, "It is moved; the old name is dead.");
    assert_eq!(record.state.sm2.reps, 1);
}

#[test]
fn an_edited_prompt_keeps_the_card_and_the_session_asks_it() {
    let (_dir, mut store, id) = course();
    // Not a typo: a rewrite the similarity rule alone would call a new card.
    let mut ed = editor(
        "What happens to a `String` assigned to another variable?",
        "Moving: what does `let b = a;` do to a `String` a?",
    );
    let (_, screen) = ask_once(&mut store, id, keys("e 4"), &mut ed);
    assert!(!screen.contains("the prompt changed"), "{screen}");
    assert!(screen.contains("do to a `String` a?"), "{screen}");
    let record = store.cards().get(id).unwrap().unwrap();
    assert!(!record.retired, "`e` keeps the edited card's identity");
    assert!(
        record.card.prompt.starts_with("Moving:"),
        "{:?}",
        record.card
    );
    assert_eq!(record.state.sm2.reps, 1);
    assert_eq!(store.cards().count().unwrap(), 1, "no card added");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_deck_broken_by_the_edit_is_reported_and_the_card_stays() {
    let (_dir, mut store, id) = course();
    let mut ed = editor("Q: What", "C: {{What");
    let (tally, screen) = ask_once(&mut store, id, keys("eq"), &mut ed);
    assert!(screen.contains("decks/stage-1.md:6:1: "), "{screen}");
    assert!(screen.contains("hint: "), "{screen}");
    assert!(!store.cards().get(id).unwrap().unwrap().retired);
    assert_eq!(tally.answered, 0);
}

fn bundled_card() -> Card {
    Card {
        id: CardId(7),
        kind: CardKind::Basic,
        deck: "stage-1".into(),
        topic: "stage-1/1".into(),
        ord: 1,
        prompt: "What is a bundled card?".into(),
        code: None,
        answer: "One built into recall".into(),
        alternatives: vec![],
        note: None,
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: crate::deck::bundled::DECKS[0].0.into(),
            line: 9,
        },
    }
}

#[test]
fn a_bundled_deck_not_on_disk_is_explained_not_opened() {
    let mut store = super::store();
    let mut cards: Vec<Card> = store
        .cards()
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .map(|r| r.card)
        .collect();
    cards.push(bundled_card());
    store.sync(&super::roadmap(), &cards, 0).unwrap();
    let (_, screen) = play(
        &mut store,
        Session::drill(&[CardId(7), CardId(1)]),
        keys("e 4q"),
        &rules(AnswerMode::Review),
        &mut NoEditor,
        &clock(),
    );
    let path = crate::deck::bundled::DECKS[0].0;
    assert!(
        screen.contains(&format!("{path} is built into recall, and there is no")),
        "{screen}"
    );
    assert!(
        screen.contains("from a checkout of recall's repository"),
        "{screen}"
    );
    assert!(screen.contains("saved 4"), "the session goes on: {screen}");
}

#[test]
fn a_user_deck_that_moved_is_explained_not_opened() {
    let (dir, mut store, id) = course();
    std::fs::remove_file(dir.path().join("decks/stage-1.md")).unwrap();
    let mut script = keys("e");
    script.push(super::step_quit());
    let (_, screen) = ask_once(&mut store, id, script, &mut NoEditor);
    assert!(screen.contains("is not there any more"), "{screen}");
}
