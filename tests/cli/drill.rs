//! `recall drill`: practice outside the schedule, through the line prompter.

use crate::env::{TestEnv, NOW};
use recall::day::Day;
use recall::history::{Effect, Event};
use recall::store::Store;

fn today() -> Day {
    Day::containing(chrono::DateTime::parse_from_rfc3339(NOW).unwrap(), 4)
}

#[test]
fn a_drill_logs_drill_answers_and_leaves_every_card_as_it_was() {
    let env = TestEnv::new();
    env.compile_small();
    env.session(&["review"], "\n4\n\n2\nq\n");
    let before = env.json(&["cards", "--json"]);
    let out = env.session(
        &["drill", "--topic", "stage-1/1.2"],
        "shared\n\nexclusiv\n\n",
    );
    insta::assert_snapshot!("drill_cli", out);
    assert_eq!(
        env.json(&["cards", "--json"]),
        before,
        "drills change no state"
    );
    let store = Store::open_existing(&env.db()).unwrap();
    let drills: Vec<_> = store
        .log()
        .day(today())
        .unwrap()
        .into_iter()
        .filter(|e| {
            matches!(
                e.event,
                Event::Answer {
                    effect: Effect::Drill,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(drills.len(), 2);
    assert!(drills.iter().all(|e| e.typed.is_some()));
    assert!(env.ok(&["check"]).starts_with("ok:"));
    // The failed review answer is still owed its repeat; drills are not reviews.
    assert_eq!(env.json(&["next", "--json"])["slot"], "new");
}

#[test]
fn the_same_seed_drills_in_the_same_order() {
    let env = TestEnv::new();
    env.compile_small();
    let first = env.session(&["drill", "--limit", "4"], ":q\n");
    let again = env.session(&["drill", "--limit", "4"], ":q\n");
    assert_eq!(first, again);
    assert!(first.contains("Drill 4 left"), "{first}");
}

#[test]
fn a_timed_drill_stops_when_the_time_is_up() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(&["drill", "--timed", "0"], "");
    assert!(out.contains("Time's up: drill over"), "{out}");
    assert!(out.contains("score 0/0"), "{out}");
}

#[test]
fn bad_drill_filters_are_refused() {
    let env = TestEnv::new();
    env.compile_small();
    let before = env.bytes(&env.db());
    let (code, err) = env.fails(&["drill", "--topic", "stage-9/1"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no topic \"stage-9/1\"") && err.contains("hint:"),
        "{err}"
    );
    let (code, err) = env.fails(&["drill", "--deck", "nothing-*"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("matches no deck") && err.contains("the decks: stage-1"),
        "{err}"
    );
    let (code, _) = env.fails(&["drill", "--limit", "0"]);
    assert_eq!(code, 2);
    assert_eq!(env.bytes(&env.db()), before);
}
