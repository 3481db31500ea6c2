use super::*;
use crate::history::{replay, Effect, Event, LogEntry, LogId};
use crate::sched;

pub(super) fn answer(
    store: &mut Store,
    id: CardId,
    quality: u8,
    mode: AnswerMode,
    day: i32,
) -> (LogEntry, CardState) {
    record_answer(
        store,
        NewAnswer {
            card: id,
            quality: q(quality),
            mode,
            at_ms: i64::from(day) * 1_000,
            day: Day(day),
            elapsed_ms: Some(900),
            typed: None,
        },
    )
    .unwrap()
}

fn effect(entry: &LogEntry) -> Effect {
    match entry.event {
        Event::Answer { effect, .. } => effect,
        ref other => panic!("not an answer: {other:?}"),
    }
}

#[test]
fn first_answer_schedules_and_a_same_day_answer_repeats() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    let (first, after) = answer(&mut store, id, 4, AnswerMode::Review, 10);
    assert_eq!(effect(&first), Effect::Schedule);
    assert_eq!(after.sm2, sched::review(&Default::default(), q(4), Day(10)));
    assert_eq!(after.last_review, Some(Day(10)));

    let (second, again) = answer(&mut store, id, 2, AnswerMode::Review, 10);
    assert_eq!(effect(&second), Effect::Repeat);
    assert_eq!(again, after);

    let (third, next) = answer(&mut store, id, 5, AnswerMode::Review, 11);
    assert_eq!(effect(&third), Effect::Schedule);
    assert_eq!(next.sm2, sched::review(&after.sm2, q(5), Day(11)));
    assert_eq!(store.cards().get(id).unwrap().unwrap().state, next);
    assert_eq!(store.log().card(id).unwrap(), vec![first, second, third]);
}

#[test]
fn drill_is_logged_and_changes_nothing() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    let (entry, state) = answer(&mut store, id, 0, AnswerMode::Drill, 10);
    assert_eq!(effect(&entry), Effect::Drill);
    assert_eq!(state, CardState::default());
    assert_eq!(
        store.cards().get(id).unwrap().unwrap().state,
        CardState::default()
    );
    assert_eq!(store.log().card(id).unwrap().len(), 1);
}

#[test]
fn answer_to_unknown_or_retired_card_fails_and_writes_nothing() {
    let mut store = store_with(2);
    let retired = cards(2)[1].id;
    store.sync(&roadmap(), &cards(1), 2).unwrap();
    let err = record_answer(&mut store, review_answer(CardId(7), 4, 1, 1)).unwrap_err();
    assert!(matches!(err, StoreError::UnknownCard(_)), "{err:?}");
    let err = record_answer(&mut store, review_answer(retired, 4, 1, 1)).unwrap_err();
    assert!(
        matches!(err, StoreError::RetiredCard(id) if id == retired),
        "{err:?}"
    );
    let err = store
        .record(retired, Event::Suspend, 1, Day(1))
        .unwrap_err();
    assert!(matches!(err, StoreError::RetiredCard(_)), "{err:?}");
    assert_eq!(rows(&store, "review_log"), 0);
}

#[test]
fn undo_restores_the_previous_state_and_keeps_both_rows() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    let (_, before) = answer(&mut store, id, 5, AnswerMode::Review, 10);
    let (last, _) = answer(&mut store, id, 1, AnswerMode::Review, 11);

    let (undo, state) = store
        .record(id, Event::Undo { target: last.id }, 11_500, Day(11))
        .unwrap();
    assert_eq!(undo.event, Event::Undo { target: last.id });
    assert_eq!(state, before);
    assert_eq!(store.cards().get(id).unwrap().unwrap().state, before);
    let log = store.log().card(id).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[1], last);
    // The undone answer is no longer undoable; the one before it is.
    let again = store
        .record(id, Event::Undo { target: last.id }, 11_600, Day(11))
        .unwrap_err();
    assert!(matches!(again, StoreError::BadUndo { .. }), "{again:?}");
    store
        .record(id, Event::Undo { target: log[0].id }, 11_700, Day(11))
        .unwrap();
}

#[test]
fn bad_undos_are_refused_and_write_nothing() {
    let mut store = store_with(2);
    let [a, b] = [cards(2)[0].id, cards(2)[1].id];
    let (answer_a, _) = answer(&mut store, a, 4, AnswerMode::Review, 10);
    store.record(a, Event::Suspend, 1, Day(10)).unwrap();
    let (undo, _) = store
        .record(
            a,
            Event::Undo {
                target: answer_a.id,
            },
            2,
            Day(10),
        )
        .unwrap();
    let logged = rows(&store, "review_log");

    let cases = [
        (a, answer_a.id, UndoRefusal::AlreadyUndone, "already undone"),
        (
            a,
            undo.id,
            UndoRefusal::NotUndoable("undo".into()),
            "cannot be undone",
        ),
        (b, answer_a.id, UndoRefusal::OtherCard(a), "belongs to card"),
        (a, LogId(999), UndoRefusal::NoSuchRow, "no such log row"),
    ];
    for (card, target, want, text) in cases {
        let err = store
            .record(card, Event::Undo { target }, 3, Day(10))
            .unwrap_err();
        match &err {
            StoreError::BadUndo { reason, .. } => {
                assert_eq!(reason, &want);
                assert!(err.to_string().contains(text), "{err}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let err = store
        .record(
            a,
            Event::Answer {
                quality: q(5),
                effect: Effect::Schedule,
            },
            3,
            Day(10),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::BadEvent { .. }), "{err:?}");
    assert_eq!(rows(&store, "review_log"), logged);
}

#[test]
fn review_log_rejects_update_and_delete() {
    let mut store = store_with(1);
    answer(&mut store, cards(1)[0].id, 4, AnswerMode::Review, 10);
    for sql in [
        "UPDATE review_log SET quality = 5",
        "DELETE FROM review_log",
    ] {
        let err = store.conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(rows(&store, "review_log"), 1);
}

#[test]
fn review_log_checks_tie_columns_to_events() {
    let store = store_with(1);
    let id = cards(1)[0].id;
    let bad = [
        "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (?1, 0, 0, 'answer')",
        "INSERT INTO review_log (card_id, at_ms, day, event, quality, effect) VALUES (?1, 0, 0, 'suspend', 3, 'repeat')",
        "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (?1, 0, 0, 'bury')",
        "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (?1, 0, 0, 'undo')",
        "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (?1, 0, 0, 'explode')",
        "INSERT INTO review_log (card_id, at_ms, day, event, quality, effect) VALUES (?1, 0, 0, 'answer', 6, 'schedule')",
        "INSERT INTO review_log (card_id, at_ms, day, event, typed) VALUES (?1, 0, 0, 'suspend', 'x')",
        "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (?1 + 1, 0, 0, 'suspend')",
    ];
    for sql in bad {
        assert!(store.conn.execute(sql, [id]).is_err(), "accepted: {sql}");
    }
}

#[test]
fn suspend_bury_and_unsuspend_shape_the_queue() {
    let mut store = store_with(4);
    let ids: Vec<CardId> = cards(4).iter().map(|c| c.id).collect();
    for &id in &ids {
        answer(&mut store, id, 5, AnswerMode::Review, 10); // due day 11
    }
    let due = |store: &Store, day, decks: Option<&[String]>| -> Vec<CardId> {
        store
            .cards()
            .due(Day(day), decks)
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect()
    };
    assert_eq!(due(&store, 10, None), Vec::<CardId>::new());
    assert_eq!(due(&store, 11, None), ids);
    assert!(store
        .cards()
        .due(Day(11), None)
        .unwrap()
        .iter()
        .all(|d| d.due == Day(11)));

    store.record(ids[0], Event::Suspend, 1, Day(11)).unwrap();
    store
        .record(ids[1], Event::Bury { until: Day(12) }, 1, Day(11))
        .unwrap();
    store.sync(&roadmap(), &cards(4)[..3], 2).unwrap(); // card 4 retired
    assert_eq!(due(&store, 11, None), vec![ids[2]]);
    assert_eq!(
        due(&store, 12, None),
        vec![ids[1], ids[2]],
        "the bury is over"
    );
    let phase0 = ["phase-0".to_string()];
    assert_eq!(due(&store, 12, Some(&phase0)), vec![ids[2]]);
    assert_eq!(due(&store, 12, Some(&[])), Vec::<CardId>::new());

    store.record(ids[0], Event::Unsuspend, 1, Day(12)).unwrap();
    assert_eq!(due(&store, 12, None), vec![ids[0], ids[1], ids[2]]);
}

#[test]
fn get_new_skips_suspended_buried_retired_and_limits() {
    let mut store = store_with(6);
    let ids: Vec<CardId> = cards(6).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 4, AnswerMode::Review, 10); // no longer new
    answer(&mut store, ids[1], 4, AnswerMode::Drill, 10); // still new
    store.record(ids[2], Event::Suspend, 1, Day(10)).unwrap();
    store
        .record(ids[3], Event::Bury { until: Day(11) }, 1, Day(10))
        .unwrap();
    store.sync(&roadmap(), &cards(5), 2).unwrap(); // card 6 retired

    assert_eq!(
        store.cards().new_cards(Day(10), 10, None).unwrap(),
        vec![ids[1], ids[4]]
    );
    assert_eq!(
        store.cards().new_cards(Day(11), 10, None).unwrap(),
        vec![ids[1], ids[3], ids[4]]
    );
    assert_eq!(
        store.cards().new_cards(Day(11), 2, None).unwrap(),
        vec![ids[1], ids[3]]
    );
    let phase0 = ["phase-0".to_string()];
    assert_eq!(
        store.cards().new_cards(Day(11), 10, Some(&phase0)).unwrap(),
        vec![ids[4]]
    );
}

#[test]
fn day_counts_separate_new_cards_from_reviews_and_skip_undone() {
    let mut store = store_with(3);
    let ids: Vec<CardId> = cards(3).iter().map(|c| c.id).collect();
    answer(&mut store, ids[0], 5, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 5, AnswerMode::Review, 10);
    answer(&mut store, ids[1], 3, AnswerMode::Review, 10); // repeat
    let (undone, _) = answer(&mut store, ids[2], 5, AnswerMode::Review, 10);
    store
        .record(ids[2], Event::Undo { target: undone.id }, 1, Day(10))
        .unwrap();
    answer(&mut store, ids[0], 5, AnswerMode::Review, 11); // review
    answer(&mut store, ids[2], 4, AnswerMode::Review, 11); // introduced after the undo
    answer(&mut store, ids[1], 4, AnswerMode::Drill, 11);

    let cases = [(10, 2, 0), (11, 1, 1), (12, 0, 0)];
    for (day, introduced, reviewed) in cases {
        assert_eq!(
            store.log().introduced_on(Day(day)).unwrap(),
            introduced,
            "day {day}"
        );
        assert_eq!(
            store.log().reviewed_on(Day(day)).unwrap(),
            reviewed,
            "day {day}"
        );
    }
    let day10 = store.log().day(Day(10)).unwrap();
    assert_eq!(day10.len(), 5);
    assert!(day10.windows(2).all(|w| w[0].id < w[1].id));
    assert!(day10.iter().all(|e| e.day == Day(10)));
}

#[test]
fn counts_summarise_the_collection() {
    let mut store = store_with(6);
    let ids: Vec<CardId> = cards(6).iter().map(|c| c.id).collect();
    // Card 1: mature (interval >= 21) by day 40.
    for day in [10, 11, 17, 33] {
        answer(&mut store, ids[0], 5, AnswerMode::Review, day);
    }
    assert!(
        store
            .cards()
            .get(ids[0])
            .unwrap()
            .unwrap()
            .state
            .sm2
            .interval
            >= MATURE_INTERVAL
    );
    answer(&mut store, ids[1], 5, AnswerMode::Review, 39); // learning, due 40
    answer(&mut store, ids[2], 1, AnswerMode::Review, 39); // failed: learning, due 40
    answer(&mut store, ids[2], 4, AnswerMode::Review, 39); // repeat
    store.record(ids[3], Event::Suspend, 1, Day(39)).unwrap();
    store.sync(&roadmap(), &cards(5), 2).unwrap(); // card 6 retired
    answer(&mut store, ids[1], 4, AnswerMode::Review, 40);
    answer(&mut store, ids[4], 0, AnswerMode::Drill, 40);

    let counts = store.cards().counts(Day(40)).unwrap();
    assert_eq!(
        counts,
        Counts {
            total: 5,
            new: 2,
            learning: 2,
            mature: 1,
            suspended: 1,
            retired: 1,
            due_today: 1,
            reviewed_today: 1,
        }
    );
    assert_eq!(
        counts.due_today,
        store.cards().due(Day(40), None).unwrap().len() as u64
    );
    assert_eq!(store.cards().counts(Day(39)).unwrap().reviewed_today, 3);
}

#[test]
fn stored_state_is_the_replay_of_the_log() {
    let mut store = store_with(1);
    let id = cards(1)[0].id;
    answer(&mut store, id, 5, AnswerMode::Review, 10);
    store
        .record(id, Event::Bury { until: Day(12) }, 1, Day(10))
        .unwrap();
    answer(&mut store, id, 2, AnswerMode::Review, 12);
    let stored = store.cards().get(id).unwrap().unwrap().state;
    assert_eq!(stored, replay(&store.log().card(id).unwrap()));
}

#[test]
fn the_study_run_walks_back_from_today_and_skips_undone_answers() {
    let mut store = store_with(2);
    let card = |n: u64| CardId(0x1000_0000_0000 + n);
    let answer = |store: &mut crate::store::Store, n: u64, day: i32, mode| {
        record_answer(
            store,
            NewAnswer {
                card: card(n),
                quality: q(4),
                mode,
                at_ms: 0,
                day: Day(day),
                elapsed_ms: None,
                typed: None,
            },
        )
        .unwrap()
        .0
    };
    answer(&mut store, 1, 10, AnswerMode::Review);
    answer(&mut store, 2, 10, AnswerMode::Review);
    answer(&mut store, 1, 12, AnswerMode::Drill);
    let undone = answer(&mut store, 2, 13, AnswerMode::Review);
    store
        .record(card(2), Event::Undo { target: undone.id }, 0, Day(13))
        .unwrap();
    answer(&mut store, 1, 11, AnswerMode::Review);
    assert_eq!(
        store.log().study_run(Day(13)).unwrap(),
        [Day(12), Day(11), Day(10)]
    );
    assert_eq!(
        store.log().study_run(Day(12)).unwrap(),
        [Day(12), Day(11), Day(10)]
    );
    assert_eq!(store.log().study_run(Day(11)).unwrap(), [Day(11), Day(10)]);
    assert!(
        store.log().study_run(Day(14)).unwrap().is_empty(),
        "13 was undone"
    );
    assert!(store.log().study_run(Day(9)).unwrap().is_empty());
}
