//! `stats`, `due --count`, `completions` and `man` on the real binary, after
//! a year of answers given through `recall answer` with a pinned `--now`.

use crate::env::{TestEnv, NOW};
use chrono::NaiveDate;

/// Grades the generated learner gives, in turn: mostly right, one in twelve
/// wrong (few enough that no card lapses into a suspended leech).
const GRADES: [&str; 12] = ["4", "5", "3", "4", "5", "4", "2", "5", "4", "4", "3", "5"];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The small course, answered for a year up to yesterday: each card on the
/// day it falls due, at 09:00.
fn a_year_of_answers() -> TestEnv {
    let mut env = TestEnv::new();
    env.compile_small();
    let today = date(&NOW[..10]);
    let start = today - chrono::Duration::days(365);
    let ids: Vec<String> = env.card_ids();
    // Introduce one card a week, then answer whatever is due first.
    let mut due: Vec<NaiveDate> = (0..ids.len())
        .map(|i| start + chrono::Duration::days(7 * i as i64))
        .collect();
    let mut answers = 0;
    loop {
        let (i, day) = due
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|(_, d)| *d)
            .unwrap();
        if day >= today {
            break;
        }
        env.now = format!("{day}T09:00:00+01:00");
        let grade = GRADES[answers % GRADES.len()];
        let state = env.json(&["answer", &ids[i], grade, "--json"]);
        due[i] = date(state["due"].as_str().unwrap());
        answers += 1;
    }
    assert!(answers > 40, "only {answers} answers");
    env.now = NOW.to_string();
    env
}

fn assert_fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line:?}",
            line.chars().count()
        );
    }
}

#[test]
fn stats_after_a_year_of_answers() {
    let env = a_year_of_answers();
    let out = env.ok(&["stats"]);
    assert_fits_80_columns(&out);
    assert!(!out.contains('\x1b'), "no escape codes without a terminal");
    insta::assert_snapshot!("stats_year", out);

    let json = env.json(&["stats", "--json"]);
    for key in [
        "due_today",
        "reviewed_today",
        "total",
        "new",
        "learning",
        "mature",
        "suspended",
        "retired",
    ] {
        assert!(json[key].is_u64(), "{key} missing: {json}");
    }
    assert_eq!(json["today"], "2026-11-25");
    assert_eq!(json["forecast"].as_array().unwrap().len(), 30);
    assert_eq!(json["forecast"][0]["count"], json["due_today"]);
    assert_eq!(json["retention"].as_array().unwrap().len(), 3);
    assert!(json["streak"]["longest"].as_u64().unwrap() >= 1);
    assert!(json["heatmap"].as_array().unwrap().len() > 20);
    assert_eq!(json["milestones"][0]["id"], "M1");
    assert_eq!(json["milestones"][0]["total"], json["total"]);
    let due = env.ok(&["due", "--count"]);
    assert_eq!(due.trim(), json["due_today"].to_string());
    assert_eq!(
        due,
        format!("{}\n", due.trim()),
        "a bare number and a newline"
    );
}

#[test]
fn stats_phase_shows_the_topics_of_one_section() {
    let env = a_year_of_answers();
    let out = env.ok(&["stats", "--phase", "stage-1"]);
    assert_fits_80_columns(&out);
    insta::assert_snapshot!("stats_phase", out);
    let json = env.json(&["stats", "--phase", "stage-1", "--json"]);
    assert_eq!(json["section"]["id"], "stage-1");
    let topics: Vec<&str> = json["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["stage-1/1", "stage-1/2"]);
    assert_eq!(
        json["topics"][0]["total"], 5,
        "the subtopics' cards count for their topic"
    );

    let (code, err) = env.fails(&["stats", "--phase", "7"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no section \"phase-7\"") && err.contains("stage"),
        "{err}"
    );
}

#[test]
fn stats_on_a_fresh_collection_counts_the_new_cards() {
    let env = TestEnv::new();
    env.compile_small();
    let json = env.json(&["stats", "--json"]);
    assert_eq!(
        (json["total"].as_u64(), json["new"].as_u64()),
        (Some(7), Some(7))
    );
    assert_eq!(json["new_today"], 7);
    assert_eq!(json["streak"]["current"], 0);
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
    assert_eq!(env.ok(&["due"]), "0 reviews due today (2026-11-25)\n");
}

#[test]
fn due_without_a_collection_fails_and_creates_nothing() {
    let env = TestEnv::new();
    let (code, err) = env.fails(&["due", "--count"]);
    assert_eq!(code, 1);
    assert!(err.contains("no collection"), "{err}");
    assert!(!env.db().exists());
}

#[test]
fn completions_name_every_subcommand() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        for sub in ["review", "stats", "due", "completions", "man"] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    assert!(env.ok(&["completions", "bash"]).contains("complete -F"));
    assert!(env
        .ok(&["completions", "fish"])
        .starts_with("# Print an optspec"));
    let (code, _) = env.fails(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn man_page_is_roff_and_lists_the_subcommands() {
    let env = TestEnv::new();
    let page = env.ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH recall"),
        "{}",
        &page[..200]
    );
    for sub in ["review", "stats", "due", "completions"] {
        assert!(page.contains(sub), "the man page lacks {sub}");
    }
}
