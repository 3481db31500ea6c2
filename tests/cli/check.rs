use crate::env::TestEnv;

#[test]
fn check_passes_on_a_fresh_and_a_used_collection() {
    let env = TestEnv::new();
    env.compile_small();
    assert!(env.ok(&["check"]).starts_with("ok:"));
    let id = env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["answer", &id, "1"]);
    env.ok(&["answer", &id, "4"]);
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn check_fails_when_stored_state_disagrees_with_the_log() {
    let env = TestEnv::new();
    env.compile_small();
    let id = env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["answer", &id, "4"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("UPDATE card_state SET reps = reps + 5", [])
        .unwrap();
    drop(conn);
    let out = env.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("FAILED"), "{stdout}");
    assert!(stdout.contains(&id), "{stdout}");
}
