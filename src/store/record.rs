//! The write paths of the review log, one per event, each one durable
//! transaction: [`Store::record_answer`] logs an answer together with what it
//! sets off (a card whose lapses reach the leech threshold is tagged, and
//! suspended by an appended Suspend event); [`Store::record`] logs a
//! suspend, unsuspend, bury or undo; [`Store::change`] suspends, unsuspends,
//! buries or unburies cards that are not already so; [`Store::undo`] takes
//! back an answer together with the leech suspension it set off.

use super::{AnswerMode, Db, Store, StoreError};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{apply_with, replay_with, CardState, Change, Event, LogEntry, LogId};
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
    /// The Suspend row a leech answer appended after it.
    pub suspend: Option<LogId>,
}

/// What [`Store::change`] did to one card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub card: CardId,
    /// The row logged, or `None` when the card already was as asked.
    pub entry: Option<LogEntry>,
    /// The card's state after the change.
    pub state: CardState,
}

impl Db<'_> {
    /// Logs an answer and applies it; returns the row and the state before
    /// and after. In a review the first answer on a day the card is due runs
    /// SM-2 and later ones repeat; a drill changes nothing.
    fn answer(self, a: &NewAnswer<'_>) -> Result<(LogEntry, CardState, CardState), StoreError> {
        let state = self.writable_state(a.card)?;
        let effect = a.mode.effect(&state.sm2, a.day);
        let event = Event::Answer {
            quality: a.quality,
            effect,
        };
        let entry = self.add_log(a.card, event, a.at_ms, a.day, a.elapsed_ms, a.typed)?;
        let next = apply_with(self.scheduler, &state, &entry.event, a.day);
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
            let mut suspended_by = None;
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
                    state = apply_with(db.scheduler, &state, &suspend.event, answer.day);
                    db.update_state(answer.card, &state)?;
                    suspended_by = Some(suspend.id);
                }
            }
            Ok(Answered {
                entry,
                state,
                leech,
                suspend: suspended_by,
            })
        })
    }

    /// Logs a suspend, unsuspend, bury or undo and applies it, in one durable
    /// transaction. An undo must target a not-yet-undone answer, suspend,
    /// unsuspend or bury of `card`; the card's state is then a replay of its
    /// whole log.
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
                    let next = replay_with(db.scheduler, &db.get_log(card)?);
                    (entry, next)
                }
                Event::Suspend | Event::Unsuspend | Event::Bury { .. } | Event::Import { .. } => {
                    let entry = db.add_log(card, event, at_ms, day, None, None)?;
                    let next = apply_with(db.scheduler, &state, &entry.event, day);
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

impl Store {
    /// Makes `change` to every card of `cards` that is not already as asked
    /// (those get no row), in one durable transaction: one unknown or
    /// retired card and nothing is written.
    pub fn change(
        &mut self,
        cards: &[CardId],
        change: Change,
        at_ms: i64,
        day: Day,
    ) -> Result<Vec<Changed>, StoreError> {
        self.write("cannot record the change", |db| {
            cards
                .iter()
                .map(|&card| {
                    let state = db.writable_state(card)?;
                    let Some(event) = change.event(&state, day) else {
                        return Ok(Changed {
                            card,
                            entry: None,
                            state,
                        });
                    };
                    let entry = db.add_log(card, event, at_ms, day, None, None)?;
                    let next = apply_with(db.scheduler, &state, &entry.event, day);
                    db.update_state(card, &next)?;
                    Ok(Changed {
                        card,
                        entry: Some(entry),
                        state: next,
                    })
                })
                .collect()
        })
    }

    /// Takes back the rows `targets` of `card` (an answer, and the leech
    /// suspension it set off, say), one undo row each, in one durable
    /// transaction; `untag_leech` also takes off the leech tag that answer
    /// put on. Returns the card's state: a replay of its log.
    pub fn undo(
        &mut self,
        card: CardId,
        targets: &[LogId],
        untag_leech: bool,
        at_ms: i64,
        day: Day,
    ) -> Result<CardState, StoreError> {
        self.write("cannot record the undo", |db| {
            let before = db.writable_state(card)?;
            let first_new = db.next_log_id()?;
            for &target in targets {
                db.check_undo_target(card, target)?;
                db.add_log(card, Event::Undo { target }, at_ms, day, None, None)?;
            }
            if untag_leech {
                db.remove_tag(card, LEECH_TAG)?;
            }
            db.recount_day_stats(card, first_new)?;
            let state = replay_with(db.scheduler, &db.get_log(card)?);
            if state != before {
                db.update_state(card, &state)?;
            }
            Ok(state)
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
        // Undoing that answer takes back the suspension and the tag with it.
        let targets = [last.entry.id, last.suspend.unwrap()];
        let state = store.undo(card, &targets, true, 0, day).unwrap();
        let record = store.cards().get(card).unwrap().unwrap();
        assert!(!state.suspended && !record.leech);
        assert_eq!(record.state.sm2.lapses, rule.threshold - 1);
        assert!(store.check().unwrap().is_ok());
    }

    /// The trigger of migration 005 holds even for a write that skips
    /// `check_undo_target`: a suspend may be undone, an undo may not.
    #[test]
    fn the_log_itself_accepts_undos_of_suspensions_only_among_the_non_answers() {
        let (mut store, card) = small_store();
        let day = Day(100);
        let (suspend, _) = store.record(card, Event::Suspend, 0, day).unwrap();
        let insert_undo = |store: &Store, target: LogId| {
            store.conn.execute(
                "INSERT INTO review_log (card_id, at_ms, day, event, target) VALUES (?1, 0, 100, 'undo', ?2)",
                rusqlite::params![card, target],
            )
        };
        insert_undo(&store, suspend.id).unwrap();
        let undo = store.log().card(card).unwrap().last().unwrap().id;
        let err = insert_undo(&store, undo).unwrap_err();
        assert!(err.to_string().contains("undo must target"), "{err}");
    }

    #[test]
    fn a_change_logs_only_the_cards_not_already_so_and_unknown_cards_write_nothing() {
        let (mut store, card) = small_store();
        let day = Day(100);
        let first = store.change(&[card], Change::Suspend, 0, day).unwrap();
        assert!(first[0].entry.is_some() && first[0].state.suspended);
        let again = store.change(&[card], Change::Suspend, 1, day).unwrap();
        assert_eq!(again[0].entry, None);
        let rows = store.log().card(card).unwrap().len();
        let err = store
            .change(&[card, CardId(0xdead)], Change::Unsuspend, 2, day)
            .unwrap_err();
        assert!(matches!(err, StoreError::UnknownCard(_)), "{err:?}");
        assert_eq!(store.log().card(card).unwrap().len(), rows);
        assert!(store.cards().get(card).unwrap().unwrap().state.suspended);
        let bury = Change::Bury { until: day.plus(1) };
        store.change(&[card], bury, 3, day).unwrap();
        let unburied = store.change(&[card], Change::Unbury, 4, day).unwrap();
        assert!(unburied[0].entry.is_some() && unburied[0].state.buried_until == Some(day));
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
