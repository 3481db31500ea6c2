//! The review log, read ([`Log`]): per card, per day, the day counts and the
//! study run; and the append the write paths share. Queries: `sql/log/`.

use super::{Db, StoreError, UndoRefusal};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry, LogId};
use crate::sched::fsrs::Memory;
use crate::sched::{Quality, Sm2State};
use rusqlite::types::Type;
use rusqlite::{params, OptionalExtension, Row};

pub(crate) const CARD: &str = include_str!("sql/log/card.sql");
pub(crate) const DAY: &str = include_str!("sql/log/day.sql");
pub(crate) const DAY_ANSWERS: &str = include_str!("sql/log/day_answers.sql");
pub(crate) const ALL_BY_CARD: &str = include_str!("sql/log/all_by_card.sql");
const ADD: &str = include_str!("sql/log/add.sql");
pub(super) const ADD_IMPORT_MEMORY: &str = include_str!("sql/fsrs/add_import_memory.sql");
const UNDO_TARGET: &str = include_str!("sql/log/undo_target.sql");
pub(crate) const COUNT_INTRODUCED_ON: &str = include_str!("sql/log/count_introduced_on.sql");
pub(crate) const COUNT_REVIEWED_ON: &str = include_str!("sql/log/count_reviewed_on.sql");
pub(crate) const COUNT_ANSWERED_ON: &str = include_str!("sql/log/count_answered_on.sql");
const STUDY_RUN: &str = include_str!("sql/log/study_run.sql");

/// The events an undo may take back (the trigger of migration 005 agrees).
const UNDOABLE: [&str; 4] = ["answer", "suspend", "unsuspend", "bury"];

pub(crate) fn row_to_log_entry(row: &Row<'_>) -> rusqlite::Result<LogEntry> {
    // Borrowed: this runs once per log row, a million times in an export.
    let kind = row.get_ref(4)?.as_str()?;
    let event = match kind {
        "answer" => Event::Answer {
            quality: row.get(5)?,
            effect: row.get(6)?,
        },
        "undo" => Event::Undo {
            target: row.get(7)?,
        },
        "suspend" => Event::Suspend,
        "unsuspend" => Event::Unsuspend,
        "bury" => Event::Bury { until: row.get(8)? },
        "import" => Event::Import {
            state: Sm2State {
                reps: row.get(11)?,
                ef: row.get(12)?,
                interval: row.get(13)?,
                due: row.get(14)?,
                lapses: row.get(15)?,
            },
            memory: import_memory(row)?,
        },
        other => {
            return Err(rusqlite::Error::FromSqlConversionFailure(
                4,
                Type::Text,
                format!("unknown log event {other:?}").into(),
            ))
        }
    };
    Ok(LogEntry {
        id: row.get(0)?,
        card: row.get(1)?,
        at_ms: row.get(2)?,
        day: row.get(3)?,
        event,
        elapsed_ms: row.get(9)?,
        typed: row.get(10)?,
    })
}

/// The FSRS memory an import row carried (`import_stability`,
/// `import_difficulty`, from `import_memory`), read by name. Every log query
/// names both columns: the join where import rows may be read, `NULL` where
/// they cannot (said in the query), so a query that forgets them fails on its
/// first row instead of dropping the memory.
fn import_memory(row: &Row<'_>) -> rusqlite::Result<Option<Memory>> {
    let stability: Option<f32> = row.get("import_stability")?;
    let difficulty: Option<f32> = row.get("import_difficulty")?;
    Ok(match (stability, difficulty) {
        (Some(stability), Some(difficulty)) => Some(Memory {
            stability,
            difficulty,
        }),
        _ => None,
    })
}

/// The columns of `event`: its name, quality, effect, target and until day.
pub(super) type EventColumns = (
    &'static str,
    Option<Quality>,
    Option<Effect>,
    Option<LogId>,
    Option<Day>,
);

pub(super) fn event_columns(event: &Event) -> EventColumns {
    match event {
        Event::Answer { quality, effect } => ("answer", Some(*quality), Some(*effect), None, None),
        Event::Undo { target } => ("undo", None, None, Some(*target), None),
        Event::Suspend => ("suspend", None, None, None, None),
        Event::Unsuspend => ("unsuspend", None, None, None, None),
        Event::Bury { until } => ("bury", None, None, None, Some(*until)),
        Event::Import { .. } => ("import", None, None, None, None),
    }
}

/// The review log, read: `store.log()`.
#[derive(Clone, Copy)]
pub struct Log<'a> {
    pub(super) db: Db<'a>,
}

impl Log<'_> {
    /// A card's whole log, in log order.
    pub fn card(&self, card: CardId) -> Result<Vec<LogEntry>, StoreError> {
        self.db.get_log(card)
    }

    /// Every row logged on `day`, in log order.
    pub fn day(&self, day: Day) -> Result<Vec<LogEntry>, StoreError> {
        self.db.entries(DAY, day, &format!("day {day}"))
    }

    /// The answers and undos logged on `day`, in log order (what pending
    /// repeats are made of), without the day's other rows.
    pub fn day_answers(&self, day: Day) -> Result<Vec<LogEntry>, StoreError> {
        self.db.entries(DAY_ANSWERS, day, &format!("day {day}"))
    }

    /// Cards whose first not-undone scheduled answer is on `day`.
    pub fn introduced_on(&self, day: Day) -> Result<u32, StoreError> {
        let n = self.count_on(COUNT_INTRODUCED_ON, day, "new cards")?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Not-undone scheduled answers on `day` of cards that were not new then.
    pub fn reviewed_on(&self, day: Day) -> Result<u32, StoreError> {
        let n = self.count_on(COUNT_REVIEWED_ON, day, "reviews")?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The days of the current study run, newest first (the streak):
    /// empty when neither today nor yesterday has an answer.
    pub fn study_run(&self, today: Day) -> Result<Vec<Day>, StoreError> {
        self.db
            .rows(STUDY_RUN, [today], "the review log (days studied)", |r| {
                r.get(0)
            })
    }

    /// The count of a `sql/log/count_*_on.sql` query for `day`.
    pub(super) fn count_on(&self, sql: &str, day: Day, what: &str) -> Result<u64, StoreError> {
        self.db
            .one(sql, [day], &format!("cannot count {what} on {day}"))
    }
}

impl Db<'_> {
    fn entries(
        self,
        sql: &str,
        param: impl rusqlite::ToSql,
        what: &str,
    ) -> Result<Vec<LogEntry>, StoreError> {
        let what = format!("the review log ({what})");
        self.rows(sql, [param], &what, row_to_log_entry)
    }

    pub(crate) fn get_log(self, card: CardId) -> Result<Vec<LogEntry>, StoreError> {
        self.entries(CARD, card, &format!("card {card}"))
    }

    /// Appends a row to the log; returns it as stored.
    pub(crate) fn add_log(
        self,
        card: CardId,
        event: Event,
        at_ms: i64,
        day: Day,
        elapsed_ms: Option<i64>,
        typed: Option<&str>,
    ) -> Result<LogEntry, StoreError> {
        let (name, quality, effect, target, until) = event_columns(&event);
        let set = match &event {
            Event::Import { state, .. } => Some(state),
            _ => None,
        };
        self.run(
            ADD,
            params![
                card,
                at_ms,
                day,
                name,
                quality,
                effect,
                target,
                until,
                elapsed_ms,
                typed,
                set.map(|s| s.reps),
                set.map(|s| s.ef),
                set.map(|s| s.interval),
                set.and_then(|s| s.due),
                set.map(|s| s.lapses),
            ],
            format!("cannot log {name} of card {card}"),
        )?;
        let id = LogId(self.conn.last_insert_rowid());
        if let Event::Import {
            memory: Some(m), ..
        } = &event
        {
            self.run(
                ADD_IMPORT_MEMORY,
                params![id, m.stability, m.difficulty],
                format!("cannot log the FSRS memory imported for card {card}"),
            )?;
        }
        Ok(LogEntry {
            id,
            card,
            at_ms,
            day,
            event,
            elapsed_ms,
            typed: typed.map(str::to_string),
        })
    }

    /// Refuses an undo of anything but a not-yet-undone answer, suspend,
    /// unsuspend or bury of `card`.
    pub(crate) fn check_undo_target(self, card: CardId, target: LogId) -> Result<(), StoreError> {
        let found: Option<(CardId, String, bool)> = self
            .conn
            .prepare_cached(UNDO_TARGET)
            .and_then(|mut s| {
                s.query_row([target], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(self.fail(format!("cannot read log row {}", target.0)))?;
        let reason = match found {
            None => UndoRefusal::NoSuchRow,
            Some((owner, _, _)) if owner != card => UndoRefusal::OtherCard(owner),
            Some((_, event, _)) if !UNDOABLE.contains(&event.as_str()) => {
                UndoRefusal::NotUndoable(event)
            }
            Some((_, _, false)) => UndoRefusal::AlreadyUndone,
            Some(_) => return Ok(()),
        };
        Err(StoreError::BadUndo {
            card,
            target,
            reason,
        })
    }
}
