//! Finding cards (`cards --search/--topic/--state/--sort`), one card's
//! info (`show`), and filters that match nothing.

use crate::env::{spawn_pty_with, TestEnv};
use serde_json::Value;

fn compiled() -> TestEnv {
    let env = TestEnv::new();
    env.compile_small();
    env
}

fn ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut full = vec!["cards", "--json"];
    full.extend_from_slice(args);
    env.json(&full)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn prompts(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut full = vec!["cards", "--json"];
    full.extend_from_slice(args);
    env.json(&full)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["prompt"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_looks_in_prompt_answer_note_and_tags_case_insensitively() {
    let env = compiled();
    // "copy" is in a prompt and an answer of the same card; "MOVED" in an answer.
    assert_eq!(
        prompts(&env, &["--search", "COPY"]),
        ["Which trait makes assignment copy instead of move?"]
    );
    assert_eq!(
        prompts(&env, &["--search", "moved"]),
        ["What happens to a `String` assigned to another variable?"]
    );
    // LIKE's wildcards are taken literally.
    assert_eq!(prompts(&env, &["--search", "%"]), Vec::<String>::new());
    assert_eq!(ids(&env, &["--search", "leech"]), Vec::<String>::new());
    let (code, err) = env.fails(&["cards", "--search", ""]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--search needs some text") && err.contains("hint:"),
        "{err}"
    );
}

#[test]
fn topic_takes_its_subtopics_and_combines_with_the_other_filters() {
    let env = compiled();
    assert_eq!(ids(&env, &["--topic", "stage-1/1"]).len(), 5);
    assert_eq!(ids(&env, &["--topic", "stage-1/1.2"]).len(), 2);
    assert_eq!(ids(&env, &["--topic", "stage-1/2"]).len(), 2);
    assert_eq!(
        prompts(&env, &["--topic", "stage-1/1", "--search", "trait"]),
        ["Which trait makes assignment copy instead of move?"]
    );
    assert_eq!(
        ids(&env, &["--topic", "stage-1/2", "--deck", "stage-*"]).len(),
        2
    );
}

#[test]
fn state_and_sort_follow_the_log() {
    let mut env = compiled();
    let all = env.card_ids();
    env.ok(&["answer", &all[0], "5"]);
    env.ok(&["answer", &all[1], "3"]);
    env.ok(&["answer", &all[2], "4"]);
    env.ok(&["suspend", &all[3]]);
    env.ok(&["bury", &all[4]]);
    assert_eq!(ids(&env, &["--state", "new"]).len(), 4);
    assert_eq!(ids(&env, &["--state", "learning"]), all[..3]);
    assert_eq!(ids(&env, &["--state", "review"]), all[..3]);
    assert_eq!(ids(&env, &["--state", "mature"]), Vec::<String>::new());
    assert_eq!(ids(&env, &["--state", "suspended"]), [all[3].clone()]);
    assert_eq!(ids(&env, &["--state", "buried"]), [all[4].clone()]);
    assert_eq!(ids(&env, &["--state", "retired"]), Vec::<String>::new());
    // ef after one answer: 5 → 2.60, 3 → 2.36, 4 → 2.50; lowest first.
    assert_eq!(
        ids(&env, &["--sort", "ef", "--state", "review"]),
        [all[1].clone(), all[2].clone(), all[0].clone()]
    );
    // new cards last when sorted by due
    assert_eq!(ids(&env, &["--sort", "due"])[..3], all[..3]);
    // A day later the bury is over.
    env.now = "2026-11-26T09:00:00+01:00".into();
    assert_eq!(ids(&env, &["--state", "buried"]), Vec::<String>::new());
    assert_eq!(ids(&env, &["--sort", "interval"]).len(), 7);
    let (code, err) = env.fails(&["cards", "--state", "sleepy"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn cards_due_counts_exactly_what_due_count_counts() {
    let mut env = compiled();
    let all = env.card_ids();
    for id in &all[..4] {
        env.ok(&["answer", id, "4"]);
    }
    env.now = "2026-11-27T09:00:00+01:00".into();
    env.ok(&["suspend", &all[0]]);
    env.ok(&["bury", &all[1]]);
    let due: usize = env.ok(&["due", "--count"]).trim().parse().unwrap();
    assert_eq!(due, 2);
    assert_eq!(ids(&env, &["--due"]), all[2..4]);
    let listing = env.ok(&["cards", "--due"]);
    assert!(listing.contains("\n2 cards"), "{listing}");
}

#[test]
fn the_listing_fits_the_width_it_is_given() {
    let env = compiled();
    for columns in ["60", "200", "10", "999"] {
        let out = env
            .cmd(&["cards"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let width: usize = columns.parse::<usize>().unwrap().clamp(60, 200);
        let widest = text
            .lines()
            .take(8)
            .map(|l| l.chars().count())
            .max()
            .unwrap();
        assert!(widest <= width, "{columns}: {text}");
        assert!(text.contains("7 cards"), "{text}");
    }
}

#[test]
fn show_prints_the_card_its_state_and_its_replayed_history() {
    let mut env = compiled();
    let id = env.card_ids()[2].clone(); // the typed card `Copy`
    env.ok(&["answer", &id, "4"]);
    env.now = "2026-11-26T10:00:00+01:00".into();
    env.ok(&["answer", &id, "2"]);
    env.ok(&["answer", &id, "5"]); // a same-day repeat: no change
    env.ok(&["bury", &id]);
    env.ok(&["unbury", &id]);
    let show = |args: &[&str]| {
        let out = env.cmd(args).env("TZ", "UTC").output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let tmp = env.dir.path().to_str().unwrap().to_string();
    // The id follows the card's text, which another change may reword.
    let text = show(&["show", &id[..6]])
        .replace(&tmp, "<tmp>")
        .replace(&id, "<id>");
    insta::assert_snapshot!("show_text", text);
    let json: Value = serde_json::from_str(&show(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["source"], format!("{tmp}/course/decks/stage-1.md:17"));
    assert_eq!(json["answer"], "Copy");
    let history = json["history"].as_array().unwrap();
    let rows: Vec<(&str, Value, Value, Value)> = history
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap(),
                e["quality"].clone(),
                e["interval_before"].clone(),
                e["interval_after"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("answer", 4.into(), 0.into(), 1.into()),
            ("answer", 2.into(), 1.into(), 1.into()),
            ("answer", 5.into(), 1.into(), 1.into()),
            ("bury", Value::Null, 1.into(), 1.into()),
            ("unbury", Value::Null, 1.into(), 1.into()),
        ]
    );
    // ef after 4 → 2.50, after the lapse (2) → 2.18; the repeat leaves it.
    let efs: Vec<&Value> = history.iter().map(|e| &e["ef_after"]).collect();
    assert_eq!(
        efs,
        [
            &Value::from(2.5),
            &Value::from(2.18),
            &Value::from(2.18),
            &Value::from(2.18),
            &Value::from(2.18)
        ]
    );
    assert_eq!(history[2]["effect"], "repeat");
    assert_eq!(json["lapses"], 1);
    assert_eq!(json["ef"], history[4]["ef_after"]);
}

#[test]
fn filters_that_match_nothing_fail_with_a_hint_and_write_nothing() {
    let env = compiled();
    env.ok(&["check"]);
    let before = env.bytes(&env.db());
    let out_file = env.path("out.json");
    let out = out_file.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["review", "--deck", "nonexistent"], "the decks: stage-1"),
        (&["drill", "--deck", "nope"], "the decks: stage-1"),
        (
            &["drill", "--topic", "stage-1/9"],
            "the topics of stage-1: stage-1/1, stage-1/2",
        ),
        (&["cards", "--deck", "nope"], "the decks: stage-1"),
        (&["cards", "--topic", "phase-2/5"], "the sections: stage-1"),
        (
            &["export", "--format", "json", "--deck", "nope", "-o", out],
            "the decks: stage-1",
        ),
        (&["cards", "--search", " "], "--search"),
    ];
    for (args, hint) in cases {
        let (code, err) = env.fails(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("hint:") && err.contains(hint),
            "{args:?}: {err}"
        );
    }
    assert!(!out_file.exists());
    assert_eq!(env.bytes(&env.db()), before);
    // A pattern that matches is fine.
    env.ok(&["cards", "--deck", "stage-*"]);
}

#[test]
fn on_a_terminal_the_listing_goes_through_the_pager() {
    let env = compiled();
    let patience = std::time::Duration::from_secs(60);
    // A pager that marks every line it shows.
    let pager = [("PAGER", "sed 's/^/paged: /'")];
    let mut s = spawn_pty_with(&env, &["cards", "--search", "trait"], &pager, patience);
    s.expect("paged: id ").unwrap();
    s.expect("paged: 1 card").unwrap();
    // An empty PAGER prints as it is; piped output never pages (the other tests).
    let mut s = spawn_pty_with(
        &env,
        &["cards", "--search", "trait"],
        &[("PAGER", "")],
        patience,
    );
    s.expect("1 card ·").unwrap();
}

#[test]
fn a_first_run_with_a_deck_that_matches_nothing_makes_no_collection() {
    let env = TestEnv::new();
    for command in ["review", "drill"] {
        let (code, err) = env.fails(&[command, "--deck", "nonexistent"]);
        assert_eq!(code, 2, "{command}: {err}");
        assert!(
            err.contains("matches no deck") && err.contains("phase-0"),
            "{command}: {err}"
        );
        assert!(!env.db().exists(), "{command} made the collection");
    }
}
