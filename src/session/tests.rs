use super::*;
use crate::day::Day;
use crate::sched::Quality;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;

fn ids(range: std::ops::Range<u64>) -> Vec<CardId> {
    range.map(CardId).collect()
}

/// Cards due on the same day.
fn due(range: std::ops::Range<u64>) -> Vec<(CardId, Day)> {
    range.map(|n| (CardId(n), Day(100))).collect()
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(7)
}

fn drain(session: &mut Session, fail: &[CardId]) -> Vec<Item> {
    let mut seen = Vec::new();
    let mut failed_once = std::collections::HashSet::new();
    let mut log = 0;
    while let Some(item) = session.current() {
        seen.push(item);
        // Fail each listed card the first time only.
        let again = fail.contains(&item.card) && failed_once.insert(item.card);
        log += 1;
        session.answered(again, LogId(log));
        assert!(seen.len() < 10_000, "session never ends");
    }
    seen
}

#[test]
fn reviews_come_before_new_cards_and_new_cards_keep_roadmap_order() {
    let mut s = Session::plan(
        &due(0..5),
        &ids(100..104),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    let seen = drain(&mut s, &[]);
    let slots: Vec<Slot> = seen.iter().map(|i| i.slot).collect();
    assert_eq!(slots[..5], [Slot::Review; 5]);
    assert_eq!(
        seen[5..].iter().map(|i| i.card).collect::<Vec<_>>(),
        ids(100..104)
    );
}

#[test]
fn limits_count_what_the_day_already_did() {
    let limits = Limits {
        new_per_day: 3,
        reviews_per_day: 4,
    };
    let progress = DayProgress {
        introduced: 1,
        reviewed: 1,
        repeats: vec![],
    };
    let s = Session::plan(&due(0..10), &ids(100..110), &progress, limits, &mut rng());
    assert_eq!(
        s.remaining(),
        Remaining {
            new: 2,
            review: 3,
            repeat: 0,
            ..Remaining::default()
        }
    );
    let spent = DayProgress {
        introduced: 9,
        reviewed: 9,
        repeats: vec![],
    };
    let empty = Session::plan(&due(0..10), &ids(100..110), &spent, limits, &mut rng());
    assert_eq!(empty.current(), None);
}

#[test]
fn failed_cards_repeat_after_the_queue_until_they_pass() {
    let mut s = Session::plan(
        &due(0..2),
        &ids(100..102),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    let seen = drain(&mut s, &[CardId(100), CardId(1)]);
    assert_eq!(seen.len(), 6);
    let tail: Vec<Item> = seen[4..].to_vec();
    assert_eq!(
        tail.iter().map(|i| i.slot).collect::<Vec<_>>(),
        [Slot::Repeat, Slot::Repeat]
    );
    let mut repeated: Vec<CardId> = tail.iter().map(|i| i.card).collect();
    repeated.sort();
    assert_eq!(repeated, [CardId(1), CardId(100)]);
}

#[test]
fn undo_puts_the_card_back_and_cancels_its_repeat() {
    let mut s = Session::plan(
        &[],
        &ids(100..102),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    s.answered(true, LogId(1));
    assert_eq!(
        s.remaining(),
        Remaining {
            new: 1,
            review: 0,
            repeat: 1,
            ..Remaining::default()
        }
    );
    let (item, log) = s.undo().unwrap();
    assert_eq!(
        (item.card, item.slot, log),
        (CardId(100), Slot::New, LogId(1))
    );
    assert_eq!(s.current(), Some(item));
    assert_eq!(
        s.remaining(),
        Remaining {
            new: 2,
            review: 0,
            repeat: 0,
            ..Remaining::default()
        }
    );
    assert!(s.undo().is_none());
}

#[test]
fn undo_of_a_repeat_asks_the_repeat_again() {
    let mut s = Session::plan(
        &[],
        &ids(100..101),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    s.answered(true, LogId(1)); // fails, queued for repeat
    s.answered(false, LogId(2)); // the repeat passes
    assert_eq!(s.current(), None);
    let (item, _) = s.undo().unwrap();
    assert_eq!(item.slot, Slot::Repeat);
    assert_eq!(s.current(), Some(item));
    let (first, log) = s.undo().unwrap();
    assert_eq!((first.slot, log), (Slot::New, LogId(1)));
    assert_eq!(
        s.remaining(),
        Remaining {
            new: 1,
            review: 0,
            repeat: 0,
            ..Remaining::default()
        }
    );
}

#[test]
fn removed_cards_are_not_asked() {
    let mut s = Session::plan(
        &[],
        &ids(100..103),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    s.remove(CardId(101));
    let order: Vec<CardId> = drain(&mut s, &[]).into_iter().map(|i| i.card).collect();
    assert_eq!(order, [CardId(100), CardId(102)]);
}

#[test]
fn a_card_set_aside_and_undone_is_back_where_it_was() {
    let mut s = Session::plan(
        &[],
        &ids(100..103),
        &DayProgress::default(),
        Limits::default(),
        &mut rng(),
    );
    s.answered(true, LogId(1)); // 100 fails: owed a repeat
    s.set_aside(LogId(2)); // 101 suspended
    assert_eq!(s.current().map(|i| i.card), Some(CardId(102)));
    s.answered(false, LogId(3));
    // The repeat of 100 is next; set it aside too, then undo back through all.
    assert_eq!(
        s.current().map(|i| (i.card, i.slot)),
        Some((CardId(100), Slot::Repeat))
    );
    s.set_aside(LogId(4));
    assert_eq!(s.current(), None);
    let logs: Vec<LogId> = std::iter::from_fn(|| s.undo().map(|(_, log)| log)).collect();
    assert_eq!(logs, [LogId(4), LogId(3), LogId(2), LogId(1)]);
    let order: Vec<CardId> = drain(&mut s, &[]).into_iter().map(|i| i.card).collect();
    assert_eq!(order, [CardId(100), CardId(101), CardId(102)]);
}

#[test]
fn the_most_overdue_come_first_and_only_same_day_cards_are_shuffled() {
    let due = [
        (CardId(1), Day(10)),
        (CardId(2), Day(8)),
        (CardId(3), Day(10)),
        (CardId(4), Day(9)),
    ];
    let limits = Limits {
        new_per_day: 0,
        reviews_per_day: 3,
    };
    let s = Session::plan(&due, &[], &DayProgress::default(), limits, &mut rng());
    let order: Vec<CardId> = s.queue.iter().map(|i| i.card).collect();
    assert_eq!(order[..2], [CardId(2), CardId(4)]);
    assert!(order[2] == CardId(1) || order[2] == CardId(3));
    assert_eq!(order.len(), 3);
}

#[test]
fn the_seed_decides_the_review_order() {
    let a = Session::plan(
        &due(0..50),
        &[],
        &DayProgress::default(),
        Limits::default(),
        &mut StdRng::seed_from_u64(1),
    );
    let b = Session::plan(
        &due(0..50),
        &[],
        &DayProgress::default(),
        Limits::default(),
        &mut StdRng::seed_from_u64(1),
    );
    let c = Session::plan(
        &due(0..50),
        &[],
        &DayProgress::default(),
        Limits::default(),
        &mut StdRng::seed_from_u64(2),
    );
    assert_eq!(a.queue, b.queue);
    assert_ne!(a.queue, c.queue);
}

proptest! {
    /// A plan made after some of the day's cards are answered (by `recall
    /// next`, or a resumed session) asks the rest in the order the first
    /// plan had them.
    #[test]
    fn answering_cards_keeps_the_order_of_the_rest(seed in any::<u64>(), answered in prop::collection::btree_set(0u64..30, 0..30)) {
        let plan = |due: &[(CardId, Day)]| {
            let s = Session::plan(due, &[], &DayProgress::default(), Limits::default(), &mut StdRng::seed_from_u64(seed));
            s.queue.iter().map(|i| i.card).collect::<Vec<_>>()
        };
        let first = plan(&due(0..30));
        let rest: Vec<_> = due(0..30).into_iter().filter(|(c, _)| !answered.contains(&c.0)).collect();
        let want: Vec<_> = first.into_iter().filter(|c| !answered.contains(&c.0)).collect();
        prop_assert_eq!(plan(&rest), want);
    }
}

fn answer(id: i64, card: u64, q: u8, effect: Effect) -> LogEntry {
    LogEntry {
        id: LogId(id),
        card: CardId(card),
        at_ms: 0,
        day: Day(1),
        event: Event::Answer {
            quality: Quality::new(q).unwrap(),
            effect,
        },
        elapsed_ms: None,
        typed: None,
    }
}

#[test]
fn pending_repeats_follow_the_last_answer_of_each_card() {
    let mut undo = answer(6, 3, 0, Effect::Repeat);
    undo.event = Event::Undo { target: LogId(5) };
    let log = [
        answer(1, 1, 2, Effect::Schedule), // owed…
        answer(2, 2, 3, Effect::Schedule), // owed
        answer(3, 1, 4, Effect::Repeat),   // …paid
        answer(4, 4, 1, Effect::Drill),    // drills never owe
        answer(5, 3, 1, Effect::Schedule), // undone below
        undo,
    ];
    assert_eq!(pending_repeats(&log), [CardId(2)]);
}

#[test]
fn an_import_after_a_failed_answer_owes_no_repeat() {
    // Anki failed the card today and its learning step says when it is
    // next due: recall asks it then, not a second time as a repeat.
    let mut import = answer(2, 1, 0, Effect::Schedule);
    import.event = Event::Import {
        state: crate::sched::Sm2State::default(),
        memory: None,
    };
    let log = [answer(1, 1, 1, Effect::Schedule), import];
    assert!(pending_repeats(&log).is_empty());
}

proptest! {
    /// Every planned card is asked, and a session always ends when each card
    /// eventually passes.
    #[test]
    fn every_card_is_asked_and_the_session_ends(due_count in 0u64..30, new in 0u64..30, fails in prop::collection::vec(0u64..60, 0..20)) {
        let roomy = Limits { new_per_day: 100, reviews_per_day: 100 };
        let mut s = Session::plan(&due(0..due_count), &ids(30..30 + new), &DayProgress::default(), roomy, &mut rng());
        let fail: Vec<CardId> = fails.into_iter().map(CardId).collect();
        let seen = drain(&mut s, &fail);
        let mut first: Vec<CardId> = seen.iter().filter(|i| i.slot != Slot::Repeat).map(|i| i.card).collect();
        first.sort();
        let mut expected = ids(0..due_count);
        expected.extend(ids(30..30 + new));
        prop_assert_eq!(first, expected);
    }
}

#[test]
fn a_drill_asks_its_cards_in_order_and_never_repeats() {
    let mut s = Session::drill(&ids(5..8));
    assert_eq!(
        s.remaining(),
        Remaining {
            drill: 3,
            ..Remaining::default()
        }
    );
    s.answered(false, LogId(1));
    assert_eq!(
        s.current().map(|i| (i.card, i.slot)),
        Some((CardId(6), Slot::Drill))
    );
    s.replace_current(CardId(60));
    assert_eq!(s.current().map(|i| i.card), Some(CardId(60)));
    let (undone, _) = s.undo().unwrap();
    assert_eq!((undone.card, s.remaining().total()), (CardId(5), 3));
}
