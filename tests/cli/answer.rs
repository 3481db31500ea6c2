use crate::env::TestEnv;

fn first_id(env: &TestEnv) -> String {
    env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn answering_q3_five_times_on_due_days_follows_sm2() {
    let mut env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let mut intervals = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    for _ in 0..5 {
        env.now = format!("{day}T09:00:00+01:00");
        let state = env.json(&["answer", &id, "3", "--json"]);
        assert_eq!(state["effect"], "schedule");
        let interval = state["interval"].as_u64().unwrap();
        intervals.push(interval);
        day += chrono::Duration::days(interval as i64);
        assert_eq!(state["due"], day.to_string());
    }
    assert_eq!(intervals, [1, 6, 13, 27, 52]);
    let card = &env.json(&["cards", "--json"])[0];
    assert_eq!(card["ef"], 1.8);
    env.ok(&["check"]);
}

#[test]
fn a_second_answer_the_same_day_is_a_repeat_that_keeps_the_schedule() {
    let env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let first = env.json(&["answer", &id, "2", "--json"]);
    let again = env.json(&["answer", &id, "5", "--json"]);
    assert_eq!(again["effect"], "repeat");
    assert_eq!(again["ef"], first["ef"]);
    assert_eq!(again["due"], first["due"]);
}

#[test]
fn a_unique_prefix_names_a_card() {
    let env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let out = env.ok(&["answer", &id[..6], "4"]);
    assert!(out.starts_with(&id), "{out}");
}
