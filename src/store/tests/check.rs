use super::*;
use crate::history::{replay, Event};
use proptest::prelude::*;

#[test]
fn check_passes_on_a_consistent_collection() {
    let mut store = store_with(3);
    let id = cards(1)[0].id;
    record_answer(&mut store, review_answer(id, 4, 1, 10)).unwrap();
    store
        .record(cards(2)[1].id, Event::Suspend, 2, Day(10))
        .unwrap();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.cards_checked, 3);
    assert_eq!(report.log_rows, 2);
}

#[test]
fn check_finds_a_tampered_state() {
    let mut store = store_with(2);
    let id = cards(1)[0].id;
    let (_, state) = record_answer(&mut store, review_answer(id, 4, 1, 10)).unwrap();
    store
        .conn
        .execute(
            "UPDATE card_state SET interval = 99, due = 109 WHERE card_id = ?1",
            [id],
        )
        .unwrap();
    let report = store.check().unwrap();
    assert!(report.integrity.is_empty(), "{report:?}");
    assert_eq!(report.mismatches.len(), 1);
    let m = &report.mismatches[0];
    assert_eq!(m.card, id);
    assert_eq!(m.replayed, state);
    assert_eq!(m.stored.sm2.interval, 99);
}

#[test]
fn check_reports_foreign_key_violations() {
    let store = store_with(1);
    store
        .conn
        .pragma_update(None, "foreign_keys", "OFF")
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO card_state VALUES (12345, 0, 250, 0, NULL, 0, 0, NULL, NULL, NULL, NULL)",
            [],
        )
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.integrity.len(), 1, "{report:?}");
    assert!(report.integrity[0].contains("card_state"), "{report:?}");
}

#[derive(Debug, Clone)]
pub(super) enum Op {
    Answer {
        card: usize,
        quality: u8,
        drill: bool,
        gap: i32,
    },
    Undo {
        card: Option<usize>,
    },
    Suspend(usize),
    Unsuspend(usize),
    Bury {
        card: usize,
        days: i32,
    },
}

pub(super) const CARDS: usize = 3;

pub(super) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..CARDS, 0u8..=5, any::<bool>(), 0i32..4)
            .prop_map(|(card, quality, drill, gap)| Op::Answer { card, quality, drill, gap }),
        3 => prop::option::of(0..CARDS).prop_map(|card| Op::Undo { card }),
        1 => (0..CARDS).prop_map(Op::Suspend),
        1 => (0..CARDS).prop_map(Op::Unsuspend),
        1 => (0..CARDS, 1i32..3).prop_map(|(card, days)| Op::Bury { card, days }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is recorded, the stored state stays a replay of the log.
    #[test]
    fn random_events_keep_stored_state_equal_to_replay(ops in prop::collection::vec(op(), 1..60)) {
        let mut store = store_with(CARDS as u64);
        let ids = play(&mut store, ops);
        let report = store.check().unwrap();
        prop_assert!(report.is_ok(), "{:?}", report);
        for id in ids {
            let stored = store.cards().get(id).unwrap().unwrap().state;
            prop_assert_eq!(stored, replay(&store.log().card(id).unwrap()));
        }
    }
}

/// Records `ops` on the first [`CARDS`] cards of `store`; their ids.
pub(super) fn play(store: &mut Store, ops: Vec<Op>) -> Vec<CardId> {
    let ids: Vec<CardId> = cards(CARDS as u64).iter().map(|c| c.id).collect();
    let mut day = 100;
    let mut at = 0i64;
    // Answers not undone yet, oldest first: what an undo may target.
    let mut undoable: Vec<crate::history::LogEntry> = Vec::new();
    for op in ops {
        at += 1;
        match op {
            Op::Answer {
                card,
                quality,
                drill,
                gap,
            } => {
                day += gap;
                let mode = if drill {
                    AnswerMode::Drill
                } else {
                    AnswerMode::Review
                };
                let (entry, _) = record_answer(
                    store,
                    NewAnswer {
                        card: ids[card],
                        quality: q(quality),
                        mode,
                        at_ms: at,
                        day: Day(day),
                        elapsed_ms: None,
                        typed: None,
                    },
                )
                .unwrap();
                undoable.push(entry);
            }
            Op::Undo { card } => {
                let newest = undoable
                    .iter()
                    .rposition(|e| card.is_none_or(|c| e.card == ids[c]));
                if let Some(last) = newest.map(|i| undoable.remove(i)) {
                    store
                        .record(last.card, Event::Undo { target: last.id }, at, Day(day))
                        .unwrap();
                }
            }
            Op::Suspend(card) => {
                store
                    .record(ids[card], Event::Suspend, at, Day(day))
                    .unwrap();
            }
            Op::Unsuspend(card) => {
                store
                    .record(ids[card], Event::Unsuspend, at, Day(day))
                    .unwrap();
            }
            Op::Bury { card, days } => {
                store
                    .record(
                        ids[card],
                        Event::Bury {
                            until: Day(day + days),
                        },
                        at,
                        Day(day),
                    )
                    .unwrap();
            }
        }
    }
    ids
}
