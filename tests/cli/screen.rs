//! The review screen in a real terminal, at 60 and 120 columns. What the
//! binary writes to the pseudo-terminal goes through a terminal emulator
//! (vt100), so these tests read the screen the learner sees, after clears
//! and replaced lines, not the raw stream.

use crate::env::{spawn_pty_sized, TestEnv, NOW};
use expectrl::{Session, WaitStatus};
use serde_json::Value;
use std::time::Duration;

/// Generous: the machine is shared; a healthy run answers in milliseconds.
const PATIENCE: Duration = Duration::from_secs(60);
const ROWS: u16 = 40;
const WIDTHS: [u16; 2] = [60, 120];

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

struct Screen {
    session: Session,
    vt: vt100::Parser,
    columns: u16,
    /// Every byte written so far, escape codes and all.
    raw: Vec<u8>,
}

impl Screen {
    fn start(env: &TestEnv, args: &[&str], columns: u16) -> Screen {
        Screen::sized(env, args, columns, ROWS)
    }

    fn sized(env: &TestEnv, args: &[&str], columns: u16, rows: u16) -> Screen {
        Screen {
            session: spawn_pty_sized(env, args, (columns, rows), PATIENCE),
            vt: vt100::Parser::new(nonzero(rows), nonzero(columns), 0),
            columns,
            raw: Vec::new(),
        }
    }

    /// Wait until `text` is written, then return the screen as it stands.
    fn wait(&mut self, text: &str) -> String {
        match self.session.expect(text) {
            Ok(found) => {
                self.vt.process(found.as_bytes());
                self.raw.extend_from_slice(found.as_bytes());
            }
            Err(e) => panic!("waiting for {text:?}: {e}\nscreen:\n{}", self.text()),
        }
        self.text()
    }

    /// Wait for `text`, then for the key legend written after it: the
    /// screen once it waits for the next key.
    fn after(&mut self, text: &str) -> String {
        self.wait(text);
        self.wait("q quit")
    }

    /// Reveal and grade a basic card.
    fn grade_basic(&mut self, grade: &str) {
        self.wait("show answer");
        self.send(" ");
        self.after("0–2 again");
        self.send(grade);
        self.wait("saved");
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    fn text(&self) -> String {
        self.vt.screen().contents()
    }

    fn rows(&self) -> Vec<String> {
        self.vt.screen().rows(0, self.columns).collect()
    }

    /// Esc on the answer line, once the command keys are offered.
    fn escape(&mut self) {
        self.send("\x1b");
        self.wait("Esc back to typing");
    }

    fn exits_cleanly(mut self) {
        self.wait("Session over");
        assert!(matches!(
            self.session.get_process().wait().unwrap(),
            WaitStatus::Exited(_, 0)
        ));
    }
}

fn card<'a>(cards: &'a Value, prompt_start: &str) -> &'a Value {
    cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["prompt"].as_str().unwrap().starts_with(prompt_start))
        .unwrap_or_else(|| panic!("no card {prompt_start:?} in {cards}"))
}

/// The small course with its first card answered yesterday, so today it is
/// in its second review (6 days on a pass) while the others are new (1 day).
fn course_with_a_second_review() -> TestEnv {
    let mut env = TestEnv::new();
    env.compile_small();
    let first = env.first_card_id();
    env.now = "2026-11-24T09:00:00+01:00".into();
    env.ok(&["answer", &first, "4"]);
    env.now = NOW.into();
    env
}

#[test]
fn the_grading_line_shows_the_interval_each_grade_records() {
    for columns in WIDTHS {
        let env = course_with_a_second_review();
        let mut s = Screen::start(&env, &["review"], columns);
        s.wait("Ownership: what does it cover?");
        s.send(" ");
        let shown = s.after("moves, borrows");
        assert!(
            shown.contains("0–2 again · 3 again, then 6d · 4–5 → 6d"),
            "{columns}:\n{shown}"
        );
        s.send("5");
        s.wait("What happens to a `String`");
        s.send(" ");
        let shown = s.after("It is moved");
        assert!(
            shown.contains("0–2 again · 3 again, then 1d · 4–5 → 1d"),
            "{columns}:\n{shown}"
        );
        s.send("4");
        s.wait("Which trait makes assignment copy");
        s.escape();
        s.send("q");
        s.exits_cleanly();
        // What was recorded is what the line said.
        let cards = env.json(&["cards", "--json"]);
        let reviewed = card(&cards, "Stage 1 · Ownership");
        let new = card(&cards, "What happens to a `String`");
        assert_eq!(
            (reviewed["interval"].as_u64(), new["interval"].as_u64()),
            (Some(6), Some(1)),
            "{cards}"
        );
        assert_eq!(reviewed["due"], "2026-12-01", "{cards}");
        assert_eq!(new["due"], "2026-11-26", "{cards}");
    }
}

#[test]
fn one_legend_line_and_notices_replace_each_other() {
    for columns in WIDTHS {
        let env = TestEnv::new();
        env.compile_small();
        let mut s = Screen::start(&env, &["review"], columns);
        let first = s.after("Ownership: what does it cover?");
        assert_eq!(first.matches("show answer").count(), 1, "{first}");
        assert!(
            !first.contains("blackout"),
            "grade meanings only behind ?: {first}"
        );
        s.send("x");
        s.after("'x' does nothing here");
        s.send("z");
        let shown = s.after("'z' does nothing here");
        assert!(shown.contains("'z' does nothing here"), "{shown}");
        assert!(!shown.contains("'x' does nothing"), "replaced:\n{shown}");
        assert_eq!(shown.matches("show answer").count(), 1, "{shown}");
        s.send("?");
        let help = s.after("blackout");
        assert!(
            help.contains("blackout") && help.contains("undo the last answer"),
            "{help}"
        );
        assert!(!help.contains("'z' does nothing"), "{help}");
        s.send(" ");
        let back = s.after("moves, borrows");
        assert!(back.contains("moves, borrows"), "{back}");
        assert!(
            !back.contains("blackout"),
            "help is gone with the answer:\n{back}"
        );
        s.send("4");
        let next = s.after("What happens to a `String`");
        assert!(next.contains("What happens to a `String`"), "{next}");
        assert!(
            !next.contains("Ownership: what does it cover?"),
            "a clean screen:\n{next}"
        );
        assert_eq!(next.matches("show answer").count(), 1, "{next}");
        s.send("q");
        s.exits_cleanly();
    }
}

const LONG_PROMPT: &str = "Which method of a pathlib Path returns a new path with the file \
suffix changed, leaving the original object untouched and raising ValueError when the path has no name";

#[test]
fn a_long_prompt_wraps_at_spaces_to_the_terminal() {
    for columns in WIDTHS {
        let env = TestEnv::new();
        let (roadmap, decks) = env.small_course();
        env.write(
            "course/decks/stage-1.md",
            &format!("# Stage 1 — Basics\n\n## 1 Ownership\n\nT: {LONG_PROMPT}\nA: with_suffix\n"),
        );
        env.ok(&[
            "compile",
            "--roadmap",
            roadmap.to_str().unwrap(),
            decks.to_str().unwrap(),
        ]);
        let mut s = Screen::start(&env, &["review"], columns);
        s.wait("answer> ");
        let rows = s.rows();
        let prompt_rows: Vec<&String> = rows
            .iter()
            .skip_while(|r| !r.starts_with("Which method"))
            .take_while(|r| !r.is_empty())
            .collect();
        let words: Vec<&str> = prompt_rows
            .iter()
            .flat_map(|r| r.split_whitespace())
            .collect();
        assert_eq!(
            words,
            LONG_PROMPT.split(' ').collect::<Vec<_>>(),
            "{columns}:\n{rows:#?}"
        );
        // Greedy: no row could have taken the next row's first word.
        assert!(prompt_rows.len() >= 2, "{columns}:\n{rows:#?}");
        for pair in prompt_rows.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap();
            assert!(
                pair[0].chars().count() + 1 + next_word.chars().count() > usize::from(columns),
                "{columns}:\n{rows:#?}"
            );
        }
        s.escape();
        s.send("q");
        s.exits_cleanly();
    }
}

#[test]
fn shell_keys_edit_the_typed_answer() {
    for columns in WIDTHS {
        let env = TestEnv::new();
        env.compile_small();
        let mut s = Screen::start(&env, &["review"], columns);
        s.grade_basic("4");
        s.grade_basic("4");
        s.wait("answer> ");
        // "py", Ctrl-A, "Co", Ctrl-E, " junk", Ctrl-W: "Copy ".
        s.send("py\x01Co\x05 junk\x17");
        s.send("\r");
        let shown = s.after("your answer:");
        assert!(shown.contains("✓ correct · your answer: Copy"), "{shown}");
        s.send("4");
        // The cloze: Up brings back "Copy ", Ctrl-U clears it; Alt-B goes
        // back a word to finish it from the front; Home/End and Delete too.
        s.wait("answer> ");
        s.send("\x1b[A");
        let recalled = s.wait("Copy");
        assert!(recalled.contains("answer> Copy"), "{recalled}");
        s.send("\x15sive\x1bbexclu");
        s.send("\x1b[Hx\x1b[H\x1b[3~\x1b[F");
        s.send("\r");
        let shown = s.after("your answer:");
        assert!(
            shown.contains("✓ correct · your answer: exclusive"),
            "{shown}"
        );
        s.send("q");
        s.exits_cleanly();
    }
}

#[test]
fn an_answer_that_starts_with_a_colon_is_graded_not_obeyed() {
    for columns in WIDTHS {
        let env = TestEnv::new();
        env.compile_small();
        let mut s = Screen::start(&env, &["review"], columns);
        s.grade_basic("4");
        s.grade_basic("4");
        s.wait("answer> ");
        s.send(":q\r");
        let shown = s.after("your answer:");
        assert!(shown.contains("✗ wrong · your answer: :q"), "{shown}");
        assert!(shown.contains("expected: Copy"), "{shown}");
        s.send("\r");
        s.wait("saved 1");
        // The cloze: `:u` is an answer too, and Esc then u is undo.
        s.wait("answer> ");
        s.send(":u\r");
        s.wait("your answer: :u");
        s.send("\r");
        s.wait("saved");
        s.wait("answer> ");
        s.escape();
        s.send("u");
        s.wait("undone");
        s.escape();
        s.send("q");
        s.exits_cleanly();
        let log = env.json(&["cards", "--json"]);
        let typed = card(&log, "Which trait");
        assert_eq!(typed["reps"], 0, "graded 1: {typed}");
        assert!(env.ok(&["check"]).starts_with("ok:"));
    }
}

#[test]
fn the_verdict_is_in_words_without_colour() {
    for columns in WIDTHS {
        let env = TestEnv::new();
        env.compile_small();
        let mut s = Screen::start(&env, &["review"], columns);
        s.grade_basic("4");
        s.grade_basic("4");
        s.wait("answer> ");
        s.send("Cpoy\r");
        let shown = s.after("your answer:");
        assert!(shown.contains("close · your answer: Cpoy"), "{shown}");
        assert!(shown.contains("expected: Copy"), "{shown}");
        assert!(shown.contains("difference: C"), "{shown}");
        s.send("\r");
        s.wait("answer> ");
        s.send("\r");
        let empty = s.after("your answer:");
        assert!(
            empty.contains("✗ wrong · your answer: (nothing typed)"),
            "{empty}"
        );
        assert!(empty.contains("expected: exclusive"), "{empty}");
        s.send("q");
        s.wait("Session over");
        // NO_COLOR: no colour code anywhere in what was written.
        let raw = String::from_utf8_lossy(&s.raw).into_owned();
        for sgr in ["\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[2m"] {
            assert!(!raw.contains(sgr), "{sgr:?} in {raw:?}");
        }
    }
}

#[test]
fn stats_fits_the_terminal_without_a_wrapped_row() {
    for columns in [60, 120] {
        let env = course_with_a_second_review();
        // Tall enough for the whole report: nothing scrolls away.
        const TALL: u16 = 200;
        let mut s = Screen::sized(&env, &["stats"], columns, TALL);
        s.wait("Milestones");
        s.session
            .expect(expectrl::Eof)
            .map(|rest| s.vt.process(rest.as_bytes()))
            .unwrap();
        let screen = s.vt.screen();
        let rows: Vec<String> = screen.rows(0, columns).collect();
        assert!(rows.iter().any(|r| r.starts_with("Today")), "{rows:#?}");
        for row in 0..TALL {
            assert!(
                !screen.row_wrapped(row),
                "row {row} wrapped at {columns}:\n{rows:#?}"
            );
        }
    }
}

#[test]
fn a_resized_terminal_gets_the_next_card_laid_out_at_its_new_width() {
    let env = TestEnv::new();
    let (roadmap, decks) = env.small_course();
    env.write(
        "course/decks/stage-1.md",
        &format!(
            "# Stage 1 — Basics\n\n## 1 Ownership\n\nT: {LONG_PROMPT}\nA: with_suffix\n\n\
             T: Second: {LONG_PROMPT}\nA: with_suffix\n"
        ),
    );
    env.ok(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    let mut s = Screen::start(&env, &["review"], 120);
    s.wait("answer> ");
    let wide = s.rows().iter().filter(|r| r.contains("pathlib")).count();
    s.send("with_suffix\r");
    s.wait("q quit");
    // The window shrinks while the grade is asked for.
    s.session
        .get_process_mut()
        .set_window_size(60, ROWS)
        .unwrap();
    s.vt.set_size(nonzero(ROWS), nonzero(60));
    s.columns = 60;
    s.send("\r");
    s.wait("answer> ");
    let rows = s.rows();
    let prompt: Vec<&String> = rows
        .iter()
        .skip_while(|r| !r.starts_with("Second:"))
        .take_while(|r| !r.is_empty())
        .collect();
    assert!(
        prompt.len() > wide + 1,
        "{wide} rows at 120, now:\n{rows:#?}"
    );
    let words: Vec<&str> = prompt.iter().flat_map(|r| r.split_whitespace()).collect();
    assert_eq!(
        words.join(" "),
        format!("Second: {LONG_PROMPT}"),
        "{rows:#?}"
    );
    s.escape();
    s.send("q");
    s.exits_cleanly();
}
