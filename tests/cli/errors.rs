//! Bad input gets a clear message, a non-zero exit, and writes nothing.

use crate::env::TestEnv;

fn compiled() -> TestEnv {
    let env = TestEnv::new();
    env.compile_small();
    env
}

#[test]
fn unknown_card_is_refused() {
    let env = compiled();
    let before = env.bytes(&env.db());
    let (code, err) = env.fails(&["answer", "abcdef012345", "4"]);
    assert_eq!(code, 1.max(code));
    assert!(err.contains("abcdef012345"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn grade_outside_zero_to_five_is_refused() {
    let env = compiled();
    let id = env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = env.bytes(&env.db());
    for bad in ["6", "-1", "x", "4.5"] {
        let (code, err) = env.fails(&["answer", &id, bad]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("0 to 5"), "{err}");
    }
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn unparsable_now_is_refused() {
    let mut env = compiled();
    env.now = "yesterday".into();
    let (code, err) = env.fails(&["next"]);
    assert_eq!(code, 2);
    assert!(err.contains("--now \"yesterday\""), "{err}");
    assert!(err.contains("hint: write it like"), "{err}");
}

#[test]
fn a_file_that_is_not_a_collection_is_left_alone() {
    let env = TestEnv::new();
    std::fs::write(
        env.db(),
        b"these are not the bytes of a SQLite database, not at all......",
    )
    .unwrap();
    let before = env.bytes(&env.db());
    let (_, err) = env.fails(&["compile"]);
    assert!(
        err.contains("not a recall collection") || err.contains("not a database"),
        "{err}"
    );
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn another_programs_database_is_left_alone() {
    let env = TestEnv::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('keep me');").unwrap();
    drop(conn);
    let before = env.bytes(&env.db());
    let (_, err) = env.fails(&["review"]);
    assert!(err.contains("not a recall collection"), "{err}");
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn a_collection_from_a_newer_recall_is_refused_untouched() {
    let env = compiled();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("PRAGMA user_version = 999;").unwrap();
    drop(conn);
    let before = env.bytes(&env.db());
    let (_, err) = env.fails(&["next"]);
    assert!(err.contains("newer"), "{err}");
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn commands_that_read_need_an_existing_collection() {
    let env = TestEnv::new();
    let (_, err) = env.fails(&["next", "--json"]);
    assert!(
        err.contains("recall compile") || err.contains("recall review"),
        "{err}"
    );
    assert!(!env.db().exists());
}

#[test]
fn a_roadmap_that_does_not_parse_points_at_the_line() {
    let env = TestEnv::new();
    let roadmap = env.write("bad-roadmap.md", "# Nothing numbered here\n\nJust prose.\n");
    let (_, err) = env.fails(&["compile", "--roadmap", roadmap.to_str().unwrap()]);
    assert!(err.contains("bad-roadmap.md:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!env.db().exists());
}

#[test]
fn a_deck_that_is_not_utf8_points_at_the_byte() {
    let env = TestEnv::new();
    let (roadmap, decks) = env.small_course();
    let mut bytes = b"# Stage 1 \xe2\x80\x94 Basics\n\n## 1 Ownership\n\nQ: caf".to_vec();
    bytes.extend_from_slice(b"\xff\n");
    std::fs::write(decks.join("bad.md"), bytes).unwrap();
    let (_, err) = env.fails(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    assert!(
        err.contains("bad.md:5:7: the file is not valid UTF-8"),
        "{err}"
    );
}
