use super::*;
use crate::history::LogId;
use crate::sched::{Quality, Sm2State};

fn entry(id: i64, card: u64, day: i32, event: Event) -> LogEntry {
    LogEntry {
        id: LogId(id),
        card: CardId(card),
        at_ms: 0,
        day: Day(day),
        event,
        elapsed_ms: None,
        typed: None,
    }
}

fn answer(q: u8, effect: Effect) -> Event {
    Event::Answer {
        quality: Quality::new(q).unwrap(),
        effect,
    }
}

fn review(rating: u32, delta_t: u32) -> FSRSReview {
    FSRSReview { rating, delta_t }
}

#[test]
fn a_card_gives_one_item_per_scheduled_answer_after_its_first() {
    let log = [
        entry(1, 7, 100, answer(4, Effect::Schedule)),
        entry(2, 7, 101, answer(2, Effect::Schedule)),
        entry(3, 7, 101, answer(4, Effect::Repeat)),
        entry(4, 7, 101, answer(0, Effect::Drill)),
        entry(5, 7, 102, answer(5, Effect::Schedule)),
        entry(6, 7, 108, answer(3, Effect::Schedule)),
    ];
    let set = training_set(&log);
    let full = vec![review(3, 0), review(1, 1), review(4, 1), review(2, 6)];
    assert_eq!(
        set.items,
        vec![
            FSRSItem {
                reviews: full[..2].to_vec()
            },
            FSRSItem {
                reviews: full[..3].to_vec()
            },
            FSRSItem { reviews: full },
        ]
    );
    assert_eq!(set.card_ids, vec![0, 0, 0]);
    assert_eq!((set.reviews(), set.cards), (3, 1));
}

#[test]
fn undone_answers_are_left_out_and_cards_are_kept_apart() {
    let log = [
        entry(1, 1, 100, answer(4, Effect::Schedule)),
        entry(2, 1, 101, answer(4, Effect::Schedule)),
        entry(3, 1, 101, Event::Undo { target: LogId(2) }),
        entry(4, 1, 103, answer(4, Effect::Schedule)),
        entry(5, 2, 100, answer(4, Effect::Schedule)),
        entry(6, 2, 110, answer(1, Effect::Schedule)),
    ];
    let set = training_set(&log);
    assert_eq!(
        set.items,
        vec![
            FSRSItem {
                reviews: vec![review(3, 0), review(3, 3)]
            },
            FSRSItem {
                reviews: vec![review(3, 0), review(1, 10)]
            },
        ]
    );
    assert_eq!(set.card_ids, vec![0, 1]);
    assert_eq!(set.cards, 2);
}

#[test]
fn a_card_whose_log_starts_with_an_import_is_counted_and_left_out() {
    let imported = Event::Import {
        state: Sm2State {
            reps: 3,
            interval: 20,
            due: Some(Day(120)),
            ..Sm2State::default()
        },
        memory: None,
    };
    let log = [
        entry(1, 1, 100, imported.clone()),
        entry(2, 1, 120, answer(4, Effect::Schedule)),
        entry(3, 1, 170, answer(4, Effect::Schedule)),
        // An Anki card with its revlog: the history runs through the import.
        entry(4, 2, 90, answer(4, Effect::Schedule)),
        entry(5, 2, 95, answer(4, Effect::Schedule)),
        entry(6, 2, 100, imported),
        entry(7, 2, 120, answer(5, Effect::Schedule)),
    ];
    let set = training_set(&log);
    assert_eq!((set.skipped_cards, set.skipped_answers), (1, 2));
    assert_eq!(set.card_ids, vec![0, 0]);
    assert_eq!(
        set.items[1].reviews,
        vec![review(3, 0), review(3, 5), review(4, 25)]
    );
}

#[test]
fn too_few_reviews_are_refused_with_the_numbers() {
    let log = simulate::log(300, 5, 1, Day(20_000), &fsrs::DEFAULT_PARAMETERS).unwrap();
    let set = training_set(&log);
    let err = fit(&set, None).unwrap_err();
    assert_eq!(
        err,
        FitError::TooFew {
            reviews: 240,
            cards: 60
        }
    );
    assert_eq!(
        err.to_string(),
        "optimize needs at least 400 reviews on 50 cards; this collection has 240 on 60"
    );
}

#[test]
fn the_fit_predicts_a_simulated_learner_better_than_the_defaults() {
    let log = simulate::log(10_000, 20, 17, Day(20_000), &simulate::forgetful()).unwrap();
    let set = training_set(&log);
    // Every answer but each card's first is a review the fit predicts.
    assert_eq!(set.reviews() + set.cards, 10_000);
    let fit = fit(&set, None).unwrap();
    assert_eq!(fit.parameters.len(), 21);
    assert!(
        fit.after.log_loss < fit.before.log_loss,
        "{:?} → {:?}",
        fit.before,
        fit.after
    );
    // The learner's initial stabilities are a quarter of the defaults: the
    // fit finds them lower.
    assert!(
        fit.parameters[2] < fsrs::DEFAULT_PARAMETERS[2],
        "{:?}",
        fit.parameters
    );
}
