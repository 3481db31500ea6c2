//! The stats aggregates on small known histories, the read-only open, and
//! the upgrade of a schema-2 collection to milestones.

use super::log::answer;
use super::*;
use crate::history::Event;
use crate::roadmap::Milestone;

use std::fs;

fn milestone(id: &str, text: &str) -> Milestone {
    Milestone {
        id: id.into(),
        label: "Milestone".into(),
        text: text.into(),
        line: 1,
    }
}

fn roadmap_with_milestones() -> Roadmap {
    let mut r = roadmap();
    r.sections[0].milestones.push(milestone("M0", "set up"));
    r.sections[1].milestones.push(milestone("M1", "a CLI"));
    r
}

#[test]
fn sync_keeps_milestones_and_replaces_them_when_they_change() {
    let mut store = Store::open_in_memory().unwrap();
    let mut r = roadmap_with_milestones();
    store.sync(&r, &cards(4), 1).unwrap();
    let m = store.cards().milestones().unwrap();
    let ids: Vec<(&str, &str)> = m
        .iter()
        .map(|m| (m.id.as_str(), m.section.as_str()))
        .collect();
    assert_eq!(ids, [("M0", "phase-0"), ("M1", "phase-1")]);
    r.sections[1].milestones[0].text = "a better CLI".into();
    store.sync(&r, &cards(4), 2).unwrap();
    assert_eq!(store.cards().milestones().unwrap()[1].text, "a better CLI");
    r.sections[1].milestones.clear();
    store.sync(&r, &cards(4), 3).unwrap();
    assert_eq!(store.cards().milestones().unwrap().len(), 1);
}

#[test]
fn a_schema_2_collection_upgrades_and_gets_its_milestones_on_the_next_compile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(4), 1).unwrap();
    let id = cards(4)[0].id;
    answer(&mut store, id, 4, AnswerMode::Review, 10);
    drop(store);
    // Make it the file a schema-2 recall wrote: no milestones or card_keys table, version 2.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(DROP_NEW_CARDS).unwrap();
    conn.execute_batch(DROP_FSRS_MEMORY).unwrap();
    conn.execute_batch(
        "DROP TABLE milestones; DROP TABLE card_keys; DROP TABLE day_stats; ALTER TABLE cards DROP COLUMN exact; PRAGMA user_version = 2;",
    )
        .unwrap();
    drop(conn);

    let mut store = Store::open_existing(&path).unwrap();
    assert_eq!(rows(&store, "milestones"), 0);
    assert_eq!(store.log().card(id).unwrap().len(), 1, "the log survives");
    let report = store
        .sync(&roadmap_with_milestones(), &cards(4), 2)
        .unwrap();
    assert_eq!(report.unchanged, 4);
    assert_eq!(store.cards().milestones().unwrap().len(), 2);
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn read_only_open_counts_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(6), 1).unwrap();
    let ids: Vec<CardId> = cards(6).iter().map(|c| c.id).collect();
    for id in &ids[..4] {
        answer(&mut store, *id, 4, AnswerMode::Review, 10);
    }
    store
        .record(ids[3], Event::Bury { until: Day(13) }, 11_000, Day(11))
        .unwrap();
    let due_today = store.cards().counts(Day(11)).unwrap().due_today;
    drop(store);
    let before = fs::read(&path).unwrap();

    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.reports().due_count(Day(11)).unwrap(), due_today);
    assert_eq!(due_today, 3, "one of the four due cards is buried");
    assert_eq!(ro.reports().due_count(Day(13)).unwrap(), 4);
    assert_eq!(ro.reports().due_count(Day(10)).unwrap(), 0);
    drop(ro);
    assert_eq!(fs::read(&path).unwrap(), before);

    let missing = Store::open_read_only(&dir.path().join("none.db"))
        .err()
        .unwrap();
    assert!(
        matches!(missing, StoreError::NoCollection { .. }),
        "{missing}"
    );
    fs::write(dir.path().join("empty.db"), b"").unwrap();
    let empty = Store::open_read_only(&dir.path().join("empty.db"))
        .err()
        .unwrap();
    assert!(matches!(empty, StoreError::EmptyFile { .. }), "{empty}");
}

#[test]
fn study_days_count_drills_and_answers_per_day_skip_them_and_undone_answers() {
    let mut store = store_with(3);
    let ids: Vec<CardId> = cards(3).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 4, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 2, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 4, AnswerMode::Review, 10); // a same-day repeat
    let undone = answer(&mut store, ids[2], 4, AnswerMode::Review, 12);
    store
        .record(
            ids[2],
            Event::Undo {
                target: undone.0.id,
            },
            12_500,
            Day(12),
        )
        .unwrap();
    answer(&mut store, ids[0], 5, AnswerMode::Drill, 13);
    answer(&mut store, ids[0], 5, AnswerMode::Review, 14);

    assert_eq!(
        store.reports().review_days().unwrap(),
        [Day(10), Day(13), Day(14)]
    );
    assert_eq!(
        store.reports().answers_by_day(Day(0), Day(20)).unwrap(),
        [
            DayCount {
                day: Day(10),
                count: 3
            },
            DayCount {
                day: Day(14),
                count: 1
            }
        ]
    );
    assert_eq!(
        store
            .reports()
            .answers_by_day(Day(11), Day(20))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn retention_splits_reviews_by_the_days_since_the_previous_one() {
    let mut store = store_with(2);
    let [a, b] = [cards(2)[0].id, cards(2)[1].id];
    answer(&mut store, a, 4, AnswerMode::Review, 100); // introduction: not counted
    answer(&mut store, a, 2, AnswerMode::Review, 101); // young, failed
    answer(&mut store, a, 2, AnswerMode::Review, 101); // repeat: not counted
    answer(&mut store, a, 4, AnswerMode::Review, 102); // young, passed
    answer(&mut store, b, 5, AnswerMode::Review, 100);
    // b is due on 101; answering it 30 days late makes a mature review.
    answer(&mut store, b, 3, AnswerMode::Review, 131);
    let rows = store.reports().retention(Day(0), Day(200)).unwrap();
    let row = |day, mature, answers, passed| RetentionRow {
        day: Day(day),
        mature,
        answers,
        passed,
    };
    assert_eq!(
        rows,
        [
            row(101, false, 1, 0),
            row(102, false, 1, 1),
            row(131, true, 1, 1)
        ]
    );
    assert_eq!(
        store.reports().retention(Day(102), Day(130)).unwrap().len(),
        1
    );
}

#[test]
fn forecast_puts_overdue_cards_on_today_and_buried_ones_on_their_day() {
    let mut store = store_with(4);
    let ids: Vec<CardId> = cards(4).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 4, AnswerMode::Review, 10); // due 11
    answer(&mut store, ids[1], 4, AnswerMode::Review, 12); // due 13
    answer(&mut store, ids[2], 4, AnswerMode::Review, 14); // due 15
    store
        .record(ids[1], Event::Bury { until: Day(16) }, 14_000, Day(14))
        .unwrap();
    answer(&mut store, ids[3], 4, AnswerMode::Review, 14); // due 15
    store
        .record(ids[3], Event::Suspend, 14_000, Day(14))
        .unwrap();
    let f = store.reports().due_by_day(Day(14), Day(44)).unwrap();
    assert_eq!(
        f,
        [
            DayCount {
                day: Day(14),
                count: 1
            },
            DayCount {
                day: Day(15),
                count: 1
            },
            DayCount {
                day: Day(16),
                count: 1
            },
        ]
    );
    // `until` bounds the due day; a card buried past it shows on its own day.
    let days: Vec<Day> = store
        .reports()
        .due_by_day(Day(14), Day(15))
        .unwrap()
        .iter()
        .map(|d| d.day)
        .collect();
    assert_eq!(days, [Day(14), Day(16)]);
}

#[test]
fn progress_counts_cards_by_stage_per_section_and_topic() {
    let mut store = store_with(5); // phase-0: 1, 3, 5; phase-1: 2, 4
    let ids: Vec<CardId> = cards(5).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 4, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 4, AnswerMode::Review, 10);
    store
        .record(ids[2], Event::Suspend, 10_000, Day(10))
        .unwrap();
    let s = store.reports().section_progress().unwrap();
    let by_id: Vec<(&str, Stages)> = s.iter().map(|s| (s.id.as_str(), s.stages)).collect();
    let st = |new, learning, suspended| Stages {
        new,
        learning,
        mature: 0,
        suspended,
    };
    assert_eq!(
        by_id,
        [
            ("phase-0", st(2, 1, 1)),
            ("phase-1", st(1, 1, 0)),
            ("track-a", st(0, 0, 0))
        ]
    );
    assert_eq!(
        store.reports().topic_stages("phase-0").unwrap(),
        [("phase-0/1".to_string(), st(2, 1, 1))]
    );
}

#[test]
fn ef_intervals_and_leeches_count_scheduled_active_cards() {
    let mut store = store_with(3);
    let ids: Vec<CardId> = cards(3).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 5, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 3, AnswerMode::Review, 10);
    let (ef, intervals) = store.reports().ef_and_interval_counts().unwrap();
    let pairs = |v: Vec<ValueCount>| -> Vec<(u32, u64)> {
        v.into_iter().map(|v| (v.value, v.cards)).collect()
    };
    assert_eq!(pairs(ef), [(236, 1), (260, 1)]);
    assert_eq!(pairs(intervals), [(1, 2)]);
    // Lapse card 0 twice: succeed, then fail, on the days it is due.
    let mut day = 11;
    for _ in 0..2 {
        answer(&mut store, ids[0], 1, AnswerMode::Review, day);
        answer(&mut store, ids[0], 4, AnswerMode::Review, day + 1);
        day += 3;
    }
    let (count, leeches) = store.reports().leeches(2, 5).unwrap();
    assert_eq!(count, 1);
    assert_eq!((leeches[0].id, leeches[0].lapses), (ids[0], 2));
    assert_eq!(store.reports().leeches(3, 5).unwrap().0, 0);
}

#[test]
fn count_due_is_the_length_of_get_due_with_retired_suspended_and_buried_cards() {
    let mut store = store_with(6);
    let ids: Vec<CardId> = cards(6).iter().map(|c| c.id).collect();
    for id in &ids {
        answer(&mut store, *id, 4, AnswerMode::Review, 10);
    }
    store
        .record(ids[1], Event::Suspend, 10_500, Day(10))
        .unwrap();
    store
        .record(ids[2], Event::Bury { until: Day(12) }, 10_500, Day(10))
        .unwrap();
    store.sync(&roadmap(), &cards(6)[..5], 2).unwrap(); // retires the sixth
    for day in [10, 11, 12] {
        assert_eq!(
            store.reports().due_count(Day(day)).unwrap(),
            store.cards().due(Day(day), None).unwrap().len() as u64,
            "day {day}"
        );
    }
    assert_eq!(store.reports().due_count(Day(11)).unwrap(), 3);
}
