//! The config file: limits, leech rules, colour; bad files refused with
//! `file:line:col`.

use crate::env::TestEnv;

fn with_config(text: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write("xdg-config/recall/config.toml", text);
    env
}

#[test]
fn a_bad_config_is_refused_with_its_position_and_nothing_is_written() {
    let env = with_config("new_per_day = 5\n[leech]\nthreshhold = 3\n");
    let (code, err) = env.fails(&["review"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("config.toml:3:1: unknown field `threshhold`"),
        "{err}"
    );
    assert!(err.contains("hint: keys:"), "{err}");
    assert!(!env.db().exists());
}

#[test]
fn a_desired_retention_outside_the_range_is_refused_before_anything_is_written() {
    let env = with_config("scheduler = \"fsrs\"\ndesired_retention = 1.2\n");
    let (code, err) = env.fails(&["review"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("config.toml:2:21: desired retention 1.2 is outside 0.70–0.99"),
        "{err}"
    );
    assert!(
        err.contains("hint: the probability of recall FSRS"),
        "{err}"
    );
    assert!(!env.db().exists());
}

#[test]
fn recall_config_names_the_file_and_must_exist() {
    let env = TestEnv::new();
    env.compile_small();
    let path = env.write("elsewhere.toml", "new_per_day = 1\n");
    let out = env
        .cmd(&["review"])
        .env("RECALL_CONFIG", &path)
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("New 1 "));
    let missing = env
        .cmd(&["review"])
        .env("RECALL_CONFIG", env.path("nope.toml"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.toml"));
}

#[test]
fn config_limits_apply_and_flags_override_them() {
    let env = with_config("new_per_day = 2\n");
    env.compile_small();
    assert!(env.session(&["review"], "q\n").contains("New 2 "));
    assert!(env
        .session(&["review", "--new", "3"], "q\n")
        .contains("New 3 "));
}

fn first_card(env: &TestEnv) -> String {
    env.json(&["cards", "--json"])[1]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_leech_is_tagged_and_suspended_by_an_event_in_the_log() {
    let env = with_config("[leech]\nthreshold = 1\n");
    env.compile_small();
    let id = first_card(&env);
    env.ok(&["answer", &id, "4"]);
    let mut next_day = env;
    next_day.now = "2026-11-26T09:00:00+01:00".into();
    let out = next_day.ok(&["answer", &id, "1"]);
    assert!(out.contains("leech (1 lapses): suspended"), "{out}");
    let card = &next_day.json(&["cards", "--json"])[1];
    assert_eq!(
        (card["leech"].as_bool(), card["suspended"].as_bool()),
        (Some(true), Some(true))
    );
    assert!(next_day
        .ok(&["check"])
        .starts_with("ok: 7 cards, 3 log rows"));
}

#[test]
fn a_tag_only_leech_stays_in_reviews() {
    let env = with_config("[leech]\nthreshold = 1\naction = \"tag\"\n");
    env.compile_small();
    let id = first_card(&env);
    env.ok(&["answer", &id, "4"]);
    let mut next_day = env;
    next_day.now = "2026-11-26T09:00:00+01:00".into();
    let out = next_day.json(&["answer", &id, "1", "--json"]);
    assert_eq!(
        (out["leech"].as_bool(), out["suspended"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(next_day.json(&["cards", "--json"])[1]["leech"], true);
}

#[test]
fn colour_follows_the_flag_then_the_config_then_no_color() {
    let env = TestEnv::new();
    env.compile_small();
    let esc = |out: String| out.contains('\x1b');
    // TestEnv sets NO_COLOR and pipes stdin: plain by default.
    assert!(!esc(env.session(&["review"], "q\n")));
    assert!(esc(env.session(&["--color", "always", "review"], "q\n")));
    assert!(!esc(
        env.session(&["--color", "always", "review", "--plain"], "q\n")
    ));
    env.write("xdg-config/recall/config.toml", "color = \"always\"\n");
    assert!(esc(env.session(&["review"], "q\n")));
    assert!(!esc(env.session(&["--color", "never", "review"], "q\n")));
}
