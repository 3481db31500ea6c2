//! Counting: the day's new cards and reviews, and the collection at a glance.

use super::log::not_undone;
use super::{Counts, Db, Store, StoreError, MATURE_INTERVAL};
use crate::day::Day;

/// A not-undone Schedule answer of the same card logged before `r`.
macro_rules! earlier_schedule {
    () => {
        concat!(
            "EXISTS (SELECT 1 FROM review_log p WHERE p.card_id = r.card_id AND p.id < r.id \
             AND p.event = 'answer' AND p.effect = 'schedule' AND ",
            not_undone!("p"),
            ")"
        )
    };
}

/// Not-undone Schedule answers on `?1`: the rows both day counts start from.
macro_rules! schedule_on_day {
    () => {
        concat!(
            "FROM review_log r WHERE r.day = ?1 AND r.event = 'answer' AND r.effect = 'schedule' AND ",
            not_undone!("r")
        )
    };
}

pub(crate) const COUNT_INTRODUCED: &str = concat!(
    "SELECT count(DISTINCT r.card_id) ",
    schedule_on_day!(),
    " AND NOT ",
    earlier_schedule!()
);

pub(crate) const COUNT_REVIEWED: &str = concat!(
    "SELECT count(*) ",
    schedule_on_day!(),
    " AND ",
    earlier_schedule!()
);

const COUNT_ANSWERED_TODAY: &str = concat!(
    "SELECT count(*) FROM review_log r WHERE r.day = ?1 AND r.event = 'answer' \
     AND r.effect IN ('schedule', 'repeat') AND ",
    not_undone!("r")
);

const COUNT_CARDS: &str = "
    SELECT count(*) FILTER (WHERE c.retired = 0),
           count(*) FILTER (WHERE c.retired = 0 AND s.due IS NULL),
           count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval < ?1),
           count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval >= ?1),
           count(*) FILTER (WHERE c.retired = 0 AND s.suspended = 1),
           count(*) FILTER (WHERE c.retired = 1)
    FROM cards c JOIN card_state s ON s.card_id = c.id";

impl Db<'_> {
    fn count(self, sql: &str, day: Day, what: &str) -> Result<u64, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.query_row([day], |r| r.get(0)))
            .map_err(self.fail(format!("cannot count {what} on {day}")))
    }
}

impl Store {
    /// Cards whose first not-undone scheduled answer is on `day`.
    pub fn count_introduced_on(&self, day: Day) -> Result<u32, StoreError> {
        let n = self.db().count(COUNT_INTRODUCED, day, "new cards")?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Not-undone scheduled answers on `day` of cards that were not new then.
    pub fn count_reviewed_on(&self, day: Day) -> Result<u32, StoreError> {
        let n = self.db().count(COUNT_REVIEWED, day, "reviews")?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    pub fn counts(&self, today: Day) -> Result<Counts, StoreError> {
        let db = self.db();
        let mut counts = db
            .conn
            .query_row(COUNT_CARDS, [MATURE_INTERVAL], |r| {
                Ok(Counts {
                    total: r.get(0)?,
                    new: r.get(1)?,
                    learning: r.get(2)?,
                    mature: r.get(3)?,
                    suspended: r.get(4)?,
                    retired: r.get(5)?,
                    ..Counts::default()
                })
            })
            .map_err(db.fail("cannot count the cards"))?;
        counts.due_today = self.count_due(today)?;
        counts.reviewed_today = db.count(COUNT_ANSWERED_TODAY, today, "answers")?;
        Ok(counts)
    }
}
