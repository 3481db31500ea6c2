//! `scheduler = "fsrs"` end to end: intervals through the real binary equal
//! the `fsrs` crate's, a switch reschedules every card (and back gives the
//! very same rows), `check` holds under FSRS, the review grades on 1–4.

use crate::env::TestEnv;
use serde_json::Value;

const FSRS: &str = "scheduler = \"fsrs\"\n";
const SM2: &str = "scheduler = \"sm2\"\n";

fn set_config(env: &TestEnv, text: &str) {
    env.write("xdg-config/recall/config.toml", text);
}

fn fsrs_env() -> TestEnv {
    let env = TestEnv::new();
    set_config(&env, FSRS);
    env.compile_small();
    env
}

fn day(offset: i64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    format!("{}T09:00:00+01:00", start + chrono::Duration::days(offset))
}

/// Every card_state row, floats as SQLite quotes them (exact): a byte-for-
/// byte comparison of two collections' states.
fn dump(env: &TestEnv) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT card_id || ',' || reps || ',' || ef || ',' || interval || ',' || \
             quote(due) || ',' || lapses || ',' || suspended || ',' || quote(buried_until) \
             || ',' || quote(last_review) || ',' || quote(stability) || ',' || \
             quote(difficulty) FROM card_state ORDER BY card_id",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The crate's own whole-day intervals for Good answered on each due day.
fn crate_intervals(answers: usize) -> Vec<u64> {
    let model = fsrs::FSRS::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
    let (mut memory, mut elapsed, mut out) = (None, 0, Vec::new());
    for _ in 0..answers {
        let good = model.next_states(memory, 0.9, elapsed).unwrap().good;
        let days = good.interval.round().max(1.0) as u64;
        out.push(days);
        memory = Some(good.memory);
        elapsed = days as u32;
    }
    out
}

#[test]
fn good_on_each_due_day_gives_the_crates_intervals() {
    let mut env = fsrs_env();
    let id = env.first_card_id();
    let (mut offset, mut intervals) = (0, Vec::new());
    for _ in 0..3 {
        env.now = day(offset);
        let answered = env.json(&["answer", &id, "good", "--json"]);
        assert_eq!(answered["quality"], 4, "good is logged as 4");
        assert_eq!(answered["effect"], "schedule");
        let card = &env.json(&["cards", "--json"])[0];
        let interval = card["interval"].as_u64().unwrap();
        intervals.push(interval);
        offset += interval as i64;
    }
    assert_eq!(intervals, [2, 11, 46]);
    assert_eq!(intervals, crate_intervals(3));
    let card = &env.json(&["cards", "--json"])[0];
    assert!(card["stability"].as_f64().unwrap() > 40.0, "{card}");
    assert!(card["difficulty"].as_f64().is_some(), "{card}");
    // Answered today: recall is certain.
    assert_eq!(card["retrievability"], 1.0);
    let new = &env.json(&["cards", "--json"])[1];
    assert_eq!(new["stability"], Value::Null);
    let shown = env.ok(&["show", &id]);
    assert!(shown.contains("fsrs: stability "), "{shown}");
    env.ok(&["check"]);
}

#[test]
fn under_sm2_cards_json_has_no_fsrs_fields() {
    let env = TestEnv::new();
    env.compile_small();
    let card = &env.json(&["cards", "--json"])[0];
    assert!(card.get("stability").is_none(), "{card}");
    assert!(card.get("retrievability").is_none(), "{card}");
}

/// Answers on days due under both schedulers, so the log is one log.
fn answer_some(env: &mut TestEnv) {
    let ids = env.card_ids();
    for (offset, grade) in [(0, "4"), (2, "good"), (13, "5")] {
        env.now = day(offset);
        env.ok(&["answer", &ids[0], grade]);
    }
    env.now = day(0);
    env.ok(&["answer", &ids[1], "again"]);
    env.ok(&["answer", &ids[2], "3"]);
    env.ok(&["suspend", &ids[3]]);
    env.now = day(20);
}

#[test]
fn sm2_to_fsrs_and_back_gives_back_the_very_same_states() {
    let mut env = TestEnv::new();
    env.compile_small();
    answer_some(&mut env);
    let before = dump(&env);
    let cards_before = env.ok(&["cards", "--json"]);

    set_config(&env, FSRS);
    let out = env.cmd(&["check"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        said,
        "scheduler: sm2 → fsrs (90 % retention): 3 cards rescheduled from 5 answers\n"
    );
    assert_ne!(dump(&env), before);
    // Said once: the states are FSRS's now.
    let again = env.cmd(&["check"]).output().unwrap();
    assert!(again.status.success() && again.stderr.is_empty());

    set_config(&env, SM2);
    let out = env.cmd(&["check"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("scheduler: fsrs (90 % retention) → sm2: 3 cards rescheduled"));
    assert_eq!(dump(&env), before);
    assert_eq!(env.ok(&["cards", "--json"]), cards_before);
}

#[test]
fn answers_given_under_fsrs_replay_under_sm2_as_if_always_sm2() {
    let mut always = TestEnv::new();
    always.compile_small();
    answer_some(&mut always);
    let mut switched = fsrs_env();
    answer_some(&mut switched);
    switched.ok(&["check"]);
    assert_ne!(dump(&switched), dump(&always));
    set_config(&switched, SM2);
    switched.ok(&["check"]);
    assert_eq!(dump(&switched), dump(&always));
}

#[test]
fn a_retention_change_reschedules_and_check_holds_under_fsrs() {
    let mut env = fsrs_env();
    answer_some(&mut env);
    let at_90 = env.json(&["cards", "--json"])[0]["interval"]
        .as_u64()
        .unwrap();
    set_config(&env, "scheduler = \"fsrs\"\ndesired_retention = 0.8\n");
    let out = env.cmd(&["cards", "--json"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("scheduler: fsrs (90 % retention) → fsrs (80 % retention): "));
    // The line goes to stderr: stdout is the JSON alone.
    let cards: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(cards[0]["interval"].as_u64().unwrap() > at_90);
    let checked = env.ok(&["check"]);
    assert!(
        checked.contains("log rows replayed under fsrs (80 % retention); 0 integrity"),
        "{checked}"
    );
    // A state that is not the FSRS replay is found.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "UPDATE card_state SET stability = stability + 1 WHERE stability IS NOT NULL",
        [],
    )
    .unwrap();
    drop(conn);
    let (_, err) = env.fails(&["check"]);
    assert!(err.contains("failed its check"), "{err}");
}

#[test]
fn due_counts_from_a_replay_after_a_switch_and_writes_nothing() {
    let mut env = TestEnv::new();
    env.compile_small();
    let ids = env.card_ids();
    env.ok(&["answer", &ids[0], "4"]);
    // Due tomorrow under SM-2, in two days under FSRS.
    env.now = day(1);
    assert_eq!(env.ok(&["due", "--count"]), "1\n");
    set_config(&env, FSRS);
    let bytes = env.bytes(&env.db());
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
    assert_eq!(env.bytes(&env.db()), bytes, "due wrote nothing");
    env.ok(&["check"]);
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
    env.now = day(2);
    assert_eq!(env.ok(&["due", "--count"]), "1\n");
}

#[test]
fn the_review_grades_on_1_to_4_and_shows_each_interval() {
    let env = fsrs_env();
    // Reveal, then 3 (good); next card: reveal, 1 (again); quit.
    let out = env.session(&["review", "--new", "2"], "\n3\n\n1\nq\n");
    assert!(
        out.contains("1 again today·1d · 2 hard today·1d · 3 good 2d · 4 easy 8d"),
        "{out}"
    );
    assert!(out.contains("[1–4] again · hard · good · easy"), "{out}");
    assert!(
        out.contains("saved good (4) · next 2026-11-27 (in 2 d)"),
        "{out}"
    );
    assert!(out.contains("saved again (1) · again later today"), "{out}");
    let log: Vec<u64> = env.card_ids()[..2]
        .iter()
        .map(|id| {
            env.json(&["show", id, "--json"])["history"][0]["quality"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(log, [4, 1], "good is logged as 4, again as 1");
    let first = &env.json(&["cards", "--json"])[0];
    assert_eq!(first["interval"], 2);
    env.ok(&["check"]);
}

#[test]
fn a_grade_by_name_is_taken_and_a_bad_one_refused() {
    let env = TestEnv::new();
    env.compile_small();
    let id = env.first_card_id();
    let answered = env.json(&["answer", &id, "Again", "--json"]);
    assert_eq!(answered["quality"], 1);
    let (code, err) = env.fails(&["answer", &id, "fine"]);
    assert_eq!(code, 2);
    assert!(err.contains("nor again, hard, good or easy"), "{err}");
}

#[test]
fn a_typed_answers_suggested_grade_is_logged_as_its_rating() {
    let typed_card = |env: &TestEnv| {
        let cards = env.json(&["cards", "--json"]);
        let card = cards
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["answer"] == "Copy")
            .unwrap()
            .clone();
        card["id"].as_str().unwrap().to_string()
    };
    let sm2 = TestEnv::new();
    sm2.compile_small();
    let id = typed_card(&sm2);
    // Close but wrong: SM-2 takes the suggested 2.
    let answered = sm2.json(&["answer", &id, "--typed", "Cpoy", "--json"]);
    assert_eq!(answered["quality"], 2);
    let fsrs = fsrs_env();
    let id = typed_card(&fsrs);
    // Under FSRS a suggested 2 is Again, logged as 1.
    let answered = fsrs.json(&["answer", &id, "--typed", "Cpoy", "--json"]);
    assert_eq!(answered["quality"], 1);
}
