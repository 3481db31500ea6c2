//! `recall check`: SQLite's own checks, then every card's stored state
//! against a replay of its log. Queries: `sql/check/`.

use super::log::{self, row_to_log_entry};
use super::{CardRecord, CheckReport, Db, Mismatch, Store, StoreError};
use crate::card::CardId;
use crate::history::{replay, LogEntry};
use std::collections::HashMap;

const INTEGRITY_CHECK: &str = include_str!("sql/check/integrity_check.sql");
const FOREIGN_KEY_PROBLEMS: &str = include_str!("sql/check/foreign_key_problems.sql");

impl Db<'_> {
    fn strings(self, sql: &str, what: &str) -> Result<Vec<String>, StoreError> {
        let fail = || self.fail(format!("cannot run {what}"));
        let mut stmt = self.conn.prepare(sql).map_err(fail())?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(fail())?;
        rows.collect::<Result<_, _>>().map_err(fail())
    }

    /// What `PRAGMA integrity_check` and `foreign_key_check` report: damage
    /// a replay cannot undo.
    pub(crate) fn sqlite_problems(self) -> Result<Vec<String>, StoreError> {
        let mut problems: Vec<String> = self
            .strings(INTEGRITY_CHECK, "the integrity check")?
            .into_iter()
            .filter(|row| row != "ok")
            .collect();
        problems.extend(self.strings(FOREIGN_KEY_PROBLEMS, "the foreign key check")?);
        Ok(problems)
    }

    fn integrity(self) -> Result<Vec<String>, StoreError> {
        let mut problems = self.sqlite_problems()?;
        problems.extend(
            self.cards_without_state()?
                .into_iter()
                .map(|id| format!("card {id} has no state row")),
        );
        Ok(problems)
    }

    pub(crate) fn log_by_card(self) -> Result<HashMap<CardId, Vec<LogEntry>>, StoreError> {
        let fail = || self.fail("cannot read the review log");
        let mut stmt = self.conn.prepare(log::ALL_BY_CARD).map_err(fail())?;
        let rows = stmt.query_map([], row_to_log_entry).map_err(fail())?;
        let mut by_card: HashMap<CardId, Vec<LogEntry>> = HashMap::new();
        for entry in rows {
            let entry = entry.map_err(fail())?;
            by_card.entry(entry.card).or_default().push(entry);
        }
        Ok(by_card)
    }
}

/// The cards whose stored state is not the replay of their log.
pub(crate) fn mismatches(
    records: &[CardRecord],
    log: &HashMap<CardId, Vec<LogEntry>>,
) -> Vec<Mismatch> {
    records
        .iter()
        .filter_map(|r| {
            let replayed = replay(log.get(&r.card.id).map_or(&[][..], Vec::as_slice));
            (replayed != r.state).then_some(Mismatch {
                card: r.card.id,
                stored: r.state,
                replayed,
            })
        })
        .collect()
}

impl Store {
    /// Runs `PRAGMA integrity_check` and `foreign_key_check`, and compares
    /// every card's stored state with a replay of its log.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let db = self.db();
        let integrity = db.integrity()?;
        let log = db.log_by_card()?;
        let records = db.all_records()?;
        let mismatches = mismatches(&records, &log);
        Ok(CheckReport {
            integrity,
            mismatches,
            cards_checked: u64::try_from(records.len()).unwrap_or(u64::MAX),
            log_rows: log
                .values()
                .map(|v| u64::try_from(v.len()).unwrap_or(u64::MAX))
                .sum(),
        })
    }
}
