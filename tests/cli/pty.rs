//! The real terminal loop: the binary in a pseudo-terminal, answered with
//! real keys (console and rustyline, raw mode, screen clears and all).

use crate::env::{spawn_pty, TestEnv, NOW};
use expectrl::{Session, Signal, WaitStatus};
use recall::day::Day;
use recall::history::Event;
use recall::store::Store;
use std::time::Duration;

/// Generous: the machine is shared; a healthy run answers in milliseconds.
const PATIENCE: Duration = Duration::from_secs(60);

fn spawn(env: &TestEnv, args: &[&str]) -> Session {
    spawn_pty(env, args, PATIENCE)
}

fn answers_logged(env: &TestEnv) -> Vec<Event> {
    let today = Day::containing(chrono::DateTime::parse_from_rfc3339(NOW).unwrap(), 4);
    Store::open_existing(&env.db())
        .unwrap()
        .log()
        .day(today)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect()
}

#[test]
fn a_basic_and_a_typed_card_answered_with_real_keys_then_undo_and_quit() {
    let env = TestEnv::new();
    env.compile_small();
    let mut s = spawn(&env, &["review"]);
    s.expect("Ownership: what does it cover?").unwrap();
    s.expect("[Space] show answer").unwrap();
    s.send(" ").unwrap();
    s.expect("moves, borrows").unwrap();
    s.send("4").unwrap();
    s.expect("saved 4").unwrap();
    s.expect("What happens to a `String`").unwrap();
    s.send(" ").unwrap();
    s.expect("It is moved").unwrap();
    s.send("5").unwrap();
    s.expect("Which trait makes assignment copy").unwrap();
    s.send("Cpoy\r").unwrap();
    s.expect("expected: Copy").unwrap();
    s.expect("[Enter] 2").unwrap();
    s.send("\r").unwrap();
    s.expect("again later today").unwrap();
    // Undo the typed answer from the next card, then quit from the typed
    // prompt: Esc, then the key.
    s.expect("[...]").unwrap();
    s.expect("answer> ").unwrap();
    s.send("\x1b").unwrap();
    s.expect("Esc back to typing").unwrap();
    s.send("u").unwrap();
    s.expect("undone: that card is asked again").unwrap();
    s.expect("Which trait makes assignment copy").unwrap();
    s.expect("answer> ").unwrap();
    s.send("\x1b").unwrap();
    s.expect("Esc back to typing").unwrap();
    s.send("q").unwrap();
    s.expect("Session over").unwrap();
    s.expect("answered 2").unwrap();
    assert!(matches!(
        s.get_process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));
    let log = answers_logged(&env);
    assert_eq!(log.len(), 4, "{log:?}");
    assert!(matches!(log[3], Event::Undo { .. }), "{log:?}");
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_resized_then_closed_terminal_keeps_every_answer() {
    let env = TestEnv::new();
    env.compile_small();
    let mut s = spawn(&env, &["review"]);
    s.expect("[Space] show answer").unwrap();
    s.get_process_mut().set_window_size(40, 10).unwrap();
    s.send(" ").unwrap();
    s.expect("moves, borrows").unwrap();
    s.get_process_mut().set_window_size(120, 40).unwrap();
    s.send("4").unwrap();
    s.expect("saved 4").unwrap();
    s.expect("What happens to a `String`").unwrap();
    // The terminal goes away mid-card, as when an SSH connection drops.
    s.get_process_mut().signal(Signal::SIGHUP).unwrap();
    let status = s.get_process().wait().unwrap();
    assert!(
        !matches!(status, WaitStatus::Exited(_, 101)),
        "no panic: {status:?}"
    );
    let log = answers_logged(&env);
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(env.ok(&["check"]).starts_with("ok: 7 cards, 1 log rows"));
}
