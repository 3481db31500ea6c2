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
