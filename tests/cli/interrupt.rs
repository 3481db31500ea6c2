//! Ctrl-C (SIGINT) in a review read line by line: a newline, the summary,
//! exit 0, and every answer given kept.

use crate::env::{recall_process, TestEnv};
use std::io::{BufRead, BufReader, Read, Write};

#[test]
fn ctrl_c_in_the_review_shows_the_summary_and_keeps_the_answers() {
    let env = TestEnv::new();
    env.compile_small();
    let mut child = recall_process(&env.db(), &env.now, &["review", "--plain"])
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    // Reveal, grade 4; wait until the answer is acknowledged.
    stdin.write_all(b"\n4\n").expect("write");
    stdin.flush().expect("flush");
    let mut seen = String::new();
    while !seen.contains("saved 4") {
        let mut line = String::new();
        if stdout.read_line(&mut line).expect("read") == 0 {
            panic!("the review ended before the answer was saved: {seen}");
        }
        seen.push_str(&line);
    }
    // SAFETY: signalling our own child process.
    let pid = i32::try_from(child.id()).expect("pid");
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read");
    let status = child.wait().expect("wait");
    drop(stdin);
    assert_eq!(status.code(), Some(0), "{seen}{rest}");
    // The prompt line is ended before the summary.
    assert!(rest.contains("\nSession over\n"), "{rest:?}");
    assert!(rest.contains("answered 1 · correct 100%"), "{rest}");
    assert!(rest.contains("6 left for today"), "{rest}");
    let cards = env.json(&["cards", "--json"]);
    let answered = cards
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reps"].as_u64() == Some(1))
        .count();
    assert_eq!(answered, 1, "the answer given is kept");
    assert!(env.ok(&["check"]).starts_with("ok:"));
}
