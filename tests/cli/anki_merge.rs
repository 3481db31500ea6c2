//! Importing a package whose cards recall already has merges: answers recall
//! exported come back (under revlog ids moved apart) and are not doubled.

use crate::env::TestEnv;

fn answers(env: &TestEnv) -> i64 {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM review_log WHERE event = 'answer'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn answers_of_one_millisecond_come_back_from_a_package_once() {
    let env = TestEnv::new();
    env.compile_small();
    let ids = env.card_ids();
    // Three answers at the same pinned millisecond: the package moves them
    // a millisecond apart, as revlog ids must be unique.
    for id in &ids[..3] {
        env.ok(&["answer", id, "4"]);
    }
    let apkg = env.path("mine.apkg").display().to_string();
    env.ok(&[
        "export",
        "--format",
        "apkg",
        "--with-scheduling",
        "-o",
        &apkg,
    ]);
    let before = answers(&env);
    let summary = env.json(&["import", "--json", &apkg]);
    assert_eq!(summary["report"]["answers_merged"], 0, "{summary}");
    assert_eq!(
        summary["report"]["tags_added"], 0,
        "a topic is not a tag: {summary}"
    );
    assert_eq!(answers(&env), before);
    let again = env.ok(&["import", &apkg]);
    assert!(again.starts_with("nothing changed"), "{again}");
    env.ok(&["check"]);
}
