//! Recording a review answer together with what it sets off: a card whose
//! lapses reach the leech threshold is tagged, and suspended by an appended
//! Suspend event, in the same transaction as the answer.

use super::{AnswerMode, Db, Store, StoreError};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{apply, CardState, Event, LogEntry};
use crate::sched::Quality;
use crate::sched::leech::{LeechAction, LeechRule};
use rusqlite::params;

/// The tag of a card that lapsed too often.
pub const LEECH_TAG: &str = "leech";

const HAS_TAG: &str = "SELECT EXISTS (SELECT 1 FROM card_tags WHERE card_id = ?1 AND tag = ?2)";
const ADD_TAG: &str =
    "INSERT INTO card_tags (card_id, tag, added_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

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
    fn has_tag(self, card: CardId, tag: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached(HAS_TAG)
            .and_then(|mut s| s.query_row(params![card, tag], |r| r.get(0)))
            .map_err(self.fail(format!("cannot read the tags of card {card}")))
    }

    fn add_tag(self, card: CardId, tag: &str, at_ms: i64) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(ADD_TAG)
            .and_then(|mut s| s.execute(params![card, tag, at_ms]))
            .map_err(self.fail(format!("cannot tag card {card} {tag:?}")))?;
        Ok(())
    }
}

impl Store {
    /// Logs an answer as [`Store::record_answer`] does and, for a review
    /// answer that makes the card a leech under `rule`, tags it and (if the
    /// rule says so) logs a Suspend, all in one durable transaction.
    pub fn record_answer_with_leech(
        &mut self,
        answer: &NewAnswer<'_>,
        rule: &LeechRule,
    ) -> Result<Answered, StoreError> {
        self.write("cannot record the answer", |db| {
            let (entry, before, mut state) = db.answer(answer)?;
            let mut leech = None;
            if answer.mode == AnswerMode::Review {
                let tagged = db.has_tag(answer.card, LEECH_TAG)?;
                leech = rule.verdict(&before.sm2, &state.sm2, tagged);
            }
            if let Some(action) = leech {
                db.add_tag(answer.card, LEECH_TAG, answer.at_ms)?;
                if action == LeechAction::Suspend && !state.suspended {
                    let suspend = db.insert_log(
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
                last = Some(store.record_answer_with_leech(&a, &rule).unwrap());
                day = store
                    .get_card(card)
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
        let record = store.get_card(card).unwrap().unwrap();
        assert!(record.leech && record.state.suspended);
        assert_eq!(record.state.sm2.lapses, rule.threshold);
        assert_eq!(
            store.get_log(card).unwrap().last().unwrap().event,
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
            .record_answer_with_leech(&answer(5, AnswerMode::Review, 10), &rule)
            .unwrap();
        let drill = store
            .record_answer_with_leech(&answer(0, AnswerMode::Drill, 11), &rule)
            .unwrap();
        assert_eq!(drill.leech, None);
        let lapse = store
            .record_answer_with_leech(&answer(0, AnswerMode::Review, 11), &rule)
            .unwrap();
        assert_eq!(lapse.leech, Some(LeechAction::Tag));
        let record = store.get_card(card).unwrap().unwrap();
        assert!(record.leech && !record.state.suspended);
        assert!(store.check().unwrap().is_ok());
    }
}
