//! The log rows of the cards a `recall import` adds, written
//! [`ROWS_PER_INSERT`] to a statement: the log's triggers make every insert
//! copy each page it changes to a statement journal, so a statement per
//! row (a million of them for a large Anki collection) spent most of the
//! import there. After each statement its rows get their origins
//! (`import_origins`) and are tallied for `day_stats`.

use super::day_stats::DayTally;
use super::import_plan::ImportedEvent;
use super::log::{event_columns, ADD_IMPORT_MEMORY};
use super::{Db, StoreError};
use crate::card::CardId;
use crate::history::{Event, LogEntry, LogId};
use rusqlite::ToSql;

/// Rows per INSERT: 15 parameters each, far below SQLite's 32766.
const ROWS_PER_INSERT: usize = 256;

const ADD_LOG_ROWS: &str = include_str!("sql/import/add_log_rows.sql");
/// The placeholders of one row in [`ADD_LOG_ROWS`].
const LOG_ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

fn insert(rows: usize) -> String {
    format!("{ADD_LOG_ROWS} {}", vec![LOG_ROW; rows].join(", "))
}

/// Log rows waiting for their statement, in log order.
pub(super) struct LogBatch {
    rows: Vec<(CardId, ImportedEvent)>,
    full: String,
}

impl LogBatch {
    pub(super) fn new() -> LogBatch {
        LogBatch {
            rows: Vec::with_capacity(ROWS_PER_INSERT),
            full: insert(ROWS_PER_INSERT),
        }
    }

    /// Queues `event` of `card`, writing the batch once it is full.
    pub(super) fn push(
        &mut self,
        db: Db<'_>,
        card: CardId,
        event: ImportedEvent,
        tally: &mut DayTally,
    ) -> Result<(), StoreError> {
        self.rows.push((card, event));
        if self.rows.len() == ROWS_PER_INSERT {
            self.flush(db, tally)?;
        }
        Ok(())
    }

    /// Writes the queued rows (before anything else appends to the log or
    /// reads it), gives them their origins and tallies them.
    pub(super) fn flush(&mut self, db: Db<'_>, tally: &mut DayTally) -> Result<(), StoreError> {
        let Some(&(first_card, _)) = self.rows.first() else {
            return Ok(());
        };
        let partial;
        let sql = if self.rows.len() == ROWS_PER_INSERT {
            &self.full
        } else {
            partial = insert(self.rows.len());
            &partial
        };
        let context = format!("cannot log the imported history of card {first_card}");
        let written = db
            .conn
            .prepare_cached(sql)
            .and_then(|mut stmt| {
                let mut at = 1;
                for (card, e) in &self.rows {
                    let (name, quality, effect, target, until) = event_columns(&e.event);
                    let set = match &e.event {
                        Event::Import { state, .. } => Some(state),
                        _ => None,
                    };
                    let values: [&dyn ToSql; 15] = [
                        card,
                        &e.at_ms,
                        &e.day,
                        &name,
                        &quality,
                        &effect,
                        &target,
                        &until,
                        &e.elapsed_ms,
                        &None::<&str>,
                        &set.map(|s| s.reps),
                        &set.map(|s| s.ef),
                        &set.map(|s| s.interval),
                        &set.and_then(|s| s.due),
                        &set.map(|s| s.lapses),
                    ];
                    for v in values {
                        stmt.raw_bind_parameter(at, v)?;
                        at += 1;
                    }
                }
                stmt.raw_execute()
            })
            .map_err(db.fail(context))?;
        // One statement inside the import's transaction: its rows took the
        // ids after the log's last, in order, up to the last insert's.
        let last = db.conn.last_insert_rowid();
        let first = last - i64::try_from(written).unwrap_or(i64::MAX) + 1;
        let times: Vec<i64> = self.rows.iter().map(|(_, e)| e.at_ms).collect();
        db.add_origins(first, &times)?;
        for (id, (card, e)) in (first..).zip(self.rows.drain(..)) {
            if let Event::Import {
                memory: Some(m), ..
            } = &e.event
            {
                db.run(
                    ADD_IMPORT_MEMORY,
                    rusqlite::params![id, m.stability, m.difficulty],
                    format!("cannot log the FSRS memory imported for card {card}"),
                )?;
            }
            tally.push(&LogEntry {
                id: LogId(id),
                card,
                at_ms: e.at_ms,
                day: e.day,
                event: e.event,
                elapsed_ms: e.elapsed_ms,
                typed: None,
            });
        }
        Ok(())
    }
}
