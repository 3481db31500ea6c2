//! Backups (manual, before a migration, kept N) and repair.

use super::*;
use crate::history::Event;
use rusqlite::OpenFlags;
use std::fs;

/// A collection file with `n` cards and one answer on card 1.
fn collection(dir: &Path, n: u64) -> (PathBuf, Store) {
    let path = dir.join("collection.sqlite");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(n), 1).unwrap();
    record_answer(
        &mut store,
        NewAnswer {
            card: card(1, "phase-0").id,
            quality: q(4),
            mode: AnswerMode::Review,
            at_ms: 2,
            day: Day(10),
            elapsed_ms: None,
            typed: None,
        },
    )
    .unwrap();
    (path, store)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_is_a_whole_collection_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = collection(dir.path(), 3);
    let dest = dir.path().join("copy.sqlite");
    store.backup_to(&dest).unwrap();
    let copy = Store::open_existing(&dest).unwrap();
    assert_eq!(copy.cards().count().unwrap(), 3);
    assert!(copy.check().unwrap().is_ok());
    assert_eq!(rows(&copy, "review_log"), 1);
    let before = fs::read(&dest).unwrap();
    let err = store.backup_to(&dest).unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    assert_eq!(fs::read(&dest).unwrap(), before);
    assert!(!names(dir.path()).iter().any(|n| n.ends_with(".partial")));
}

#[test]
fn automatic_backups_keep_the_newest_few_and_every_manual_one() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = collection(dir.path(), 2);
    store.auto_backup(BackupReason::Manual).unwrap();
    for _ in 0..KEEP_BACKUPS + 2 {
        store.auto_backup(BackupReason::Repair).unwrap();
    }
    let last = store.auto_backup(BackupReason::Import).unwrap().unwrap();
    assert_eq!(
        last.file_name().unwrap(),
        "collection.0009.before-import.sqlite"
    );
    assert_eq!(
        names(&backup_dir(&path)),
        [
            "collection.0001.manual.sqlite",
            "collection.0005.before-repair.sqlite",
            "collection.0006.before-repair.sqlite",
            "collection.0007.before-repair.sqlite",
            "collection.0008.before-repair.sqlite",
            "collection.0009.before-import.sqlite",
        ]
    );
}

#[test]
fn an_in_memory_collection_has_no_automatic_backup() {
    let store = store_with(1);
    assert_eq!(store.auto_backup(BackupReason::Repair).unwrap(), None);
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = collection(dir.path(), 2);
    drop(store);
    const NEXT: &str = "CREATE TABLE added_later (x INTEGER) STRICT;";
    let steps: Vec<&'static str> = schema::MIGRATIONS.iter().copied().chain([NEXT]).collect();
    let migrated = Store::open_file(&path, OpenFlags::empty(), &steps).unwrap();
    assert_eq!(rows(&migrated, "added_later"), 0);
    let backups = names(&backup_dir(&path));
    assert_eq!(backups, ["collection.0001.before-migration.sqlite"]);
    let old = backup_dir(&path).join(&backups[0]);
    let conn = rusqlite::Connection::open(&old).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // Opening at the latest version again migrates nothing and backs nothing up.
    drop(migrated);
    Store::open_file(&path, OpenFlags::empty(), &steps).unwrap();
    assert_eq!(names(&backup_dir(&path)).len(), 1);
}

#[test]
fn a_new_collection_is_not_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("collection.sqlite");
    Store::open(&path).unwrap();
    assert!(!backup_dir(&path).exists());
}

#[test]
fn repair_rebuilds_disagreeing_and_missing_states_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = collection(dir.path(), 3);
    let one = card(1, "phase-0").id;
    let two = card(2, "phase-1").id;
    store.record(two, Event::Suspend, 3, Day(10)).unwrap();
    store
        .conn
        .execute_batch(&format!(
            "UPDATE card_state SET reps = 9, ef = 130 WHERE card_id = {};
             DELETE FROM card_state WHERE card_id = {};",
            one.0, two.0
        ))
        .unwrap();
    assert!(!store.check().unwrap().is_ok());
    let log_before = rows(&store, "review_log");

    let report = store.repair().unwrap();
    assert_eq!(report.rewritten.len(), 1);
    assert_eq!(report.rewritten[0].card, one);
    assert_eq!(report.restored, [two]);
    let backup = report.backup.unwrap();
    assert!(backup.starts_with(backup_dir(&path)));
    assert!(store.check().unwrap().is_ok());
    assert!(store.cards().get(two).unwrap().unwrap().state.suspended);
    assert_eq!(rows(&store, "review_log"), log_before);
    // The backup holds the collection as it was, damage included.
    let old = Store::open_existing(&backup).unwrap();
    assert!(!old.check().unwrap().is_ok());

    let again = store.repair().unwrap();
    assert_eq!(again, RepairReport::default());
}
