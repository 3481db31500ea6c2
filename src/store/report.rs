//! The aggregates behind `recall stats` and `recall due --count`: every one a
//! GROUP BY or COUNT in SQLite, so the review log never comes into memory.

use super::error::sql_error;
use super::log::not_undone;
use super::schema::{self, Found};
use super::{Db, Store, StoreError, MATURE_INTERVAL};
use crate::day::Day;
use crate::sched::PASSING_QUALITY;
use crate::stats::{
    heatmap, DayCount, Input, Leech, MilestoneInfo, RetentionRow, SectionProgress, Stages,
    ValueCount, FORECAST_DAYS, LEECHES_SHOWN, RETENTION_WINDOWS,
};
use rusqlite::{params, Connection, OpenFlags, Params, Row};
use std::path::Path;

/// A not-undone answer of the day's review (scheduled or a same-day repeat),
/// as `reviewed_today` counts them.
macro_rules! review_answer {
    () => {
        concat!(
            "r.event = 'answer' AND r.effect IN ('schedule', 'repeat') AND ",
            not_undone!("r")
        )
    };
}

/// The due count of [`super::cards::GET_DUE`] without reading a table row:
/// a range of the covering `card_state_queue`, less the retired cards in it
/// (they keep their state; the few there are come from `cards_by_ord`).
/// Joining every due card to `cards` instead reads a page per card.
pub(crate) const COUNT_DUE: &str = "
    SELECT (SELECT count(*) FROM card_state s
            WHERE s.suspended = 0 AND s.due <= ?1
              AND (s.buried_until IS NULL OR s.buried_until <= ?1))
         - (SELECT count(*) FROM cards c CROSS JOIN card_state s ON s.card_id = c.id
            WHERE c.retired = 1 AND s.suspended = 0 AND s.due <= ?1
              AND (s.buried_until IS NULL OR s.buried_until <= ?1))";

/// Days studied, as the streak counts them (any not-undone answer, drills
/// too): each distinct day of the day index — read from the index alone —
/// kept if one of its rows is such an answer (the EXISTS stops at the first).
pub(crate) const REVIEW_DAYS: &str = concat!(
    "SELECT d.day FROM (SELECT DISTINCT day FROM review_log) d
     WHERE EXISTS (SELECT 1 FROM review_log r WHERE r.day = d.day AND r.event = 'answer' AND ",
    not_undone!("r"),
    ") ORDER BY d.day"
);

/// Answers per day for the heatmap. NOT INDEXED: a year is most of a log,
/// and one sequential pass beats visiting its rows in day order (random
/// pages): 0.6 s against 2.1 s at 1M answers.
pub(crate) const ANSWERS_BY_DAY: &str = concat!(
    "SELECT r.day, count(*) FROM review_log r NOT INDEXED WHERE r.day >= ?1 AND r.day <= ?2 AND ",
    review_answer!(),
    " GROUP BY r.day ORDER BY r.day"
);

/// Scheduled answers of the window with the days since the card's previous
/// scheduled answer (NULL for its first: an introduction, not a review).
/// One pass over the log in (card, id) order with `lag`, instead of a
/// lookup of the previous answer per row: 5× faster at 1M answers.
pub(crate) const RETENTION: &str = concat!(
    "WITH a AS (
       SELECT r.day, r.quality,
              r.day - lag(r.day) OVER (PARTITION BY r.card_id ORDER BY r.id) AS gap
       FROM review_log r
       WHERE r.event = 'answer' AND r.effect = 'schedule' AND ",
    not_undone!("r"),
    ")
     SELECT day, gap >= ?3 AS mature, count(*), sum(quality >= ?4) FROM a
     WHERE day >= ?1 AND day <= ?2 AND gap IS NOT NULL
     GROUP BY day, mature ORDER BY day, mature"
);

/// Due cards by the day they show up (overdue on `?1`, buried ones when unburied).
pub(crate) const DUE_BY_DAY: &str = "
    SELECT max(s.due, coalesce(s.buried_until, s.due), ?1) AS d, count(*)
    FROM card_state s CROSS JOIN cards c ON c.id = s.card_id
    WHERE s.suspended = 0 AND s.due < ?2 AND c.retired = 0
    GROUP BY d ORDER BY d";

const EF_COUNTS: &str = "
    SELECT s.ef, count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
    WHERE c.retired = 0 AND s.due IS NOT NULL GROUP BY s.ef ORDER BY s.ef";

const INTERVAL_COUNTS: &str = "
    SELECT s.interval, count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
    WHERE c.retired = 0 AND s.due IS NOT NULL GROUP BY s.interval ORDER BY s.interval";

const COUNT_LEECHES: &str = "
    SELECT count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
    WHERE c.retired = 0 AND s.lapses >= ?1";

const GET_LEECHES: &str = "
    SELECT c.id, c.topic, c.prompt, s.lapses, s.suspended
    FROM card_state s JOIN cards c ON c.id = s.card_id
    WHERE c.retired = 0 AND s.lapses >= ?1
    ORDER BY s.lapses DESC, c.ord, c.id LIMIT ?2";

/// [`row_to_stages`]' columns for the cards `c` with states `s` (`?1` = mature interval).
macro_rules! stage_columns {
    () => {
        "count(c.id) FILTER (WHERE s.due IS NULL),
         count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval < ?1),
         count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval >= ?1),
         count(c.id) FILTER (WHERE s.suspended = 1)"
    };
}

const SECTION_PROGRESS: &str = concat!(
    "SELECT x.id, x.title, x.goal, ",
    stage_columns!(),
    " FROM sections x
      LEFT JOIN cards c ON c.deck = x.id AND c.retired = 0
      LEFT JOIN card_state s ON s.card_id = c.id
      GROUP BY x.id ORDER BY x.ord"
);

const TOPIC_STAGES: &str = concat!(
    "SELECT c.topic, ",
    stage_columns!(),
    " FROM cards c JOIN card_state s ON s.card_id = c.id
      WHERE c.deck = ?2 AND c.retired = 0 GROUP BY c.topic"
);

const MILESTONES: &str = "SELECT id, label, section, text FROM milestones ORDER BY ord";

fn row_to_stages(row: &Row<'_>, at: usize) -> rusqlite::Result<Stages> {
    Ok(Stages {
        new: row.get(at)?,
        learning: row.get(at + 1)?,
        mature: row.get(at + 2)?,
        suspended: row.get(at + 3)?,
    })
}

fn row_to_day_count(row: &Row<'_>) -> rusqlite::Result<DayCount> {
    Ok(DayCount {
        day: row.get(0)?,
        count: row.get(1)?,
    })
}

fn row_to_value_count(row: &Row<'_>) -> rusqlite::Result<ValueCount> {
    Ok(ValueCount {
        value: row.get(0)?,
        cards: row.get(1)?,
    })
}

impl Db<'_> {
    fn one(self, sql: &str, params: impl Params, what: &str) -> Result<u64, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.query_row(params, |r| r.get(0)))
            .map_err(self.fail(format!("cannot count {what}")))
    }
}

impl Store {
    /// Opens an existing collection for reading only: no migration, no
    /// journal change, nothing written. For commands that run on every shell
    /// prompt. A collection of an older schema is read as it is.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let missing = || StoreError::NoCollection {
            path: path.to_path_buf(),
        };
        if !path.exists() {
            return Err(missing());
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let context = || format!("cannot open {}", path.display());
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| sql_error(path, context(), e))?;
        conn.busy_timeout(schema::BUSY_TIMEOUT)
            .map_err(|e| sql_error(path, context(), e))?;
        match schema::inspect(&conn, path, schema::SCHEMA_VERSION)? {
            Found::Empty => Err(missing()),
            Found::Collection(_) => Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
            }),
        }
    }

    /// Reviews due on `today`: what [`Store::get_due`] returns, counted.
    pub fn count_due(&self, today: Day) -> Result<u64, StoreError> {
        self.db().one(COUNT_DUE, [today], "the due cards")
    }

    /// Every day with at least one not-undone answer (drills too), in order.
    pub fn get_review_days(&self) -> Result<Vec<Day>, StoreError> {
        self.db()
            .rows(REVIEW_DAYS, [], "the days with reviews", |r| r.get(0))
    }

    /// Review answers per day from `from` to `to`; days without answers left out.
    pub fn get_answers_by_day(&self, from: Day, to: Day) -> Result<Vec<DayCount>, StoreError> {
        self.db().rows(
            ANSWERS_BY_DAY,
            [from, to],
            "answers per day",
            row_to_day_count,
        )
    }

    /// Due cards per day they show up, for the cards due before `until`:
    /// overdue ones on `today`, buried ones on the day they come back (which
    /// may be `until` or later).
    pub fn get_due_by_day(&self, today: Day, until: Day) -> Result<Vec<DayCount>, StoreError> {
        self.db().rows(
            DUE_BY_DAY,
            [today, until],
            "the due forecast",
            row_to_day_count,
        )
    }

    /// Scheduled review answers from `from` to `to`, per day, split into
    /// young and mature (at least [`MATURE_INTERVAL`] days since the card's
    /// previous review).
    pub fn get_retention(&self, from: Day, to: Day) -> Result<Vec<RetentionRow>, StoreError> {
        let params = params![from, to, MATURE_INTERVAL, PASSING_QUALITY];
        self.db().rows(RETENTION, params, "retention", |r| {
            Ok(RetentionRow {
                day: r.get(0)?,
                mature: r.get(1)?,
                answers: r.get(2)?,
                passed: r.get(3)?,
            })
        })
    }

    /// Scheduled active cards by ease (hundredths) and by interval (days).
    pub fn get_ef_and_interval_counts(
        &self,
    ) -> Result<(Vec<ValueCount>, Vec<ValueCount>), StoreError> {
        let db = self.db();
        Ok((
            db.rows(EF_COUNTS, [], "the ease factors", row_to_value_count)?,
            db.rows(INTERVAL_COUNTS, [], "the intervals", row_to_value_count)?,
        ))
    }

    /// How many active cards have lapsed `lapses` times or more, and the worst `limit`.
    pub fn get_leeches(&self, lapses: u32, limit: u32) -> Result<(u64, Vec<Leech>), StoreError> {
        let db = self.db();
        let count = db.one(COUNT_LEECHES, [lapses], "the leeches")?;
        let cards = db.rows(GET_LEECHES, [lapses, limit], "the leeches", |r| {
            Ok(Leech {
                id: r.get(0)?,
                topic: r.get(1)?,
                prompt: r.get(2)?,
                lapses: r.get(3)?,
                suspended: r.get(4)?,
            })
        })?;
        Ok((count, cards))
    }

    /// Every section of the roadmap, in order, with its active cards by stage.
    pub fn get_section_progress(&self) -> Result<Vec<SectionProgress>, StoreError> {
        self.db().rows(
            SECTION_PROGRESS,
            [MATURE_INTERVAL],
            "progress per section",
            |r| {
                Ok(SectionProgress {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    goal: r.get(2)?,
                    stages: row_to_stages(r, 3)?,
                })
            },
        )
    }

    /// The topics and subtopics of `section` with their own active cards by
    /// stage (a topic without cards is left out).
    pub fn get_topic_stages(&self, section: &str) -> Result<Vec<(String, Stages)>, StoreError> {
        self.db().rows(
            TOPIC_STAGES,
            params![MATURE_INTERVAL, section],
            "progress per topic",
            |r| Ok((r.get(0)?, row_to_stages(r, 1)?)),
        )
    }

    /// The milestones and capstones of the last compile, in roadmap order.
    pub fn get_milestones(&self) -> Result<Vec<MilestoneInfo>, StoreError> {
        self.db().rows(MILESTONES, [], "the milestones", |r| {
            Ok(MilestoneInfo {
                id: r.get(0)?,
                label: r.get(1)?,
                section: r.get(2)?,
                text: r.get(3)?,
            })
        })
    }

    /// Everything `recall stats` reports on, for `today`, with leeches from
    /// `leech_threshold` lapses; `new_today` is left at 0 for the caller, who
    /// knows the limits.
    pub fn stats_input(&self, today: Day, leech_threshold: u32) -> Result<Input, StoreError> {
        let forecast_end = today.plus(i32::try_from(FORECAST_DAYS).unwrap_or(i32::MAX));
        let longest = RETENTION_WINDOWS.iter().copied().max().unwrap_or(0);
        let year_ago = today.plus(1 - i32::try_from(longest).unwrap_or(i32::MAX));
        let (ef, intervals) = self.get_ef_and_interval_counts()?;
        let (leech_count, leeches) = self.get_leeches(leech_threshold, LEECHES_SHOWN)?;
        Ok(Input {
            today,
            counts: self.counts(today)?,
            new_today: 0,
            review_days: self.get_review_days()?,
            answers_by_day: self.get_answers_by_day(heatmap::first_day(today), today)?,
            due_by_day: self.get_due_by_day(today, forecast_end)?,
            retention: self.get_retention(year_ago, today)?,
            ef,
            intervals,
            leech_threshold,
            leech_count,
            leeches,
            sections: self.get_section_progress()?,
            milestones: self.get_milestones()?,
        })
    }
}
