//! Which days the learner studied on, for the streak.

use super::log::not_undone;
use super::{Store, StoreError};
use crate::day::Day;

/// A not-undone answer (review, repeat or drill) on the day in `$day`.
macro_rules! studied {
    ($day:literal) => {
        concat!(
            "EXISTS (SELECT 1 FROM review_log r WHERE r.day = ",
            $day,
            " AND r.event = 'answer' AND ",
            not_undone!("r"),
            ")"
        )
    };
}

/// The run of days with an answer that ends today (`?1`) or, if today has
/// none yet, yesterday, newest first. One query, walking back a day at a time
/// on `review_log_by_day`, so it reads a few rows per day of the streak rather
/// than the whole log.
const STUDY_RUN: &str = concat!(
    "WITH RECURSIVE run(day) AS (
        SELECT d FROM (
            SELECT d FROM (SELECT ?1 AS d UNION ALL SELECT ?1 - 1)
            WHERE ",
    studied!("d"),
    " ORDER BY d DESC LIMIT 1)
        UNION ALL
        SELECT run.day - 1 FROM run WHERE ",
    studied!("run.day - 1"),
    ")
     SELECT day FROM run ORDER BY day DESC"
);

impl Store {
    /// The days of the current study run, newest first (see
    /// [`crate::session::streak`]): empty when neither today nor yesterday
    /// has an answer.
    pub fn get_study_run(&self, today: Day) -> Result<Vec<Day>, StoreError> {
        self.db()
            .rows(STUDY_RUN, [today], "the review log (days studied)", |r| {
                r.get(0)
            })
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
    fn the_study_run_walks_back_from_today_and_skips_undone_answers() {
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
        answer(&mut store, 1, 11, AnswerMode::Review);
        assert_eq!(
            store.get_study_run(Day(13)).unwrap(),
            [Day(12), Day(11), Day(10)]
        );
        assert_eq!(
            store.get_study_run(Day(12)).unwrap(),
            [Day(12), Day(11), Day(10)]
        );
        assert_eq!(store.get_study_run(Day(11)).unwrap(), [Day(11), Day(10)]);
        assert!(
            store.get_study_run(Day(14)).unwrap().is_empty(),
            "13 was undone"
        );
        assert!(store.get_study_run(Day(9)).unwrap().is_empty());
    }
}
