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

const FOUR_BASIC: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: First question?
A: one

Q: Second question?
A: two

Q: Third question?
A: three

Q: Fourth question?
A: four
";

/// `due --count`, `stats` and the review's own plan count the same reviews:
/// suspended, buried and retired cards are not due.
#[test]
fn due_stats_and_the_review_agree_on_what_is_due() {
    let mut env = TestEnv::new();
    env.write("course/roadmap.md", crate::env::SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", FOUR_BASIC);
    env.compile_course();
    for id in env.card_ids() {
        env.ok(&["answer", &id, "4"]);
    }
    env.now = "2026-11-26T09:00:00+01:00".into();
    assert_eq!(env.ok(&["due", "--count"]), "4\n");
    // Suspend the first card asked and bury the second (`s`, `b`), then
    // retire the fourth by removing it from the deck.
    let session = env.session(&["review"], "s\nb\nq\n");
    assert!(
        session.contains("suspended") && session.contains("buried"),
        "{session}"
    );
    env.write(
        "course/decks/stage-1.md",
        &FOUR_BASIC.replace("Q: Fourth question?\nA: four\n", ""),
    );
    env.compile_course();
    let due: u64 = env.ok(&["due", "--count"]).trim().parse().unwrap();
    assert!(
        (1..=2).contains(&due),
        "4 cards, one suspended, one buried, one retired: {due}"
    );
    let stats = env.json(&["stats", "--json"]);
    assert_eq!(stats["due_today"].as_u64(), Some(due), "{stats}");
    let overview = env.session(&["review"], "q\n");
    let reviews = if due == 1 { "review" } else { "reviews" };
    assert!(
        overview.contains(&format!("Today: {due} {reviews} ")),
        "due --count says {due}: {overview}"
    );
}

#[test]
fn next_says_when_the_next_card_is_once_the_day_is_done() {
    let env = TestEnv::new();
    env.compile_small();
    for id in env.card_ids() {
        env.ok(&["answer", &id, "4"]);
    }
    assert_eq!(
        env.ok(&["next"]),
        "Nothing due now: today (2026-11-25) is done.\n  next: 7 reviews tomorrow (2026-11-26 from 04:00)\n"
    );
    assert_eq!(env.ok(&["next", "--json"]), "null\n");
}
