//! The review loop driven through a scripted prompter, on an in-memory store.

use super::{review_loop, Io, Rules, Tally};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::commands::{Clock, FixedClock};
use crate::session::answer::{CaseRule, Thresholds};
use crate::session::leech::LeechRule;
use crate::store::AnswerMode;
use crate::ui::editor::Editor;
use crate::day::Day;
use crate::history::Event;
use crate::roadmap::{Roadmap, Section, Topic};
use crate::session::{DayProgress, Limits, Session};
use crate::store::Store;
use crate::ui::scripted::{ScriptedPrompter, Step};
use crate::ui::Key;
use chrono::DateTime;
use rand::rngs::StdRng;
use rand::SeedableRng;

const NOW: &str = "2026-11-25T09:00:00+01:00";

pub(super) fn clock() -> FixedClock {
    FixedClock(DateTime::parse_from_rfc3339(NOW).unwrap())
}

pub(super) fn today() -> Day {
    Day::containing(clock().now(), 4)
}

fn card(n: u64, kind: CardKind, prompt: &str, answer: &str) -> Card {
    Card {
        id: CardId(n),
        kind,
        deck: "stage-1".into(),
        topic: "stage-1/1".into(),
        ord: n as i64,
        prompt: prompt.into(),
        code: None,
        answer: answer.into(),
        alternatives: vec![],
        note: None,
        case_sensitive: true,
        source: SourcePos {
            path: "decks/stage-1.md".into(),
            line: n as u32,
        },
    }
}

fn roadmap() -> Roadmap {
    Roadmap {
        title: "Test".into(),
        sections: vec![Section {
            id: "stage-1".into(),
            title: "Stage 1 — Basics".into(),
            goal: None,
            topics: vec![Topic {
                id: "stage-1/1".into(),
                number: "1".into(),
                title: "Ownership".into(),
                detail: String::new(),
                line: 5,
                subtopics: vec![],
            }],
            milestones: vec![],
            line: 3,
        }],
    }
}

pub(super) fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let cards = [
        card(
            1,
            CardKind::Basic,
            "What does a move do?",
            "Transfers ownership",
        ),
        card(
            2,
            CardKind::Typed,
            "Trait that makes assignment copy",
            "Copy",
        ),
        card(3, CardKind::Basic, "Borrow rule?", "One &mut or many &"),
    ];
    store.sync(&roadmap(), &cards, 0).unwrap();
    store
}

pub(super) fn session(store: &Store) -> Session {
    let new = store.get_new(today(), 20, None).unwrap();
    Session::plan(
        &[],
        &new,
        &DayProgress::default(),
        Limits::default(),
        &mut StdRng::seed_from_u64(1),
    )
}

pub(super) fn keys(s: &str) -> Vec<Step> {
    ScriptedPrompter::keys(s)
}

pub(super) fn rules(mode: AnswerMode) -> Rules {
    Rules {
        mode,
        thresholds: Thresholds::default(),
        case: CaseRule::Deck,
        leech: LeechRule::default(),
        deadline: None,
        rollover_hour: 4,
    }
}

/// An editor that must not be opened.
pub(super) struct NoEditor;

impl Editor for NoEditor {
    fn edit(&mut self, path: &std::path::Path, _: u32) -> std::io::Result<()> {
        panic!("the editor was opened on {}", path.display())
    }
    fn name(&self) -> String {
        "none".into()
    }
}

/// Run `session` with `script`, `rules` and `editor`; the tally and the screen.
pub(super) fn play(
    store: &mut Store,
    session: Session,
    script: Vec<Step>,
    rules: &Rules,
    editor: &mut dyn Editor,
    clock: &dyn Clock,
) -> (Tally, String) {
    let mut p = ScriptedPrompter::new(script);
    let mut io = Io {
        prompter: &mut p,
        clock,
        editor,
        cwd: std::env::temp_dir(),
    };
    let tally = review_loop(store, session, &mut io, rules, Vec::new()).unwrap();
    let screen = std::mem::take(&mut p.screen);
    (tally, screen)
}

fn run(store: &mut Store, script: Vec<Step>) -> (Tally, String) {
    let s = session(store);
    play(
        store,
        s,
        script,
        &rules(AnswerMode::Review),
        &mut NoEditor,
        &clock(),
    )
}

pub(super) fn reps(store: &Store, id: u64) -> u32 {
    store.get_card(CardId(id)).unwrap().unwrap().state.sm2.reps
}

#[test]
fn a_whole_session_records_every_answer() {
    let mut store = store();
    let mut script = keys(" 4");
    script.push(Step::Line("Copy"));
    script.extend(keys("\n 5"));
    let (summary, screen) = run(&mut store, script);
    assert_eq!(
        (summary.answered, summary.correct, summary.left),
        (3, 3, 0)
    );
    assert!(screen.contains("✓ correct: Copy"), "{screen}");
    assert!(screen.contains("[Enter] 5 (perfect) · 0–5 other"), "{screen}");
    assert_eq!(
        [reps(&store, 1), reps(&store, 2), reps(&store, 3)],
        [1, 1, 1]
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_failed_card_comes_back_after_the_others_until_it_passes() {
    let mut store = store();
    // card 1 fails with 2, card 2 typed wrong (suggested 1) then card 3 passes;
    // then the repeats: card 1 passes with 4, card 2 passes typed right.
    let mut script = keys(" 2");
    script.push(Step::Line("Clone"));
    script.extend(keys("\n 5 4"));
    script.push(Step::Line("Copy"));
    script.extend(keys("\n"));
    let (summary, screen) = run(&mut store, script);
    assert_eq!(summary.answered, 5);
    assert_eq!(summary.correct, 3);
    assert!(screen.contains("again later today"), "{screen}");
    let log = store.get_day_log(today()).unwrap();
    assert_eq!(log.len(), 5);
    // Repeats do not change the schedule: card 1 keeps the state of its 2.
    let state = store.get_card(CardId(1)).unwrap().unwrap().state;
    assert_eq!((state.sm2.reps, state.sm2.ef.0), (0, 218));
}

#[test]
fn undo_takes_back_the_last_answer_and_asks_again() {
    let mut store = store();
    let mut script = keys(" 5");
    script.push(Step::Line(":u"));
    script.extend(keys(" 3"));
    script.push(Step::Line(":q"));
    let (summary, screen) = run(&mut store, script);
    assert!(screen.contains("undone"), "{screen}");
    assert_eq!(summary.answered, 1);
    let state = store.get_card(CardId(1)).unwrap().unwrap().state;
    assert_eq!(state.sm2.ef.0, 236, "the 3 counts, the undone 5 does not");
    let log = store.get_log(CardId(1)).unwrap();
    assert!(matches!(log[1].event, Event::Undo { .. }));
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn quitting_keeps_what_was_answered() {
    let mut store = store();
    let mut script = keys(" 4");
    script.push(Step::Line(":q"));
    let (summary, screen) = run(&mut store, script);
    assert_eq!((summary.answered, summary.left), (1, 2));
    assert_eq!(reps(&store, 1), 1);
    assert_eq!(reps(&store, 2), 0);
    assert!(screen.contains("saved 4"), "{screen}");
}

#[test]
fn end_of_input_ends_the_session_cleanly() {
    let mut store = store();
    let (summary, _) = run(&mut store, keys(" 4"));
    assert_eq!(summary.answered, 1);
    assert_eq!(summary.left, 2);
}

#[test]
fn unknown_keys_explain_themselves_and_lose_nothing() {
    let mut store = store();
    let mut script = keys("x 9?4");
    script.push(Step::Line(":q"));
    let (summary, screen) = run(&mut store, script);
    assert!(
        screen.contains("'x' does nothing here; ? shows the keys"),
        "{screen}"
    );
    assert!(screen.contains("'9' does nothing here"), "{screen}");
    assert!(screen.contains("undo the last answer"), "{screen}");
    assert_eq!(summary.answered, 1);
}

#[test]
fn suspend_and_bury_take_cards_out_of_the_session() {
    let mut store = store();
    let mut script = keys("s");
    script.push(Step::Line(":b"));
    script.extend(keys(" 4"));
    let (summary, _) = run(&mut store, script);
    assert_eq!(summary.answered, 1);
    let one = store.get_card(CardId(1)).unwrap().unwrap().state;
    let two = store.get_card(CardId(2)).unwrap().unwrap().state;
    assert!(one.suspended);
    assert_eq!(two.buried_until, Some(today().plus(1)));
    assert!(store.get_new(today(), 20, None).unwrap().is_empty());
    assert_eq!(
        store.get_new(today().plus(1), 20, None).unwrap(),
        [CardId(2)]
    );
}

#[test]
fn nothing_to_undo_is_said_not_crashed() {
    let mut store = store();
    let (_, screen) = run(
        &mut store,
        vec![Step::Key(Key::Char('u')), Step::Key(Key::Char('q'))],
    );
    assert!(
        screen.contains("nothing to undo in this session"),
        "{screen}"
    );
}
