//! Suspend, unsuspend, bury and unbury: through their commands and through
//! the review keys, each an appended log row that `check` replays.

use crate::env::{spawn_pty, TestEnv};
use serde_json::Value;

fn compiled() -> TestEnv {
    let env = TestEnv::new();
    env.compile_small();
    env
}

/// The number of log rows `check` replayed (and asserts the check passes).
fn checked_rows(env: &TestEnv) -> u64 {
    let out = env.ok(&["check"]);
    assert!(out.starts_with("ok: "), "{out}");
    let rows = out.split(", ").nth(1).and_then(|s| s.split(' ').next());
    rows.and_then(|n| n.parse().ok()).expect("a row count")
}

fn card(env: &TestEnv, id: &str) -> Value {
    env.json(&["show", id, "--json"])
}

fn events(env: &TestEnv, id: &str) -> Vec<String> {
    card(env, id)["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn suspend_unsuspend_bury_unbury_round_trip_through_the_log() {
    let env = compiled();
    let ids = env.card_ids();
    let (a, b) = (&ids[0], &ids[1]);
    let out = env.ok(&["suspend", a, &b[..6]]);
    assert!(
        out.contains(&format!("suspended {a}")) && out.contains(&format!("suspended {b}")),
        "{out}"
    );
    assert_eq!(checked_rows(&env), 2);
    let listed = env.json(&["cards", "--state", "suspended", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_ne!(env.json(&["next", "--json"])["id"], a.as_str());

    let out = env.ok(&["unsuspend", a, b]);
    assert!(out.contains(&format!("unsuspended {a}")), "{out}");
    assert_eq!(card(&env, a)["suspended"], false);
    assert_eq!(checked_rows(&env), 4);

    let out = env.ok(&["bury", a]);
    assert!(
        out.contains(&format!("buried {a} until 2026-11-26")),
        "{out}"
    );
    assert_eq!(card(&env, a)["buried_until"], "2026-11-26");
    assert_eq!(
        env.json(&["cards", "--state", "buried", "--json"])[0]["id"],
        a.as_str()
    );
    let out = env.ok(&["unbury", a]);
    assert!(out.contains(&format!("unburied {a}")), "{out}");
    assert_eq!(
        env.json(&["cards", "--state", "buried", "--json"]),
        Value::Array(vec![])
    );
    assert_eq!(checked_rows(&env), 6);
    assert_eq!(events(&env, a), ["suspend", "unsuspend", "bury", "unbury"]);
    assert_eq!(
        env.json(&["next", "--json"])["id"],
        a.as_str(),
        "back in the queue"
    );
}

#[test]
fn a_card_already_as_asked_is_said_so_and_logs_nothing() {
    let env = compiled();
    let a = env.first_card_id();
    env.ok(&["suspend", &a]);
    env.ok(&["bury", &a]);
    let rows = checked_rows(&env);
    let cases = [
        (["suspend"], "is already suspended"),
        (["bury"], "is already buried until 2026-11-26"),
    ];
    for ([verb], said) in cases {
        let out = env.ok(&[verb, &a]);
        assert!(out.contains(said), "{verb}: {out}");
    }
    env.ok(&["unsuspend", &a]);
    env.ok(&["unbury", &a]);
    let rows = rows + 2;
    for (verb, said) in [
        ("unsuspend", "is not suspended"),
        ("unbury", "is not buried"),
    ] {
        let out = env.ok(&[verb, &a]);
        assert!(out.contains(said), "{verb}: {out}");
    }
    assert_eq!(checked_rows(&env), rows);
}

#[test]
fn an_unknown_card_is_an_error_with_a_hint_and_nothing_is_written() {
    let env = compiled();
    let a = env.first_card_id();
    env.ok(&["check"]);
    let before = env.bytes(&env.db());
    for verb in ["suspend", "unsuspend", "bury", "unbury"] {
        // The known card first: the unknown one still stops the whole command.
        let (code, err) = env.fails(&[verb, &a, "ffffffffffff"]);
        assert_ne!(code, 0);
        assert!(err.contains("no card with id \"ffffffffffff\""), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
    let (_, err) = env.fails(&["show", "zz"]);
    assert!(err.contains("hint:"), "{err}");
    let (_, err) = env.fails(&["suspend"]);
    assert!(err.contains("CARD"), "{err}");
    assert_eq!(env.bytes(&env.db()), before);
    assert_eq!(checked_rows(&env), 0);
}

#[test]
fn unsuspend_leeches_brings_back_an_auto_suspended_leech() {
    let mut env = compiled();
    env.write("xdg-config/recall/config.toml", "[leech]\nthreshold = 1\n");
    let ids = env.card_ids();
    let (leech, other) = (&ids[0], &ids[1]);
    env.ok(&["answer", leech, "4"]);
    env.ok(&["suspend", other]); // suspended by hand: stays suspended
    env.now = "2026-11-26T09:00:00+01:00".into();
    let out = env.ok(&["answer", leech, "1"]);
    assert!(out.contains("leech (1 lapses): suspended"), "{out}");
    assert_eq!(
        env.json(&["cards", "--state", "leech", "--json"])[0]["suspended"],
        true
    );
    let out = env.ok(&["unsuspend", "--leeches"]);
    assert!(out.contains(&format!("unsuspended {leech}")), "{out}");
    assert!(!out.contains(other.as_str()), "{out}");
    let shown = card(&env, leech);
    assert_eq!(
        (shown["suspended"].clone(), shown["leech"].clone()),
        (false.into(), true.into())
    );
    assert_eq!(card(&env, other)["suspended"], true);
    assert_eq!(
        events(&env, leech),
        ["answer", "answer", "suspend", "unsuspend"]
    );
    checked_rows(&env);
    let out = env.ok(&["unsuspend", "--leeches"]);
    assert!(out.contains("no suspended leeches"), "{out}");
}

/// The small course's first two cards are basic: Enter reveals, then a key.
#[test]
fn review_keys_s_and_b_work_after_the_reveal_and_u_undoes_each_event() {
    let env = compiled();
    let ids = env.card_ids();
    let (first, second) = (&ids[0], &ids[1]);
    // reveal, s (suspend) → second card; u: the first is back. reveal, b
    // (bury) → second; u. reveal, 4 → second; u: the answer is undone.
    // reveal, 5 → second; s on its front → the third, a typed card, where
    // Esc then u undoes (a typed line is always an answer); u undoes the
    // answer 5; q.
    let script = "\ns\nu\n\nb\nu\n\n4\nu\n\n5\ns\n\x1b\nu\nu\nq\n";
    let out = env.session(&["review"], script);
    assert!(out.contains("suspended: it stays out of reviews"), "{out}");
    assert!(out.contains("buried until tomorrow"), "{out}");
    assert!(
        out.contains("undone: that card is back in the session"),
        "{out}"
    );
    assert!(out.contains("undone: that card is asked again"), "{out}");
    for id in [first, second] {
        let shown = card(&env, id);
        assert_eq!(shown["suspended"], false, "{shown}");
        assert_eq!(shown["buried_until"], Value::Null, "{shown}");
        assert_eq!(shown["reps"], 0, "{shown}");
    }
    let history = card(&env, first)["history"].clone();
    let rows: Vec<(String, bool)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap().to_string(),
                e["undone"] == true,
            )
        })
        .collect();
    let want = [
        ("suspend", true),
        ("undo", false),
        ("bury", true),
        ("undo", false),
        ("answer", true),
        ("undo", false),
        ("answer", true),
        ("undo", false),
    ];
    let want: Vec<(String, bool)> = want.iter().map(|(e, u)| (e.to_string(), *u)).collect();
    assert_eq!(rows, want);
    // Each undo names the row it takes back.
    let entries = history.as_array().unwrap();
    assert_eq!(entries[1]["undoes"], entries[0]["log_id"]);
    assert_eq!(events(&env, second), ["suspend", "undo"]);
    assert_eq!(checked_rows(&env), 10);
}

/// The same keys on a real terminal (single keys, no Enter).
#[test]
fn on_a_terminal_s_after_the_reveal_then_u_brings_the_card_back() {
    let env = compiled();
    let first = env.first_card_id();
    let mut s = spawn_pty(&env, &["review"], std::time::Duration::from_secs(60));
    s.expect("Ownership: what does it cover?").unwrap();
    s.send(" ").unwrap();
    s.expect("moves, borrows").unwrap();
    s.send("s").unwrap();
    s.expect("suspended: it stays out of reviews").unwrap();
    s.expect("What happens to a `String`").unwrap();
    s.send("u").unwrap();
    s.expect("undone: that card is back in the session")
        .unwrap();
    s.expect("Ownership: what does it cover?").unwrap();
    s.send(" ").unwrap();
    s.expect("moves, borrows").unwrap();
    s.send("b").unwrap();
    s.expect("buried until tomorrow").unwrap();
    s.send("q").unwrap();
    s.expect("Session over").unwrap();
    assert!(matches!(
        s.get_process().wait().unwrap(),
        expectrl::WaitStatus::Exited(_, 0)
    ));
    assert_eq!(events(&env, &first), ["suspend", "undo", "bury"]);
    assert_eq!(card(&env, &first)["buried_until"], "2026-11-26");
    checked_rows(&env);
}
