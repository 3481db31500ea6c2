//! Which days the learner studied on, for the streak.

use super::log::not_undone;
use super::{Store, StoreError};
use crate::day::Day;

/// Distinct days with a not-undone answer (review, repeat or drill), newest
/// first: `review_log_by_day` gives them in order.
const ANSWER_DAYS: &str = concat!(
    "SELECT DISTINCT r.day FROM review_log r WHERE r.event = 'answer' AND ",
    not_undone!("r"),
    " ORDER BY r.day DESC"
);

impl Store {
    /// Distinct days with an answer, newest first (see [`crate::session::streak`]).
    pub fn get_answer_days(&self) -> Result<Vec<Day>, StoreError> {
        let db = self.db();
        let fail = || db.fail("cannot read the review log (days studied)");
        let mut stmt = db.conn.prepare_cached(ANSWER_DAYS).map_err(fail())?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(fail())?;
        rows.collect::<Result<_, _>>().map_err(fail())
    }
}

#[cfg(test)]
mod tests {
    use crate::card::CardId;
    use crate::day::Day;
    use crate::history::Event;
    use crate::store::tests::{q, store_with};
    use crate::store::AnswerMode;

    #[test]
    fn answer_days_are_distinct_newest_first_and_skip_undone_answers() {
        let mut store = store_with(2);
        let card = |n: u64| CardId(0x1000_0000_0000 + n);
        let answer = |store: &mut crate::store::Store, n: u64, day: i32, mode| {
            store
                .record_answer(card(n), q(4), mode, 0, Day(day), None, None)
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
        assert_eq!(store.get_answer_days().unwrap(), [Day(12), Day(10)]);
    }
}
