//! `day_stats`, what `stats` reads of the log: kept in each write's
//! transaction, filled by its migration, compared with the log by `check`.

use super::log::answer;
use super::*;
use crate::history::Event;

fn retention(store: &Store) -> Vec<(i32, bool, u64, u64)> {
    store
        .reports()
        .retention(Day(0), Day(1_000))
        .unwrap()
        .into_iter()
        .map(|r| (r.day.0, r.mature, r.answers, r.passed))
        .collect()
}

fn undo(store: &mut Store, card: CardId, target: &LogEntry, day: i32) {
    store
        .record(card, Event::Undo { target: target.id }, 0, Day(day))
        .unwrap();
}

#[test]
fn undoing_an_earlier_answer_recounts_the_next_one_from_the_one_before() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    answer(&mut store, id, 4, AnswerMode::Review, 100); // introduction
    let middle = answer(&mut store, id, 4, AnswerMode::Review, 110).0; // young
    answer(&mut store, id, 2, AnswerMode::Review, 130); // young (20 days), failed
    assert_eq!(retention(&store), [(110, false, 1, 1), (130, false, 1, 0)]);
    // Without the middle answer the last one comes 30 days after the first.
    undo(&mut store, id, &middle, 130);
    assert_eq!(retention(&store), [(130, true, 1, 0)]);
    assert_eq!(store.reports().review_days().unwrap(), [Day(100), Day(130)]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn undoing_a_first_answer_makes_the_next_one_the_introduction() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    let first = answer(&mut store, id, 4, AnswerMode::Review, 100).0;
    answer(&mut store, id, 5, AnswerMode::Drill, 101);
    answer(&mut store, id, 4, AnswerMode::Review, 130);
    assert_eq!(retention(&store), [(130, true, 1, 1)]);
    undo(&mut store, id, &first, 130);
    assert_eq!(retention(&store), []);
    assert_eq!(store.reports().review_days().unwrap(), [Day(101), Day(130)]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn the_migration_fills_day_stats_from_an_older_collections_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    // Every migration before day_stats (009).
    let old = &schema::MIGRATIONS[..8];
    let mut store = Store::open_file(&path, OpenFlags::SQLITE_OPEN_CREATE, old).unwrap();
    // Today's sync writes `exact` (010): a column only while it runs.
    let add = "ALTER TABLE cards ADD COLUMN exact INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE card_state ADD COLUMN stability REAL;
        ALTER TABLE card_state ADD COLUMN difficulty REAL;";
    store.conn.execute_batch(add).unwrap();
    store.sync(&roadmap(), &cards(2), 1).unwrap();
    store
        .conn
        .execute_batch(&format!(
            "ALTER TABLE cards DROP COLUMN exact; {DROP_FSRS_MEMORY}"
        ))
        .unwrap();
    let [a, b] = [cards(2)[0].id, cards(2)[1].id];
    // What a schema-8 recall logged (it kept no day_stats): rows by raw SQL.
    let log = |card: CardId, day: i32, quality: u8, effect: &str| {
        store
            .conn
            .execute(
                "INSERT INTO review_log (card_id, at_ms, day, event, quality, effect) \
                 VALUES (?1, 0, ?2, 'answer', ?3, ?4)",
                rusqlite::params![card, day, quality, effect],
            )
            .unwrap();
        store.conn.last_insert_rowid()
    };
    log(a, 100, 4, "schedule");
    let undone = log(a, 110, 4, "schedule");
    log(a, 140, 3, "schedule");
    store
        .conn
        .execute(
            "INSERT INTO review_log (card_id, at_ms, day, event, target) VALUES (?1, 0, 140, 'undo', ?2)",
            rusqlite::params![a, undone],
        )
        .unwrap();
    log(b, 100, 4, "schedule");
    log(b, 105, 1, "schedule");
    log(b, 106, 4, "drill");
    drop(store);

    let store = Store::open_existing(&path).unwrap();
    assert_eq!(retention(&store), [(105, false, 1, 0), (140, true, 1, 1)]);
    assert_eq!(
        store.reports().review_days().unwrap(),
        [Day(100), Day(105), Day(106), Day(140)]
    );
    // (The raw rows left card_state alone: only the stats are compared here.)
    assert_eq!(store.check().unwrap().integrity, Vec::<String>::new());
}

#[test]
fn check_names_a_day_whose_stats_are_not_the_logs() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    answer(&mut store, id, 4, AnswerMode::Review, 100);
    answer(&mut store, id, 4, AnswerMode::Review, 110);
    assert!(store.check().unwrap().is_ok());
    store
        .conn
        .execute("UPDATE day_stats SET mature = 3 WHERE day = 110", [])
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(
        report.integrity,
        [
            "stats of day 110 (days since 1970; answers, reviews, scheduled, young, passed, \
             mature, passed) are [1 1 1 1 1 3 0] but the log says [1 1 1 1 1 0 0]"
        ]
    );
}
