//! `recall check`: SQLite's own checks, then every card's stored state
//! against a replay of its log. Queries: `sql/check/`.

use super::log::{self, row_to_log_entry};
use super::{CardRecord, CheckReport, Db, Mismatch, Store, StoreError, MATURE_INTERVAL};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{replay_with, LogEntry, Scheduler};
use crate::sched::PASSING_QUALITY;
use rusqlite::params;
use std::collections::HashMap;

const INTEGRITY_CHECK: &str = include_str!("sql/check/integrity_check.sql");
const FOREIGN_KEY_PROBLEMS: &str = include_str!("sql/check/foreign_key_problems.sql");
const DAY_STATS_DIFF: &str = include_str!("sql/check/day_stats_diff.sql");
const NEW_CARDS_DIFF: &str = include_str!("sql/check/new_cards_diff.sql");

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

    /// The days whose `day_stats` row (what `stats` reads) is not what the
    /// log says: the triggers of migration 005 keep them equal.
    pub(crate) fn day_stats_problems(self) -> Result<Vec<String>, StoreError> {
        let params = params![MATURE_INTERVAL, PASSING_QUALITY];
        let rows: Vec<(i64, String, String)> =
            self.rows(DAY_STATS_DIFF, params, "the day_stats check", |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        Ok(rows
            .into_iter()
            .map(|(day, stored, log)| {
                format!(
                    "stats of day {day} (days since 1970; answers, reviews, scheduled, \
                     young, passed, mature, passed) are [{stored}] but the log says [{log}]"
                )
            })
            .collect())
    }

    /// The rows of `new_cards` (the index of new cards in `ord` order that
    /// `next` walks) that are not what `cards` and `card_state` say: the
    /// triggers of migration 010 keep them equal.
    pub(crate) fn new_cards_problems(self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String, i64, i64)> =
            self.rows(NEW_CARDS_DIFF, [], "the new_cards check", |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        Ok(rows
            .into_iter()
            .map(|(kind, card, ord)| match kind.as_str() {
                "stored" => format!(
                    "the new-card index lists card {card} at position {ord}, \
                     but it is not a new active card there"
                ),
                _ => format!("the new-card index misses card {card} (new, active, position {ord})"),
            })
            .collect())
    }

    fn integrity(self) -> Result<Vec<String>, StoreError> {
        let mut problems = self.sqlite_problems()?;
        problems.extend(self.day_stats_problems()?);
        problems.extend(self.new_cards_problems()?);
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

/// Stored days outside [`Day::MIN`]..=[`Day::MAX`]: a card's due, buried or
/// last-review day (`check --repair` puts it back from the log), or a log
/// row's day (the log is the truth: reported, not rewritten).
pub(crate) fn days_out_of_range(
    records: &[CardRecord],
    log: &HashMap<CardId, Vec<LogEntry>>,
) -> Vec<String> {
    let range = format!("{}..={}", Day::MIN, Day::MAX);
    let mut problems = Vec::new();
    for r in records {
        let s = &r.state;
        let days = [
            ("due day", s.sm2.due),
            ("buried-until day", s.buried_until),
            ("last review day", s.last_review),
        ];
        for (what, day) in days {
            if let Some(day) = day.filter(|d| !d.in_range()) {
                problems.push(format!(
                    "card {}: its {what} {} (days since 1970) is outside {range}; \
                     `recall check --repair` puts it back from the log",
                    r.card.id, day.0
                ));
            }
        }
    }
    let mut rows: Vec<&LogEntry> = log
        .values()
        .flatten()
        .filter(|e| !e.day.in_range())
        .collect();
    rows.sort_by_key(|e| e.id);
    problems.extend(rows.into_iter().map(|e| {
        format!(
            "log row {} of card {}: its day {} (days since 1970) is outside {range}",
            e.id.0, e.card, e.day.0
        )
    }));
    problems
}

/// The cards whose stored state is not the replay of their log.
pub(crate) fn mismatches(
    scheduler: &Scheduler,
    records: &[CardRecord],
    log: &HashMap<CardId, Vec<LogEntry>>,
) -> Vec<Mismatch> {
    records
        .iter()
        .filter_map(|r| {
            let entries = log.get(&r.card.id).map_or(&[][..], Vec::as_slice);
            let replayed = replay_with(scheduler, entries);
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
        let mut integrity = db.integrity()?;
        let log = db.log_by_card()?;
        let records = db.all_records()?;
        integrity.extend(days_out_of_range(&records, &log));
        let mismatches = mismatches(db.scheduler, &records, &log);
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
