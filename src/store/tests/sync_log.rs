//! Merging the logs of several devices: the result does not depend on the
//! order of the syncs (commutative, associative, idempotent), and every
//! card's state is the replay of its merged log.

use super::*;
use crate::history::{steps, Change, Event};
use crate::sched::{self, Sm2State};
use crate::store::sync_log::Incoming;
use proptest::prelude::*;

const DAY_MS: i64 = 86_400_000;

fn device(name: &str) -> Store {
    let mut store = store_with(3);
    store.set_meta("device_id", name).unwrap();
    store
}

/// Everything `from` logged itself, as another device reads it.
fn published(from: &Store) -> Vec<Incoming> {
    from.own_events(0)
        .unwrap()
        .into_iter()
        .map(|event| Incoming {
            source: format!("{}:{}", event.id.device, event.id.seq),
            event,
        })
        .collect()
}

fn pull(into: &mut Store, from: &Store) -> MergeReportView {
    let r = into.merge(published(from)).unwrap();
    MergeReportView {
        applied: r.applied,
        pending: r.pending,
    }
}

#[derive(Debug, PartialEq, Eq)]
struct MergeReportView {
    applied: u64,
    pending: u64,
}

fn states(store: &Store) -> Vec<(CardId, CardState)> {
    let mut all: Vec<_> = store
        .db()
        .all_records()
        .unwrap()
        .into_iter()
        .map(|r| (r.card.id, r.state))
        .collect();
    all.sort_by_key(|(id, _)| *id);
    all
}

/// The merged log as every device must see it: per card, the events by
/// global id in replay order.
fn global_log(store: &Store) -> Vec<(u64, String, u64)> {
    let mut rows: Vec<(u64, String, u64)> = store
        .conn
        .prepare(
            "SELECT r.card_id, o.device, o.seq FROM review_log r JOIN event_origin o ON o.log_id = r.id
             ORDER BY r.card_id, o.clock_ms, o.device, o.seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.dedup();
    rows
}

#[test]
fn two_devices_answering_the_same_card_the_same_day_both_count_in_time_order() {
    let (mut a, mut b) = (device("a"), device("b"));
    let card = CardId(0x1000_0000_0001);
    let day = 20_000;
    record_answer(
        &mut a,
        review_answer(card, 5, i64::from(day) * DAY_MS + 2_000, day),
    )
    .unwrap();
    record_answer(
        &mut b,
        review_answer(card, 1, i64::from(day) * DAY_MS + 1_000, day),
    )
    .unwrap();
    pull(&mut a, &b);
    pull(&mut b, &a);
    assert_eq!(states(&a), states(&b));
    assert_eq!(global_log(&a), global_log(&b));
    let log = a.log().card(card).unwrap();
    assert_eq!(log.len(), 2);
    // b's failed answer came first, a's perfect one second: both ran SM-2.
    let expected = sched::review(
        &sched::review(&Sm2State::default(), q(1), Day(day)),
        q(5),
        Day(day),
    );
    assert_eq!(a.cards().get(card).unwrap().unwrap().state.sm2, expected);
    assert!(a.check().unwrap().is_ok() && b.check().unwrap().is_ok());
}

#[test]
fn merging_twice_changes_nothing_and_an_undo_names_its_event_by_global_id() {
    let (mut a, mut b) = (device("a"), device("b"));
    let card = CardId(0x1000_0000_0002);
    let (answer, _) = record_answer(&mut a, review_answer(card, 4, 10 * DAY_MS, 10)).unwrap();
    a.undo(card, &[answer.id], false, 10 * DAY_MS + 5, Day(10))
        .unwrap();
    let events = a.own_events(0).unwrap();
    assert_eq!(events.len(), 2);
    assert!(
        matches!(&events[1].kind, crate::synclog::SyncKind::Undo { target } if target.to_string() == "a-1")
    );
    assert_eq!(
        pull(&mut b, &a),
        MergeReportView {
            applied: 2,
            pending: 0
        }
    );
    let before = states(&b);
    let again = b.merge(published(&a)).unwrap();
    assert_eq!((again.applied, again.already_seen), (0, 2));
    assert_eq!(states(&b), before);
    assert_eq!(
        b.cards().get(card).unwrap().unwrap().state,
        CardState::default()
    );
    assert!(b.check().unwrap().is_ok());
}

#[test]
fn an_event_for_a_missing_card_waits_and_applies_once_the_card_exists() {
    let mut a = store_with(3);
    a.set_meta("device_id", "a").unwrap();
    let mut b = store_with(1);
    b.set_meta("device_id", "b").unwrap();
    let card = CardId(0x1000_0000_0003);
    record_answer(&mut a, review_answer(card, 4, 10 * DAY_MS, 10)).unwrap();
    let first = b.merge(published(&a)).unwrap();
    assert_eq!((first.applied, first.pending), (0, 1));
    assert!(first.warnings[0].contains("waits"), "{:?}", first.warnings);
    assert_eq!(rows(&b, "review_log"), 0);
    b.sync(&roadmap(), &cards(3), 2_000).unwrap();
    let second = b.merge(published(&a)).unwrap();
    assert_eq!(
        (second.applied, second.from_pending, second.pending),
        (1, 1, 0)
    );
    assert_eq!(second.cards_changed, vec![card]);
    assert_eq!(states(&a), states(&b));
    assert!(b.check().unwrap().is_ok());
}

#[test]
fn a_local_answer_after_a_merge_of_future_events_still_equals_replay() {
    let (mut a, mut b) = (device("a"), device("b"));
    let card = CardId(0x1000_0000_0001);
    // b's clock is a day ahead of a's.
    record_answer(&mut b, review_answer(card, 4, 11 * DAY_MS, 10)).unwrap();
    pull(&mut a, &b);
    record_answer(&mut a, review_answer(card, 2, 10 * DAY_MS, 10)).unwrap();
    assert!(a.check().unwrap().is_ok());
    pull(&mut b, &a);
    assert_eq!(states(&a), states(&b));
}

/// What one device does in the property test.
#[derive(Debug, Clone)]
enum Op {
    Answer(u64, u8),
    UndoLast(u64),
    Change(u64, u8),
    /// An import event (Anki's state for the card) with this interval.
    Import(u64, u32),
    /// Pull the events of the other device (index offset 1 or 2).
    Pull(usize),
}

fn op() -> impl Strategy<Value = (usize, Op, i64)> {
    let op = prop_oneof![
        4 => (1u64..=3, 0u8..=5).prop_map(|(c, g)| Op::Answer(c, g)),
        1 => (1u64..=3).prop_map(Op::UndoLast),
        1 => (1u64..=3, 0u8..4).prop_map(|(c, k)| Op::Change(c, k)),
        1 => (1u64..=3, 1u32..30).prop_map(|(c, i)| Op::Import(c, i)),
        2 => (1usize..=2).prop_map(Op::Pull),
    ];
    // The clock step may go back (a device whose clock ran backwards).
    (0usize..3, op, -2i64..20)
}

fn run(dev: &mut [Store; 3], who: usize, op: &Op, at_ms: i64) {
    let day = Day(i32::try_from(at_ms.div_euclid(DAY_MS)).unwrap());
    match *op {
        Op::Answer(c, g) => {
            let card = CardId(0x1000_0000_0000 + c);
            record_answer(&mut dev[who], review_answer(card, g, at_ms, day.0)).unwrap();
        }
        Op::UndoLast(c) => {
            let card = CardId(0x1000_0000_0000 + c);
            let own = dev[who].device_id().unwrap();
            let log = dev[who].log().card(card).unwrap();
            let origins = dev[who].own_events(0).unwrap();
            let last = steps(&log).into_iter().rev().find(|s| {
                !s.undone && !matches!(s.entry.event, Event::Undo { .. } | Event::Import { .. })
            });
            // Only what this device logged itself, as the review's `u` does.
            if let Some(step) = last {
                let mine = origins
                    .iter()
                    .any(|e| e.id.device == own && e.at_ms == step.entry.at_ms && e.card == card);
                if mine {
                    let _ = dev[who].undo(card, &[step.entry.id], false, at_ms, day);
                }
            }
        }
        Op::Change(c, k) => {
            let card = CardId(0x1000_0000_0000 + c);
            let change = match k {
                0 => Change::Suspend,
                1 => Change::Unsuspend,
                2 => Change::Bury { until: day.plus(1) },
                _ => Change::Unbury,
            };
            dev[who].change(&[card], change, at_ms, day).unwrap();
        }
        Op::Import(c, interval) => {
            let card = CardId(0x1000_0000_0000 + c);
            let state = Sm2State {
                reps: 2,
                ef: crate::sched::Ef(230),
                interval,
                due: Some(day.plus(i32::try_from(interval).unwrap())),
                lapses: 1,
            };
            dev[who]
                .record(
                    card,
                    Event::Import {
                        state,
                        memory: None,
                    },
                    at_ms,
                    day,
                )
                .unwrap();
        }
        Op::Pull(offset) => {
            let from = (who + offset) % 3;
            let events = published(&dev[from]);
            dev[who].merge(events).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Three devices answer, undo, suspend, bury and import while syncing in a
    /// random order; once all have pulled from all, their states and logs
    /// are equal, each passes its check, and a fresh device that merges
    /// the three in any order gets the same.
    #[test]
    fn the_merged_state_does_not_depend_on_the_order_of_the_syncs(
        ops in prop::collection::vec(op(), 1..40),
        order in Just([0usize, 1, 2]).prop_shuffle(),
    ) {
        let mut dev = [device("a"), device("b"), device("c")];
        // Apart by a millisecond, so no two devices log at the same instant
        // and `UndoLast` tells its own rows by their time.
        let mut clock = [20_000 * DAY_MS, 20_000 * DAY_MS + 1, 20_000 * DAY_MS + 2];
        for (who, op, step) in &ops {
            clock[*who] += step * 3_600_000;
            run(&mut dev, *who, op, clock[*who]);
        }
        for who in 0..3 {
            for offset in 1..=2 {
                run(&mut dev, who, &Op::Pull(offset), 0);
            }
        }
        let mut fresh = device("d");
        for &i in &order {
            fresh.merge(published(&dev[i])).unwrap();
        }
        let again = fresh.merge(published(&dev[order[0]])).unwrap();
        prop_assert_eq!(again.applied, 0);
        for store in dev.iter().chain([&fresh]) {
            prop_assert!(store.check().unwrap().is_ok());
            prop_assert_eq!(states(store), states(&dev[0]));
            prop_assert_eq!(global_log(store), global_log(&dev[0]));
        }
    }
}

#[test]
fn a_schema_7_collection_gets_an_origin_for_every_row_in_log_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(2), 1).unwrap();
    let card = CardId(0x1000_0000_0001);
    for (i, at) in [30, 10, 20].into_iter().enumerate() {
        let day = 20_000 + i32::try_from(i).unwrap();
        record_answer(&mut store, review_answer(card, 4, at, day)).unwrap();
    }
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(DROP_NEW_CARDS).unwrap();
    conn.execute_batch(DROP_FSRS_MEMORY).unwrap();
    conn.execute_batch(
        "DROP TRIGGER review_log_origin; DROP TABLE event_origin; DROP TABLE sync_incoming;
         DROP TABLE sync_pending; DELETE FROM meta WHERE key = 'device_id';
         DROP INDEX review_log_study_by_day; DROP TABLE day_stats;
         ALTER TABLE cards DROP COLUMN exact; PRAGMA user_version = 7;",
    )
    .unwrap();
    drop(conn);
    let store = Store::open_existing(&path).unwrap();
    let events = store.own_events(0).unwrap();
    let seqs: Vec<(u64, i64)> = events.iter().map(|e| (e.id.seq, e.clock_ms)).collect();
    // The clock never goes back, so the replay order stays the log order.
    assert_eq!(seqs, [(1, 30), (2, 30), (3, 30)]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn an_imported_fsrs_memory_reaches_the_other_device() {
    let mut a = device("a");
    let mut b = device("b");
    let card = CardId(0x1000_0000_0002);
    let memory = Some(sched::fsrs::Memory {
        stability: 12.5,
        difficulty: 6.75,
    });
    let state = Sm2State {
        reps: 3,
        ef: sched::Ef(sched::INITIAL_EF),
        interval: 12,
        due: Some(Day(40)),
        lapses: 0,
    };
    a.write("test", |db| {
        db.add_log(
            card,
            Event::Import { state, memory },
            5 * DAY_MS,
            Day(5),
            None,
            None,
        )
    })
    .unwrap();
    assert_eq!(pull(&mut b, &a).applied, 1);
    let log = b.log().card(card).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].event, Event::Import { state, memory });
    assert_eq!(rows(&b, "import_memory"), 1);
}
