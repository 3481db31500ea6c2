//! The ends of a review day: the overview before the first card, and what
//! `review` says once the day is done.

use crate::env::TestEnv;

#[test]
fn the_session_opens_with_the_day_s_overview() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(&["review", "--new", "5"], "q\n");
    let head: Vec<&str> = out.lines().skip_while(|l| l.is_empty()).take(2).collect();
    assert_eq!(
        head,
        [
            "Today: 5 new (limits: 5 new, 200 reviews a day)",
            "  stage-1: 5 new"
        ],
        "{out}"
    );
}

#[test]
fn a_finished_day_says_nothing_is_due_and_when_the_next_card_is() {
    let mut env = TestEnv::new();
    env.compile_small();
    for id in env.card_ids() {
        env.ok(&["answer", &id, "4"]);
    }
    let done = env.session(&["review"], "");
    assert!(!done.contains("answered 0"), "{done}");
    // A day later the cards are due again; after they are answered, the
    // next ones are six days away.
    let first = env.session(&["review"], "");
    env.now = "2026-11-26T09:00:00+01:00".into();
    for id in env.card_ids() {
        env.ok(&["answer", &id, "4"]);
    }
    let later = env.session(&["review"], "");
    insta::assert_snapshot!("nothing_due", format!("{first}---\n{later}"));
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
}
