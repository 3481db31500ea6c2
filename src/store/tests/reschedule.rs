use super::*;
use crate::history::{replay_with, Event, Scheduler};
use crate::sched::fsrs::{Fsrs, Memory};
use crate::store::reschedule::{describe, fingerprint};
use crate::store::tests::check::{op, play, CARDS};
use proptest::prelude::*;

fn fsrs() -> Scheduler {
    Scheduler::Fsrs(Fsrs::new(0.9).unwrap())
}

/// Every card_state row as raw SQL sees it, floats as their bits: the
/// byte-for-byte comparison of two collections.
fn dump(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT card_id, reps, ef, interval, due, lapses, suspended, buried_until, \
             last_review, quote(stability), quote(difficulty) FROM card_state ORDER BY card_id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let cols: Vec<String> = (0..11)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                    other => format!("{other:?}"),
                })
                .collect();
            Ok(cols.join(","))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// Three cards: one answered Good three times (on the days FSRS sets, due
/// under SM-2 as well, so both logs are alike), one failed and undone, one
/// suspended; card 4 never answered.
fn answered_store(store: &mut Store) {
    let [a, b, c, _] = [0, 1, 2, 3].map(|i| cards(4)[i].id);
    for day in [100, 102, 113] {
        record_answer(store, review_answer(a, 4, 1, day)).unwrap();
    }
    let (entry, _) = record_answer(store, review_answer(b, 1, 2, 100)).unwrap();
    store
        .record(b, Event::Undo { target: entry.id }, 3, Day(100))
        .unwrap();
    record_answer(store, review_answer(b, 5, 4, 101)).unwrap();
    store.record(c, Event::Suspend, 5, Day(100)).unwrap();
}

#[test]
fn rescheduling_to_fsrs_stores_the_fsrs_replay_and_names_it() {
    let mut store = store_with(4);
    answered_store(&mut store);
    assert_eq!(store.stored_scheduler().unwrap(), "sm2");
    let summary = store.reschedule(&fsrs()).unwrap();
    assert_eq!(summary.from, "sm2");
    assert_eq!(summary.to, "fsrs (90 % retention)");
    assert_eq!((summary.cards, summary.changed, summary.answers), (4, 2, 4));
    assert_eq!(store.stored_scheduler().unwrap(), fingerprint(&fsrs()));
    assert_eq!(store.scheduler(), &fsrs());
    let a = cards(1)[0].id;
    let stored = store.cards().get(a).unwrap().unwrap().state;
    assert_eq!(stored, replay_with(&fsrs(), &store.log().card(a).unwrap()));
    assert!(stored.memory.is_some());
    // Good, Good, Good on the due days: FSRS's 2, 11, 46 (sched::fsrs goldens).
    assert_eq!(stored.sm2.interval, 46);
    assert!(store.check().unwrap().is_ok());
    // Under SM-2 the same FSRS states are a mismatch per scheduled card.
    store.set_scheduler(Scheduler::Sm2);
    assert_eq!(store.check().unwrap().mismatches.len(), 2);
}

#[test]
fn sm2_to_fsrs_and_back_gives_back_the_very_same_rows() {
    let mut store = store_with(4);
    answered_store(&mut store);
    let before = dump(&store);
    store.reschedule(&fsrs()).unwrap();
    assert_ne!(dump(&store), before);
    assert!(store.check().unwrap().is_ok());
    let summary = store.reschedule(&Scheduler::Sm2).unwrap();
    assert_eq!(summary.from, "fsrs (90 % retention)");
    assert_eq!(dump(&store), before);
    assert!(store.check().unwrap().is_ok());
    assert_eq!(store.stored_scheduler().unwrap(), "sm2");
}

#[test]
fn answers_given_under_fsrs_replay_as_if_always_sm2() {
    let mut always = store_with(4);
    answered_store(&mut always);
    let mut switched = store_with(4);
    switched.reschedule(&fsrs()).unwrap();
    answered_store(&mut switched);
    assert!(switched.check().unwrap().is_ok());
    switched.reschedule(&Scheduler::Sm2).unwrap();
    assert_eq!(dump(&switched), dump(&always));
}

#[test]
fn a_retention_change_is_another_scheduler() {
    let at_85 = Scheduler::Fsrs(Fsrs::new(0.85).unwrap());
    assert_ne!(fingerprint(&at_85), fingerprint(&fsrs()));
    assert_eq!(describe(&fingerprint(&at_85)), "fsrs (85 % retention)");
    let mut fitted = ::fsrs::DEFAULT_PARAMETERS.to_vec();
    fitted[0] += 0.5;
    let fitted = Scheduler::Fsrs(Fsrs::with_parameters(&fitted, 0.9).unwrap());
    assert_eq!(
        describe(&fingerprint(&fitted)),
        "fsrs (90 % retention, fitted parameters)"
    );
}

#[test]
fn memory_round_trips_bit_for_bit_and_comes_in_pairs() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    let memory = Memory {
        stability: 0.1 + 0.2,
        difficulty: 7.123_456_7,
    };
    let state = CardState {
        memory: Some(memory),
        ..CardState::default()
    };
    store
        .write("test", |db| db.update_state(id, &state))
        .unwrap();
    assert_eq!(store.cards().get(id).unwrap().unwrap().state, state);
    let half = store.conn.execute(
        "UPDATE card_state SET stability = NULL WHERE card_id = ?1",
        [id],
    );
    assert!(half.is_err(), "{half:?}");
}

#[test]
fn a_failed_reschedule_writes_nothing() {
    let mut store = store_with(2);
    answered_store_two(&mut store);
    let before = dump(&store);
    // A trigger that refuses FSRS memories makes the one transaction fail.
    store
        .conn
        .execute_batch(
            "CREATE TRIGGER no_memory BEFORE UPDATE ON card_state
             WHEN NEW.stability IS NOT NULL BEGIN SELECT RAISE(ABORT, 'no'); END;",
        )
        .unwrap();
    assert!(store.reschedule(&fsrs()).is_err());
    assert_eq!(dump(&store), before);
    assert_eq!(store.stored_scheduler().unwrap(), "sm2");
    assert_eq!(store.scheduler(), &Scheduler::Sm2);
}

fn answered_store_two(store: &mut Store) {
    for card in cards(2) {
        record_answer(store, review_answer(card.id, 4, 1, 100)).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever is recorded (answers, drills, undos, suspends, burials),
    /// under FSRS the stored state is the FSRS replay, and switching to SM-2
    /// gives the rows an SM-2 store of the same log has; switching an SM-2
    /// store to FSRS and back gives back its very rows.
    #[test]
    fn switching_after_random_events_gives_back_the_sm2_rows(
        ops in prop::collection::vec(op(), 1..50)
    ) {
        let mut sm2 = store_with(CARDS as u64);
        let mut under_fsrs = store_with(CARDS as u64);
        under_fsrs.reschedule(&fsrs()).unwrap();
        play(&mut under_fsrs, ops.clone());
        prop_assert!(under_fsrs.check().unwrap().is_ok());
        under_fsrs.reschedule(&Scheduler::Sm2).unwrap();
        prop_assert!(under_fsrs.check().unwrap().is_ok());
        // The same log, recorded under SM-2 (effects may differ where FSRS and
        // SM-2 disagree on the due day, so compare against the log's replay).
        play(&mut sm2, ops);
        let before = dump(&sm2);
        sm2.reschedule(&fsrs()).unwrap();
        prop_assert!(sm2.check().unwrap().is_ok());
        sm2.reschedule(&Scheduler::Sm2).unwrap();
        prop_assert_eq!(dump(&sm2), before);
        prop_assert!(sm2.check().unwrap().is_ok());
    }
}
