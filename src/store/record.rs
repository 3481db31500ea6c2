//! The write paths of the review log, one per event, each one durable
//! transaction: [`Store::record_answer`] logs an answer together with what it
//! sets off (a card whose lapses reach the leech threshold is tagged, and
//! suspended by an appended Suspend event); [`Store::record`] logs a
//! suspend, unsuspend, bury or undo.

use super::{AnswerMode, Db, Store, StoreError};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{apply, replay, CardState, Effect, Event, LogEntry};
use crate::sched::leech::{LeechAction, LeechRule};
use crate::sched::Quality;

/// The tag of a card that lapsed too often.
pub const LEECH_TAG: &str = "leech";

/// An answer to record.
#[derive(Debug, Clone, Copy)]
pub struct NewAnswer<'a> {
    pub card: CardId,
    pub quality: Quality,
    pub mode: AnswerMode,
    pub at_ms: i64,
    pub day: Day,
    /// Time spent on the card.
    pub elapsed_ms: Option<i64>,
    /// What the learner typed, for typed answers.
    pub typed: Option<&'a str>,
}

/// What recording an answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The answer's log row.
    pub entry: LogEntry,
    /// The card's state after the answer (and after a leech suspension).
    pub state: CardState,
    /// Set when this answer made the card a leech.
    pub leech: Option<LeechAction>,
}

impl Db<'_> {
    /// Logs an answer and applies it; returns the row and the state before
    /// and after. In a review the first answer on a day the card is due runs
    /// SM-2 and later ones repeat; a drill changes nothing.
    fn answer(self, a: &NewAnswer<'_>) -> Result<(LogEntry, CardState, CardState), StoreError> {
        let state = self.writable_state(a.card)?;
        let effect = match a.mode {
            AnswerMode::Drill => Effect::Drill,
            AnswerMode::Review => Effect::for_review(&state.sm2, a.day),
        };
        let event = Event::Answer {
            quality: a.quality,
            effect,
        };
        let entry = self.add_log(a.card, event, a.at_ms, a.day, a.elapsed_ms, a.typed)?;
        let next = apply(&state, &entry.event, a.day);
        if next != state {
            self.update_state(a.card, &next)?;
        }
        Ok((entry, state, next))
    }
}

impl Store {
    /// Logs an answer and applies it, in one durable transaction. In a review
    /// the first answer on a day the card is due runs SM-2 and later ones
    /// repeat; a drill changes nothing. A review answer that makes the card a
    /// leech under `rule` also tags it and (if the rule says so) logs a
    /// Suspend, in the same transaction.
    pub fn record_answer(
        &mut self,
        answer: &NewAnswer<'_>,
        rule: &LeechRule,
    ) -> Result<Answered, StoreError> {
        self.write("cannot record the answer", |db| {
            let (entry, before, mut state) = db.answer(answer)?;
            db.recount_day_stats(answer.card, entry.id)?;
            let mut leech = None;
            if answer.mode == AnswerMode::Review {
                let tagged = db.has_tag(answer.card, LEECH_TAG)?;
                leech = rule.verdict(&before.sm2, &state.sm2, tagged);
            }
            if let Some(action) = leech {
                db.add_tag(answer.card, LEECH_TAG, answer.at_ms)?;
                if action == LeechAction::Suspend && !state.suspended {
                    let suspend = db.add_log(
                        answer.card,
                        Event::Suspend,
                        answer.at_ms,
                        answer.day,
                        None,
                        None,
                    )?;
                    state = apply(&state, &suspend.event, answer.day);
                    db.update_state(answer.card, &state)?;
                }
            }
            Ok(Answered {
                entry,
                state,
                leech,
            })
        })
    }

    /// Logs a suspend, unsuspend, bury or undo and applies it, in one durable
    /// transaction. An undo must target a not-yet-undone answer of `card`;
    /// the card's state is then a replay of its whole log.
    pub fn record(
        &mut self,
        card: CardId,
        event: Event,
        at_ms: i64,
        day: Day,
    ) -> Result<(LogEntry, CardState), StoreError> {
        self.write("cannot record the event", |db| {
            let state = db.writable_state(card)?;
            let next = match event {
                Event::Answer { .. } => {
                    return Err(StoreError::BadEvent {
                        card,
                        reason: "answers go through record_answer".into(),
                    })
                }
                Event::Undo { target } => {
                    db.check_undo_target(card, target)?;
                    let entry = db.add_log(card, event, at_ms, day, None, None)?;
                    let next = replay(&db.get_log(card)?);
                    (entry, next)
                }
                Event::Suspend | Event::Unsuspend | Event::Bury { .. } | Event::Import { .. } => {
                    let entry = db.add_log(card, event, at_ms, day, None, None)?;
                    let next = apply(&state, &entry.event, day);
                    (entry, next)
                }
            };
            if next.1 != state {
                db.update_state(card, &next.1)?;
            }
            db.recount_day_stats(card, next.0.id)?;
            Ok(next)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::store_with;

    fn small_store() -> (Store, CardId) {
        (store_with(1), CardId(0x1000_0000_0001))
    }

    #[test]
    fn the_eighth_lapse_tags_and_suspends_in_the_log() {
        let (mut store, card) = small_store();
        let rule = LeechRule::default();
        let mut day = Day(20_000);
        let mut last = None;
        // pass, fail: one lapse per two days
        for _ in 0..rule.threshold {
            for q in [4, 1] {
                let a = NewAnswer {
                    card,
                    quality: Quality::new(q).unwrap(),
                    mode: AnswerMode::Review,
                    at_ms: i64::from(day.0) * 86_400_000,
                    day,
                    elapsed_ms: None,
                    typed: None,
                };
                last = Some(store.record_answer(&a, &rule).unwrap());
                day = store
                    .cards()
                    .get(card)
                    .unwrap()
                    .unwrap()
                    .state
                    .sm2
                    .due
                    .unwrap();
            }
        }
        let last = last.unwrap();
        assert_eq!(last.leech, Some(LeechAction::Suspend));
        assert!(last.state.suspended);
        let record = store.cards().get(card).unwrap().unwrap();
        assert!(record.leech && record.state.suspended);
        assert_eq!(record.state.sm2.lapses, rule.threshold);
        assert_eq!(
            store.log().card(card).unwrap().last().unwrap().event,
            Event::Suspend
        );
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn tag_only_leaves_the_card_in_reviews_and_drills_never_count() {
        let (mut store, card) = small_store();
        let rule = LeechRule {
            threshold: 1,
            action: LeechAction::Tag,
        };
        let answer = |q: u8, mode, day: i32| NewAnswer {
            card,
            quality: Quality::new(q).unwrap(),
            mode,
            at_ms: 0,
            day: Day(day),
            elapsed_ms: None,
            typed: None,
        };
        store
            .record_answer(&answer(5, AnswerMode::Review, 10), &rule)
            .unwrap();
        let drill = store
            .record_answer(&answer(0, AnswerMode::Drill, 11), &rule)
            .unwrap();
        assert_eq!(drill.leech, None);
        let lapse = store
            .record_answer(&answer(0, AnswerMode::Review, 11), &rule)
            .unwrap();
        assert_eq!(lapse.leech, Some(LeechAction::Tag));
        let record = store.cards().get(card).unwrap().unwrap();
        assert!(record.leech && !record.state.suspended);
        assert!(store.check().unwrap().is_ok());
    }
}
