//! Whole review sessions through the line prompter (stdin is not a terminal),
//! and kill -9 in the middle of one. `e` needs a terminal, so its sessions run
//! `--plain` in a pseudo-terminal.

use crate::env::TestEnv;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// Answers for the seven cards of the small course, in roadmap order:
/// basic (what the topic covers), basic, typed `Copy`, two cloze deletions, basic, typed `?`.
const WHOLE_SESSION: &str = "\n4\n\n5\nCopy\n\nexclusive\n\nshared\n\n\n4\n?\n\n";

#[test]
fn a_scripted_session_records_every_answer_in_the_log() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(&["review"], WHOLE_SESSION);
    assert!(out.contains("answered 7 · correct 100%"), "{out}");
    assert!(!out.contains('\x1b'), "no escape codes in line mode");
    let cards = env.json(&["cards", "--json"]);
    assert!(
        cards.as_array().unwrap().iter().all(|c| c["reps"] == 1),
        "{cards}"
    );
    assert!(env.ok(&["check"]).starts_with("ok: 7 cards, 7 log rows"));
    assert_eq!(env.json(&["next", "--json"]), serde_json::Value::Null);
}

#[test]
fn the_session_transcript_reads_well() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(&["review"], WHOLE_SESSION);
    insta::assert_snapshot!("line_session", out);
}

#[test]
fn quitting_midway_keeps_the_answers_and_resumes_later() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(&["review"], "\n4\nq\n");
    assert!(out.contains("answered 1"), "{out}");
    assert!(out.contains("6 left for today"), "{out}");
    let resumed = env.session(&["review"], "\n5\n:q\n");
    assert!(resumed.contains("Review 0 · New 5 · Again 0"), "{resumed}");
    env.ok(&["check"]);
}

#[test]
fn a_failed_answer_is_asked_again_in_a_later_session_the_same_day() {
    let env = TestEnv::new();
    env.compile_small();
    env.session(&["review"], "\n1\nq\n");
    let next = env.json(&["next", "--json"]);
    // New cards come first, the owed repeat after them.
    assert_eq!(next["slot"], "new");
    let out = env.session(&["review", "--new", "0"], "\n4\n");
    assert!(out.contains("again"), "{out}");
    assert!(out.contains("answered 1"), "{out}");
}

#[test]
fn first_review_compiles_the_bundled_decks() {
    let env = TestEnv::new();
    let out = env.session(&["review"], "q\n");
    assert!(out.contains("New collection: "), "{out}");
    assert!(env.db().exists());
    let stats = env.json(&["stats", "--json"]);
    assert!(stats["total"].as_u64().unwrap() > 1000, "{stats}");
}

#[test]
fn kill_9_loses_no_acknowledged_answer() {
    let env = TestEnv::new();
    env.compile_small();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .args([
            "--db",
            env.db().to_str().unwrap(),
            "--now",
            &env.now,
            "review",
        ])
        .env("RECALL_SEED", "42")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // Answer the first three cards, waiting for each acknowledgement.
    let answers = ["\n4\n", "\n5\n", "Copy\n\n"];
    let mut acked = 0;
    let mut line = String::new();
    for answer in answers {
        stdin.write_all(answer.as_bytes()).unwrap();
        stdin.flush().unwrap();
        loop {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "recall ended early"
            );
            if line.starts_with("saved ") {
                acked += 1;
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(acked, 3);
    let cards = env.json(&["cards", "--json"]);
    let answered = cards
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reps"] == 1)
        .count();
    assert!(
        answered >= acked,
        "{answered} answers in the log, {acked} acknowledged"
    );
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

/// `review --plain` in a pseudo-terminal: lines in, lines out, and `e` may
/// run `$EDITOR`, which it may not on pipes (tests/cli/hostile_terminal.rs).
fn plain_review_on_a_terminal(
    env: &TestEnv,
    editor: &str,
    cwd: &std::path::Path,
) -> expectrl::Session {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.arg("--db")
        .arg(env.db())
        .args(["--now", &env.now, "review", "--plain"])
        .current_dir(cwd)
        .env("RECALL_SEED", "42")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("EDITOR", editor)
        .env_remove("RECALL_CONFIG")
        .env_remove("RECALL_DB")
        .env("XDG_CONFIG_HOME", env.path("xdg-config"));
    let mut session = expectrl::Session::spawn(cmd).unwrap();
    session.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    session
}

/// Everything the session prints until it exits.
fn rest_of(mut s: expectrl::Session) -> String {
    let out = s.expect(expectrl::Eof).unwrap();
    String::from_utf8_lossy(out.as_bytes()).replace("\r\n", "\n")
}

#[test]
fn e_edits_the_card_in_editor_and_the_session_goes_on_with_the_edit() {
    let env = TestEnv::new();
    env.compile_small();
    // An "editor" that records its arguments and rewrites an answer.
    let script = env.write(
        "editor.sh",
        "echo \"$@\" > \"$(dirname \"$0\")/editor-args\"\n\
         sed -i 's/^A: It is moved; .*/A: It is moved, and the old name is dead./' \"$2\"\n",
    );
    let editor = format!("sh {}", script.display());
    let mut s = plain_review_on_a_terminal(&env, &editor, env.dir.path());
    let mut seen = String::new();
    let steps = [
        ("[Space] show answer", ""),
        ("[0–5] grade", "4"),
        ("[Space] show answer", "e"),
        ("recompiled", ""),
        ("[0–5] grade", "5"),
        // A line of a lone Esc asks for the command keys; `:q` would be an answer.
        ("type the answer", "\x1b"),
        ("Esc back to typing", "q"),
    ];
    for (wait_for, line) in steps {
        let shown = s.expect(wait_for).unwrap();
        seen.push_str(&String::from_utf8_lossy(shown.as_bytes()));
        s.send_line(line).unwrap();
    }
    let out = seen + &rest_of(s);
    assert!(out.contains("recompiled: 1 updated"), "{out}");
    assert!(
        out.contains("It is moved, and the old name is dead."),
        "{out}"
    );
    let args = std::fs::read_to_string(env.path("editor-args")).unwrap();
    assert!(
        args.starts_with("+12 ") && args.trim_end().ends_with("course/decks/stage-1.md"),
        "{args}"
    );
    let cards = env.json(&["cards", "--json"]);
    let edited = &cards[1];
    assert_eq!(edited["answer"], "It is moved, and the old name is dead.");
    assert_eq!(edited["reps"], 1);
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn e_on_a_bundled_deck_outside_the_repository_says_so() {
    let env = TestEnv::new();
    let mut s = plain_review_on_a_terminal(&env, "false", env.dir.path());
    for line in ["\x1b", "e", "\x1b", "q"] {
        s.send_line(line).unwrap();
    }
    let out = rest_of(s);
    assert!(
        out.contains("is built into recall, and there is no"),
        "{out}"
    );
    assert!(
        out.contains("hint: run `recall review` from a checkout"),
        "{out}"
    );
}

#[test]
fn the_summary_counts_the_streak_from_the_log() {
    let mut env = TestEnv::new();
    env.compile_small();
    env.now = "2026-11-23T09:00:00+01:00".into();
    env.session(&["review", "--new", "1"], "\n4\n");
    env.now = "2026-11-24T09:00:00+01:00".into();
    env.session(&["review", "--new", "1"], "\n4\n");
    env.now = "2026-11-25T09:00:00+01:00".into();
    let out = env.session(&["review", "--new", "1"], "\n4\n");
    assert!(out.contains("streak: 3 days"), "{out}");
}

const TRACK_ROADMAP: &str = "\
# Course

## Phase 1 — Core

**Goal:** Basics.

1. **Names** — variables

**Milestone M1:** Done.

## Track A — Web

1. **Routing** — paths

**Capstone WA:** A site.
";

const TRACK_DECKS: [(&str, &str); 2] = [
    (
        "phase-1.md",
        "# Phase 1 — Core\n\n## 1 Names\n\nQ: Core question?\nA: Core answer.\n",
    ),
    (
        "track-a.md",
        "# Track A — Web\n\n## 1 Routing\n\nQ: Track question?\nA: Track answer.\n",
    ),
];

#[test]
fn track_cards_are_introduced_only_for_picked_tracks_and_the_pick_is_remembered() {
    let env = TestEnv::new();
    let roadmap = env.write("course/roadmap.md", TRACK_ROADMAP);
    for (name, text) in TRACK_DECKS {
        env.write(&format!("course/decks/{name}"), text);
    }
    let decks = env.path("course/decks");
    env.ok(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    let plain = env.session(&["review"], "q\n");
    assert!(
        plain.contains("New 1 "),
        "the phase-1 card only (the roadmap makes no cards): {plain}"
    );
    assert!(!plain.contains("track-a"), "{plain}");
    let with_track = env.session(&["review", "--track", "a"], "q\n");
    assert!(with_track.contains("New 2 "), "{with_track}");
    let remembered = env.session(&["review"], "q\n");
    assert!(remembered.contains("New 2 "), "{remembered}");
    let (_, err) = env.fails(&["review", "--track", "z"]);
    assert!(err.contains("no track \"z\""), "{err}");
}
