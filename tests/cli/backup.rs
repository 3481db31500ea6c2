//! `recall backup` and `recall check --repair`.

use crate::env::TestEnv;
use std::fs;

fn answered() -> (TestEnv, String) {
    let env = TestEnv::new();
    env.compile_small();
    let id = env.first_card_id();
    env.ok(&["answer", &id, "4"]);
    (env, id)
}

fn backups(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(env.path("backups"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn backup_writes_a_whole_collection_beside_it_or_where_told() {
    let (env, _) = answered();
    let out = env.ok(&["backup"]);
    let tmp = env.dir.path().to_str().unwrap();
    insta::assert_snapshot!(out.replace(tmp, "[TMP]"), @"backed up [TMP]/collection.sqlite (7 cards) to [TMP]/backups/collection.0001.manual.sqlite
");
    let copy = env.path("copy.sqlite");
    env.ok(&["backup", "-o", copy.to_str().unwrap()]);
    for file in [
        env.path("backups/collection.0001.manual.sqlite"),
        copy.clone(),
    ] {
        let out = env
            .cmd(&["check"])
            .args(["--db", file.to_str().unwrap()])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with("ok: 7 cards, 1 log rows"), "{stdout}");
    }
    let before = env.bytes(&copy);
    let (code, err) = env.fails(&["backup", "-o", copy.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("copy.sqlite already exists"), "{err}");
    assert_eq!(env.bytes(&copy), before);
}

#[test]
fn repair_rebuilds_state_from_the_log_after_a_backup() {
    let (env, id) = answered();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("UPDATE card_state SET reps = 7, ef = 131", [])
        .unwrap();
    drop(conn);
    assert!(!env.cmd(&["check"]).output().unwrap().status.success());

    let out = env.ok(&["check", "--repair"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "backup: {}",
            env.path("backups/collection.0001.before-repair.sqlite")
                .display()
        )
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("repaired card "))
            .count(),
        7
    );
    assert!(out.contains(&format!("repaired card {id}: ")), "{out}");
    assert!(
        lines.last().unwrap().starts_with("ok: 7 cards, 1 log rows"),
        "{out}"
    );
    assert!(env.ok(&["check"]).starts_with("ok:"));
    assert_eq!(env.json(&["cards", "--json"])[0]["reps"], 1);

    // Nothing left to repair: no second backup.
    let again = env.ok(&["check", "--repair"]);
    assert!(again.starts_with("nothing to repair"), "{again}");
    assert_eq!(backups(&env), ["collection.0001.before-repair.sqlite"]);
}

#[test]
fn repair_of_a_healthy_collection_writes_nothing() {
    let (env, _) = answered();
    let before = env.bytes(&env.db());
    env.ok(&["check", "--repair"]);
    assert_eq!(env.bytes(&env.db()), before);
    assert!(backups(&env).is_empty());
}

#[test]
fn an_older_collection_is_backed_up_before_it_is_migrated() {
    let env = TestEnv::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(include_str!("../../src/store/sql/migrations/001_init.sql"))
        .unwrap();
    conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    drop(conn);
    let version_one = env.bytes(&env.db());

    env.ok(&["stats"]);
    assert_eq!(backups(&env), ["collection.0001.before-migration.sqlite"]);
    let backup = env.path("backups/collection.0001.before-migration.sqlite");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    assert_ne!(
        env.bytes(&env.db()),
        version_one,
        "the collection was migrated"
    );
    // Up to date now: opening it again backs nothing up.
    env.ok(&["stats"]);
    assert_eq!(backups(&env).len(), 1);
}

#[test]
fn import_into_a_used_collection_backs_it_up_first() {
    let (env, _) = answered();
    let tsv = env.ok(&["export", "--format", "tsv"]);
    let file = env.write("cards.tsv", &tsv);
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert!(out.starts_with("nothing changed"), "{out}");
    let names = backups(&env);
    assert!(
        names.iter().any(|n| n.ends_with(".before-import.sqlite")),
        "{names:?}"
    );
}

/// The collection's media folder, as an Anki import leaves it.
fn with_media(env: &TestEnv) {
    env.write("collection.media/cat.png", "a cat");
    env.write("collection.media/dog.ogg", "a dog");
}

fn media_of(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let text = fs::read_to_string(e.path()).unwrap();
            (e.file_name().into_string().unwrap(), text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_backup_carries_the_media_folder_beside_it() {
    let (env, _) = answered();
    with_media(&env);
    let want = media_of(&env.path("collection.media"));
    let out = env.ok(&["backup"]);
    assert!(out.contains("its 2 media files in"), "{out}");
    assert_eq!(
        media_of(&env.path("backups/collection.0001.manual.media")),
        want
    );
    let copy = env.path("copy.sqlite");
    env.ok(&["backup", "-o", copy.to_str().unwrap()]);
    assert_eq!(media_of(&env.path("copy.media")), want);
    // Restoring is copying both back: the media folder of the copy is its own.
    env.write("collection.media/cat.png", "another cat");
    assert_eq!(media_of(&env.path("copy.media")), want);
}

#[test]
fn a_backup_whose_media_folder_is_taken_or_that_fails_leaves_nothing() {
    let (env, _) = answered();
    with_media(&env);
    let copy = env.path("copy.sqlite");
    fs::create_dir(env.path("copy.media")).unwrap();
    let (code, err) = env.fails(&["backup", "-o", copy.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("copy.media already exists"), "{err}");
    assert!(!copy.exists());
    fs::remove_dir(env.path("copy.media")).unwrap();

    // The collection copy fails (a file-size limit: the media are smaller)
    // after the media were copied.
    let mut cmd = crate::env::recall_process(
        &env.db(),
        &env.now,
        &["backup", "-o", copy.to_str().unwrap()],
    );
    crate::env::limit_file_size(&mut cmd, 40_000);
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("copy.sqlite: disk I/O error"), "{err}");
    let mut left: Vec<String> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("copy"))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new());
}
