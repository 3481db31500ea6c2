//! The review loop driven through a scripted prompter, on an in-memory store.

use super::{review_loop, Io, Rules, Tally};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::commands::{Clock, FixedClock};
use crate::day::Day;
use crate::history::Event;
use crate::roadmap::{Roadmap, Section, Topic};
use crate::sched::leech::LeechRule;
use crate::session::answer::{CaseRule, Thresholds};
use crate::session::{DayProgress, Limits, Session};
use crate::store::AnswerMode;
use crate::store::Store;
use crate::ui::editor::Editor;
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
        exact: false,
        source: SourcePos {
            path: "decks/stage-1.md".into(),
            line: n as u32,
        },
    }
}

pub(super) fn roadmap() -> Roadmap {
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
    let new = store.cards().new_cards(today(), 20, None).unwrap();
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
        python: None,
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
    store
        .cards()
        .get(CardId(id))
        .unwrap()
        .unwrap()
        .state
        .sm2
        .reps
}

#[test]
fn a_whole_session_records_every_answer() {
    let mut store = store();
    let mut script = keys(" 4");
    script.push(Step::Line("Copy"));
    script.extend(keys("\n 5"));
    let (summary, screen) = run(&mut store, script);
    assert_eq!((summary.answered, summary.correct, summary.left), (3, 3, 0));
    assert!(screen.contains("✓ correct · your answer: Copy"), "{screen}");
    assert!(screen.contains("[Enter] 5 · 0–5 other grade"), "{screen}");
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
    let log = store.log().day(today()).unwrap();
    assert_eq!(log.len(), 5);
    // Repeats do not change the schedule: card 1 keeps the state of its 2.
    let state = store.cards().get(CardId(1)).unwrap().unwrap().state;
    assert_eq!((state.sm2.reps, state.sm2.ef.0), (0, 218));
}

#[test]
fn undo_takes_back_the_last_answer_and_asks_again() {
    let mut store = store();
    let mut script = keys(" 5");
    script.extend([Step::Escape, Step::Key(Key::Char('u'))]);
    script.extend(keys(" 3"));
    script.extend([Step::Escape, Step::Key(Key::Char('q'))]);
    let (summary, screen) = run(&mut store, script);
    assert!(screen.contains("undone"), "{screen}");
    assert_eq!(summary.answered, 1);
    let state = store.cards().get(CardId(1)).unwrap().unwrap().state;
    assert_eq!(state.sm2.ef.0, 236, "the 3 counts, the undone 5 does not");
    let log = store.log().card(CardId(1)).unwrap();
    assert!(matches!(log[1].event, Event::Undo { .. }));
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn quitting_keeps_what_was_answered() {
    let mut store = store();
    let mut script = keys(" 4");
    script.extend([Step::Escape, Step::Key(Key::Char('q'))]);
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
    script.extend([Step::Escape, Step::Key(Key::Char('q'))]);
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
    script.extend([Step::Escape, Step::Key(Key::Char('b'))]);
    script.extend(keys(" 4"));
    let (summary, _) = run(&mut store, script);
    assert_eq!(summary.answered, 1);
    let one = store.cards().get(CardId(1)).unwrap().unwrap().state;
    let two = store.cards().get(CardId(2)).unwrap().unwrap().state;
    assert!(one.suspended);
    assert_eq!(two.buried_until, Some(today().plus(1)));
    assert!(store
        .cards()
        .new_cards(today(), 20, None)
        .unwrap()
        .is_empty());
    assert_eq!(
        store.cards().new_cards(today().plus(1), 20, None).unwrap(),
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

// ---- every key, bad input, and the rules the config sets ----

/// A clock that moves on `step` seconds each time it is read.
pub(super) struct StepClock {
    start: chrono::DateTime<chrono::FixedOffset>,
    reads: std::cell::Cell<i64>,
    step: i64,
}

impl StepClock {
    pub(super) fn new(step: i64) -> StepClock {
        StepClock {
            start: clock().now(),
            reads: std::cell::Cell::new(0),
            step,
        }
    }
}

impl Clock for StepClock {
    fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        let n = self.reads.get();
        self.reads.set(n + 1);
        self.start + chrono::Duration::seconds(n * self.step)
    }
}

#[test]
fn escape_and_help_keys_while_typing_and_grading() {
    let mut store = store();
    let mut script = vec![Step::Key(Key::Escape)];
    script.extend(keys(" ?4"));
    // Esc, ?, then Esc again goes back to typing.
    script.extend([
        Step::Escape,
        Step::Key(Key::Char('?')),
        Step::Key(Key::Escape),
    ]);
    script.push(Step::Line("Copy"));
    script.extend(keys("x\nq"));
    let (tally, screen) = run(&mut store, script);
    assert!(screen.contains("Esc does nothing here"), "{screen}");
    assert_eq!(
        screen.matches("edit this card's source").count(),
        2,
        "{screen}"
    );
    assert!(screen.contains("'x' does nothing here"), "{screen}");
    assert_eq!(tally.answered, 2);
}

/// No typed line is a command: `:q`, `:u` and the like are answers, graded
/// like any other; commands come by Esc.
#[test]
fn a_typed_answer_starting_with_a_colon_is_an_answer_not_a_command() {
    let mut store = store();
    let mut script = keys(" 4");
    script.push(Step::Line(":q"));
    script.extend(keys("1 4"));
    script.push(Step::Line(":u"));
    script.extend(keys("\n"));
    let (tally, screen) = run(&mut store, script);
    assert!(screen.contains("✗ wrong · your answer: :q"), "{screen}");
    assert!(screen.contains("your answer: :u"), "{screen}");
    assert_eq!(tally.answered, 4, "{screen}");
    let typed: Vec<_> = store
        .log()
        .card(CardId(2))
        .unwrap()
        .into_iter()
        .filter_map(|e| e.typed)
        .collect();
    assert_eq!(typed, [":q", ":u"]);
}

#[test]
fn an_empty_typed_answer_shows_the_answer_and_suggests_a_blackout() {
    let mut store = store();
    let mut script = keys(" 4");
    script.push(Step::Line(""));
    script.extend(keys("\n"));
    script.push(Step::Key(Key::Char('q')));
    let (tally, screen) = run(&mut store, script);
    assert!(screen.contains("expected: Copy"), "{screen}");
    assert!(screen.contains("[Enter] 0 ·"), "{screen}");
    assert!(screen.contains("saved 0 · again later today"), "{screen}");
    assert_eq!(tally.answered, 2);
}

#[test]
fn the_config_case_rule_overrides_the_deck() {
    let mut store = store();
    let mut lenient = rules(AnswerMode::Review);
    lenient.case = CaseRule::Insensitive;
    let s = session(&store);
    let mut script = keys(" 4");
    script.push(Step::Line("copy"));
    script.extend(keys("\nq"));
    let (_, screen) = play(&mut store, s, script, &lenient, &mut NoEditor, &clock());
    assert!(screen.contains("✓ correct · your answer: copy"), "{screen}");
}

#[test]
fn configured_thresholds_decide_the_suggested_grade() {
    let mut store = store();
    let slow = StepClock::new(10);
    let script = |typed| {
        let mut s = keys(" 4");
        s.push(Step::Line(typed));
        s.extend(keys("\nq"));
        s
    };
    let s = session(&store);
    let defaults = rules(AnswerMode::Review);
    let (_, screen) = play(
        &mut store,
        s,
        script("Copy"),
        &defaults,
        &mut NoEditor,
        &slow,
    );
    assert!(screen.contains("[Enter] 4 · 0–5 other grade"), "{screen}");
    let mut store = self::store();
    let mut patient = rules(AnswerMode::Review);
    patient.thresholds.quick_ms = 60_000;
    let s = session(&store);
    let (_, screen) = play(
        &mut store,
        s,
        script("Copy"),
        &patient,
        &mut NoEditor,
        &StepClock::new(10),
    );
    assert!(screen.contains("[Enter] 5 · 0–5 other grade"), "{screen}");
}

/// Answer card 1 pass-then-fail until it has `lapses` lapses; the day it is due next.
fn lapse(store: &mut Store, lapses: u32) -> Day {
    let mut day = today();
    for _ in 0..lapses {
        for q in [4, 1] {
            store
                .record_answer(
                    &crate::store::NewAnswer {
                        card: CardId(1),
                        quality: crate::sched::Quality::new(q).unwrap(),
                        mode: AnswerMode::Review,
                        at_ms: 0,
                        day,
                        elapsed_ms: None,
                        typed: None,
                    },
                    &LeechRule::NEVER,
                )
                .unwrap();
            day = store
                .cards()
                .get(CardId(1))
                .unwrap()
                .unwrap()
                .state
                .sm2
                .due
                .unwrap();
        }
    }
    day
}

fn clock_on(day: Day) -> FixedClock {
    let at = day.to_date().and_hms_opt(9, 0, 0).unwrap();
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    FixedClock(at.and_local_timezone(offset).unwrap())
}

#[test]
fn the_eighth_lapse_makes_a_leech_the_session_says_so_and_suspends_it() {
    let mut store = store();
    let due = lapse(&mut store, 7);
    // Pass it once more so the next failure is a lapse.
    store
        .record_answer(
            &crate::store::NewAnswer {
                card: CardId(1),
                quality: crate::sched::Quality::new(4).unwrap(),
                mode: AnswerMode::Review,
                at_ms: 0,
                day: due,
                elapsed_ms: None,
                typed: None,
            },
            &LeechRule::NEVER,
        )
        .unwrap();
    let due = store
        .cards()
        .get(CardId(1))
        .unwrap()
        .unwrap()
        .state
        .sm2
        .due
        .unwrap();
    let clock_due = clock_on(due);
    let s = Session::plan(
        &[(CardId(1), due)],
        &[],
        &DayProgress::default(),
        Limits::default(),
        &mut StdRng::seed_from_u64(1),
    );
    let (tally, screen) = play(
        &mut store,
        s,
        keys(" 1"),
        &rules(AnswerMode::Review),
        &mut NoEditor,
        &clock_due,
    );
    assert!(
        screen.contains("leech: this card has lapsed 8 times; suspended"),
        "{screen}"
    );
    assert_eq!(
        (tally.answered, tally.left),
        (1, 0),
        "no repeat of a suspended leech"
    );
    let record = store.cards().get(CardId(1)).unwrap().unwrap();
    assert!(record.leech && record.state.suspended);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_drill_logs_drill_answers_and_changes_no_state() {
    let mut store = store();
    let before: Vec<_> = (1..=3)
        .map(|id| store.cards().get(CardId(id)).unwrap().unwrap().state)
        .collect();
    let mut script = keys(" 4");
    script.push(Step::Line("Clone"));
    script.extend(keys("\n 5"));
    let s = Session::drill(&[CardId(1), CardId(2), CardId(3)]);
    let (tally, screen) = play(
        &mut store,
        s,
        script,
        &rules(AnswerMode::Drill),
        &mut NoEditor,
        &clock(),
    );
    let after: Vec<_> = (1..=3)
        .map(|id| store.cards().get(CardId(id)).unwrap().unwrap().state)
        .collect();
    assert_eq!(before, after);
    assert!(screen.contains("Drill 3 left"), "{screen}");
    assert!(screen.contains("· drill\n"), "{screen}");
    assert_eq!((tally.answered, tally.correct, tally.left), (3, 2, 0));
    assert_eq!(
        tally.missed.len(),
        1,
        "the wrong Clone, graded 1, and not asked again"
    );
    let log = store.log().day(today()).unwrap();
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|e| matches!(
        e.event,
        Event::Answer {
            effect: crate::history::Effect::Drill,
            ..
        }
    )));
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_timed_drill_stops_asking_after_the_deadline() {
    let mut store = store();
    let clock = StepClock::new(1);
    let mut timed = rules(AnswerMode::Drill);
    // Reads: start, the first card's check, reveal, record; the second check is past it.
    timed.deadline = Some(clock.start + chrono::Duration::seconds(3));
    let s = Session::drill(&[CardId(1), CardId(3)]);
    let (tally, screen) = play(&mut store, s, keys(" 4"), &timed, &mut NoEditor, &clock);
    assert!(screen.contains("to go"), "{screen}");
    assert_eq!((tally.answered, tally.left, tally.timed_out), (1, 1, true));
}

#[test]
fn e_on_pipes_is_refused_and_the_editor_never_opens() {
    let mut store = store();
    let mut script = keys("e e");
    script.extend(keys("4"));
    // Esc, e (refused, the command keys stay), q.
    script.extend([Step::Escape, Step::Key(Key::Char('e'))]);
    script.push(Step::Key(Key::Char('q')));
    let mut p = ScriptedPrompter::new(script);
    p.piped = true;
    let s = session(&store);
    let mut io = Io {
        prompter: &mut p,
        clock: &clock(),
        editor: &mut NoEditor,
        cwd: std::env::temp_dir(),
    };
    let tally = review_loop(
        &mut store,
        s,
        &mut io,
        &rules(AnswerMode::Review),
        Vec::new(),
    )
    .unwrap();
    let screen = std::mem::take(&mut p.screen);
    assert_eq!(tally.answered, 1);
    let refused = "e opens $EDITOR, which needs a terminal: input or output here is a pipe";
    assert_eq!(screen.matches(refused).count(), 3, "{screen}");
    assert!(
        screen.contains("edit decks/stage-1.md:1 yourself, then run `recall compile` again"),
        "{screen}"
    );
}

#[test]
fn a_typed_answer_past_4_kib_is_refused_not_compared() {
    let mut store = store();
    let long: &'static str = Box::leak("Copy ".repeat(1000).into_boxed_str());
    let mut script = keys(" 4");
    script.push(Step::Line(long));
    script.push(Step::Line("Copy"));
    script.extend(keys("\nq"));
    let (tally, screen) = run(&mut store, script);
    assert_eq!(tally.answered, 2);
    assert!(
        screen.contains("that answer is 5000 bytes; a typed answer has at most 4096 (4 KiB)"),
        "{screen}"
    );
    assert!(screen.contains("✓ correct · your answer: Copy"), "{screen}");
    let typed: Vec<_> = store
        .log()
        .card(CardId(2))
        .unwrap()
        .into_iter()
        .filter_map(|e| e.typed)
        .collect();
    assert_eq!(typed, ["Copy"]);
}

pub(super) fn step_quit() -> Step {
    Step::Key(Key::Char('q'))
}

mod edit;
mod screen;
