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
