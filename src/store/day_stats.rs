//! `day_stats`, what `recall stats` reads of the log, one row a day (table:
//! migration 005): answers (the streak), reviews (the heatmap), scheduled
//! answers, and young and mature reviews with how many passed (retention).
//! Kept in the transaction of each write: a recorded event recounts its card
//! ([`Db::recount_day_stats`]); a bulk write (import) tallies the entries it
//! appends ([`DayTally`], [`Db::add_day_tally`]). `recall check` compares the
//! table with a recomputation from the log in SQL (sql/check/day_stats_diff.sql).
//! Queries: `sql/day_stats/`.

use super::{Db, StoreError, MATURE_INTERVAL};
use crate::card::CardId;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry, LogId};
use crate::sched::PASSING_QUALITY;
use rusqlite::params;
use std::collections::{BTreeMap, HashMap, HashSet};

const ADD: &str = include_str!("sql/day_stats/add.sql");
const CLEAR: &str = include_str!("sql/day_stats/clear.sql");
const UNDO_TARGETS: &str = include_str!("sql/day_stats/undo_targets.sql");
const NEXT_LOG_ID: &str = include_str!("sql/day_stats/next_log_id.sql");

/// What some answers add to (or, negative, take from) one day's row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DayDelta {
    pub answers: i64,
    pub reviews: i64,
    pub scheduled: i64,
    pub young: i64,
    pub young_passed: i64,
    pub mature: i64,
    pub mature_passed: i64,
}

impl DayDelta {
    fn add(&mut self, o: &DayDelta, sign: i64) {
        self.answers += sign * o.answers;
        self.reviews += sign * o.reviews;
        self.scheduled += sign * o.scheduled;
        self.young += sign * o.young;
        self.young_passed += sign * o.young_passed;
        self.mature += sign * o.mature;
        self.mature_passed += sign * o.mature_passed;
    }

    fn is_zero(&self) -> bool {
        *self == DayDelta::default()
    }
}

/// Per-day sums of log entries fed in log order, as `stats` counts them: a
/// not-undone answer counts on its day; a scheduled one after an earlier
/// scheduled one of its card is a review, mature from [`MATURE_INTERVAL`]
/// days after it, passed from [`PASSING_QUALITY`].
#[derive(Debug, Default)]
pub(crate) struct DayTally {
    days: BTreeMap<Day, DayDelta>,
    last_scheduled: HashMap<CardId, Day>,
    /// Answers undone later in the log (known before the walk).
    undone: HashSet<LogId>,
    /// An undo was fed without its target in `undone`: the sums are wrong.
    saw_undo: bool,
}

impl DayTally {
    /// A tally for a walk whose undone answers are `undone`.
    pub(crate) fn new(undone: HashSet<LogId>) -> DayTally {
        DayTally {
            undone,
            ..DayTally::default()
        }
    }

    /// The sums of one card's whole log.
    pub(crate) fn of_card(log: &[LogEntry]) -> DayTally {
        let undone = log
            .iter()
            .filter_map(|e| match e.event {
                Event::Undo { target } => Some(target),
                _ => None,
            })
            .collect();
        let mut tally = DayTally::new(undone);
        log.iter().for_each(|e| tally.push(e));
        tally
    }

    pub(crate) fn push(&mut self, entry: &LogEntry) {
        let (quality, effect) = match entry.event {
            Event::Answer { quality, effect } => (quality, effect),
            Event::Undo { target } => {
                self.saw_undo |= !self.undone.contains(&target);
                return;
            }
            _ => return,
        };
        if self.undone.contains(&entry.id) {
            return;
        }
        let day = self.days.entry(entry.day).or_default();
        day.answers += 1;
        day.reviews += i64::from(effect != Effect::Drill);
        if effect != Effect::Schedule {
            return;
        }
        day.scheduled += 1;
        let passed = i64::from(quality.value() >= PASSING_QUALITY);
        if let Some(previous) = self.last_scheduled.insert(entry.card, entry.day) {
            if i64::from(entry.day.0) - i64::from(previous.0) >= i64::from(MATURE_INTERVAL) {
                day.mature += 1;
                day.mature_passed += passed;
            } else {
                day.young += 1;
                day.young_passed += passed;
            }
        }
    }

    /// Whether an undo came in whose answer was not known to be undone: the
    /// sums are then not the log's (a caller rebuilds instead).
    pub(crate) fn is_exact(&self) -> bool {
        !self.saw_undo
    }

    /// What turns `before`'s sums into `self`'s, per day (days without change left out).
    fn minus(&self, before: &DayTally) -> Vec<(Day, DayDelta)> {
        let mut out: BTreeMap<Day, DayDelta> = self.days.clone();
        for (day, d) in &before.days {
            out.entry(*day).or_default().add(d, -1);
        }
        out.into_iter().filter(|(_, d)| !d.is_zero()).collect()
    }
}

impl Db<'_> {
    fn add_day_deltas<'d>(
        self,
        deltas: impl IntoIterator<Item = (&'d Day, &'d DayDelta)>,
    ) -> Result<(), StoreError> {
        for (day, d) in deltas {
            self.run(
                ADD,
                params![
                    day,
                    d.answers,
                    d.reviews,
                    d.scheduled,
                    d.young,
                    d.young_passed,
                    d.mature,
                    d.mature_passed
                ],
                "cannot update the day stats",
            )?;
        }
        Ok(())
    }

    /// Brings `day_stats` up to date after `card`'s log got the rows from
    /// `first_new` on (wherever they sort): its sums with them less its sums
    /// without them. One
    /// card's log, read through review_log_by_card.
    pub(crate) fn recount_day_stats(
        self,
        card: CardId,
        first_new: LogId,
    ) -> Result<(), StoreError> {
        let log = self.get_log(card)?;
        // Rows are numbered in the order they were written, so the rows this
        // write added are those from `first_new` on, wherever the replay
        // order (time, device, sequence: a merged sync) puts them.
        let before: Vec<LogEntry> = log.iter().filter(|e| e.id < first_new).cloned().collect();
        let deltas = DayTally::of_card(&log).minus(&DayTally::of_card(&before));
        self.add_day_deltas(deltas.iter().map(|(d, x)| (d, x)))
    }

    /// The least id a row written from now on gets: what a write that appends
    /// to several cards' logs passes to [`Db::recount_day_stats`] after.
    pub(crate) fn next_log_id(self) -> Result<LogId, StoreError> {
        self.conn
            .query_row(NEXT_LOG_ID, [], |r| r.get(0))
            .map_err(self.fail("cannot read the review log"))
    }

    /// Adds what a bulk write tallied; an inexact tally (it met an undo)
    /// rebuilds the table from the whole log instead.
    pub(crate) fn add_day_tally(self, tally: &DayTally) -> Result<(), StoreError> {
        if tally.is_exact() {
            self.add_day_deltas(&tally.days)
        } else {
            self.rebuild_day_stats()
        }
    }

    /// Recomputes `day_stats` from the whole log: one pass, each card's rows in
    /// replay order.
    pub(crate) fn rebuild_day_stats(self) -> Result<(), StoreError> {
        let undone = self
            .rows(UNDO_TARGETS, [], "the undone answers", |r| r.get(0))?
            .into_iter()
            .collect();
        let mut tally = DayTally::new(undone);
        let fail = || self.fail("cannot read the review log");
        // Per card in replay order: which answer came first decides young or
        // mature, and after a sync that is not the order rows were written.
        let mut stmt = self.conn.prepare(super::log::ALL_BY_CARD).map_err(fail())?;
        let rows = stmt
            .query_map([], super::log::row_to_log_entry)
            .map_err(fail())?;
        for entry in rows {
            tally.push(&entry.map_err(fail())?);
        }
        self.run(CLEAR, [], "cannot clear the day stats")?;
        self.add_day_deltas(&tally.days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sched::Quality;

    fn answer(id: i64, card: u64, day: i32, quality: u8, effect: Effect) -> LogEntry {
        LogEntry {
            id: LogId(id),
            card: CardId(card),
            at_ms: 0,
            day: Day(day),
            event: Event::Answer {
                quality: Quality::new(quality).unwrap(),
                effect,
            },
            elapsed_ms: None,
            typed: None,
        }
    }

    #[test]
    fn a_tally_counts_answers_reviews_and_young_and_mature_reviews() {
        let log = [
            answer(1, 1, 10, 4, Effect::Schedule), // introduction
            answer(2, 1, 10, 2, Effect::Repeat),
            answer(3, 1, 13, 4, Effect::Schedule), // young, passed
            answer(4, 1, 40, 1, Effect::Schedule), // mature (27 days), failed
            answer(5, 1, 41, 5, Effect::Drill),
        ];
        let tally = DayTally::of_card(&log);
        let day = |d| tally.days[&Day(d)];
        assert_eq!(day(10).answers, 2);
        assert_eq!(day(10).reviews, 2);
        assert_eq!(day(10).scheduled, 1);
        assert_eq!((day(13).young, day(13).young_passed), (1, 1));
        assert_eq!((day(40).mature, day(40).mature_passed), (1, 0));
        assert_eq!((day(41).answers, day(41).reviews), (1, 0));
    }

    #[test]
    fn undoing_the_middle_answer_recounts_the_next_from_the_one_before() {
        let mut log = vec![
            answer(1, 1, 10, 4, Effect::Schedule),
            answer(2, 1, 20, 4, Effect::Schedule),
            answer(3, 1, 35, 4, Effect::Schedule),
        ];
        let before = DayTally::of_card(&log);
        log.push(LogEntry {
            event: Event::Undo { target: LogId(2) },
            ..answer(4, 1, 35, 4, Effect::Schedule)
        });
        let deltas = DayTally::of_card(&log).minus(&before);
        let young_out = DayDelta {
            answers: -1,
            reviews: -1,
            scheduled: -1,
            young: -1,
            young_passed: -1,
            ..DayDelta::default()
        };
        let now_mature = DayDelta {
            young: -1,
            young_passed: -1,
            mature: 1,
            mature_passed: 1,
            ..DayDelta::default()
        };
        assert_eq!(deltas, [(Day(20), young_out), (Day(35), now_mature)]);
    }

    #[test]
    fn an_undo_of_an_unknown_answer_makes_a_tally_inexact() {
        let mut tally = DayTally::default();
        tally.push(&answer(1, 1, 10, 4, Effect::Schedule));
        assert!(tally.is_exact());
        tally.push(&LogEntry {
            event: Event::Undo { target: LogId(1) },
            ..answer(2, 1, 10, 4, Effect::Schedule)
        });
        assert!(!tally.is_exact());
    }
}
