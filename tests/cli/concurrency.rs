//! Several writers on one collection: two review sessions and compiles at
//! the same time lose no answer, and a writer that has to wait too long gets
//! a clear message, never SQLite's raw "database is locked".

use crate::env::{TestEnv, SMALL_DECK};
use crate::live::Session;
use std::process::Output;
use std::thread;

/// Answers per session: enough to interleave with each other and with the compiles.
const ANSWERS: usize = 25;
const COMPILES: usize = 6;

/// The small deck with one more card, so every other compile writes.
fn grown_deck() -> String {
    format!("{SMALL_DECK}\nQ: What does `clone` do?\nA: It makes a deep copy.\n")
}

#[test]
fn two_sessions_and_compiles_at_once_lose_no_answer() {
    let env = TestEnv::new();
    let (roadmap, decks) = env.small_course();
    env.compile_small();
    let deck = decks.join("stage-1.md");
    let sessions: Vec<_> = (0..2)
        .map(|_| {
            let (db, now) = (env.db(), env.now.clone());
            thread::spawn(move || {
                let mut session = Session::start(&db, &now);
                // Grade 1 keeps every card coming back today, so neither runs out.
                for _ in 0..ANSWERS {
                    assert!(session.answer(1), "the session ended early");
                }
                session.quit()
            })
        })
        .collect();
    for i in 0..COMPILES {
        let text = if i % 2 == 0 {
            grown_deck()
        } else {
            SMALL_DECK.into()
        };
        std::fs::write(&deck, text).unwrap();
        env.ok(&[
            "compile",
            "--roadmap",
            roadmap.to_str().unwrap(),
            decks.to_str().unwrap(),
        ]);
    }
    let mut acked = 0;
    for session in sessions {
        let (success, grades) = session.join().unwrap();
        assert!(success, "a session failed");
        assert_eq!(grades.len(), ANSWERS);
        acked += grades.len();
    }
    let out = env.ok(&["check"]);
    assert!(out.starts_with("ok:"), "{out}");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let logged: usize = conn
        .query_row(
            "SELECT count(*) FROM review_log WHERE event = 'answer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, acked);
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_writer_kept_waiting_gets_a_clear_busy_message() {
    let env = TestEnv::new();
    env.compile_small();
    let id = env.first_card_id();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Both wait out the busy timeout at the same time.
    let answer = {
        let mut cmd = env.cmd(&["answer", &id, "4"]);
        thread::spawn(move || cmd.output().unwrap())
    };
    let review = env.cmd(&["review"]).write_stdin("\n4\n").output().unwrap();
    let answer = answer.join().unwrap();
    conn.execute_batch("ROLLBACK").unwrap();

    for (name, out) in [("answer", &answer), ("review", &review)] {
        let err = stderr(out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains("is locked: another process is writing to it"),
            "{name}: {err}"
        );
        assert!(err.contains("hint: "), "{name}: {err}");
        assert!(!err.contains("database is locked"), "{name}: {err}");
    }
    assert!(stderr(&review).starts_with("error: not saved: answer 4 to card"));
    let err = stderr(&answer).replace(env.dir.path().to_str().unwrap(), "[TMP]");
    insta::assert_snapshot!("busy_answer", err);
    assert!(env.ok(&["check"]).starts_with("ok: 7 cards, 0 log rows"));
}
