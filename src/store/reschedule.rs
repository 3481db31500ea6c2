//! Switching schedulers: every card's state replayed under another function
//! of the same log, in one transaction, together with the meta key that
//! names the function the stored states are a replay under.

use super::{Db, Store, StoreError, SET_META};
use crate::day::Day;
use crate::history::{replay_with, scheduled_answers, Scheduler};
use crate::sched::fsrs::Fsrs;

/// The meta key naming the scheduler the stored states were computed with:
/// `sm2`, or FSRS as JSON with its retention and parameters (see
/// [`fingerprint`]). Absent (a collection no write has rescheduled): `sm2`.
pub const SCHEDULER_KEY: &str = "scheduler";

/// What [`Store::reschedule`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescheduleSummary {
    /// The scheduler the states were a replay under, as [`describe`] names it.
    pub from: String,
    /// The scheduler they are a replay under now.
    pub to: String,
    /// Cards replayed (every card with a state row, retired ones too).
    pub cards: u64,
    /// Cards whose stored state changed.
    pub changed: u64,
    /// Scheduled answers the replay handed the scheduler.
    pub answers: u64,
}

/// What the meta key [`SCHEDULER_KEY`] records for `scheduler`: exact, so a
/// change of retention or of one parameter is a different scheduler.
pub fn fingerprint(scheduler: &Scheduler) -> String {
    match scheduler {
        Scheduler::Sm2 => "sm2".to_string(),
        Scheduler::Fsrs(fsrs) => serde_json::json!({
            "scheduler": "fsrs",
            "desired_retention": fsrs.desired_retention(),
            "parameters": fsrs.parameters(),
        })
        .to_string(),
    }
}

/// The scheduler a [`fingerprint`] names, for a person: `sm2`,
/// `fsrs (90 % retention)`, `fsrs (85 % retention, fitted parameters)`.
pub fn describe(fingerprint: &str) -> String {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(fingerprint) else {
        return fingerprint.to_string();
    };
    let name = value["scheduler"].as_str().unwrap_or("?");
    let Some(retention) = value["desired_retention"].as_f64() else {
        return name.to_string();
    };
    let percent = format!("{:.1}", retention * 100.0);
    let percent = percent.trim_end_matches(".0");
    // Compared as f32, as they were written: JSON's f64 would differ.
    let parameters: Option<Vec<f32>> = serde_json::from_value(value["parameters"].clone()).ok();
    let defaults = Fsrs::new(crate::sched::fsrs::DEFAULT_DESIRED_RETENTION).ok();
    let fitted = match (parameters, defaults) {
        (Some(p), Some(d)) => p.as_slice() != d.parameters(),
        _ => true,
    };
    let fitted = if fitted { ", fitted parameters" } else { "" };
    format!("{name} ({percent} % retention{fitted})")
}

impl Store {
    /// The [`fingerprint`] of the scheduler the stored states were computed with.
    pub fn stored_scheduler(&self) -> Result<String, StoreError> {
        Ok(self
            .get_meta(SCHEDULER_KEY)?
            .unwrap_or_else(|| fingerprint(&Scheduler::Sm2)))
    }

    /// The scheduler the writes of this store apply.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// Makes the writes of this store apply `scheduler` without replaying:
    /// for when [`Store::stored_scheduler`] already is `scheduler`'s
    /// fingerprint, or for reading (a read never writes a state).
    pub fn set_scheduler(&mut self, scheduler: Scheduler) {
        self.scheduler = scheduler;
    }

    /// The reviews due on `today` if the states were a replay under `scheduler`:
    /// what `due` counts on a collection whose stored states another
    /// scheduler computed, without writing (the condition of `due_count.sql`).
    pub fn replayed_due_count(&self, scheduler: &Scheduler, today: Day) -> Result<u64, StoreError> {
        let db = self.db();
        let log = db.log_by_card()?;
        let due = db
            .all_states()?
            .iter()
            .filter(|(_, retired, _)| !retired)
            .map(|(card, _, _)| {
                replay_with(scheduler, log.get(card).map_or(&[][..], Vec::as_slice))
            })
            .filter(|s| s.is_askable_on(today) && s.sm2.due.is_some_and(|d| d <= today))
            .count();
        Ok(u64::try_from(due).unwrap_or(u64::MAX))
    }

    /// Replays the whole log of every card under `scheduler` and stores every
    /// state that changes, with the meta key [`SCHEDULER_KEY`], in one
    /// transaction; afterwards the writes of this store apply `scheduler`.
    pub fn reschedule(&mut self, scheduler: &Scheduler) -> Result<RescheduleSummary, StoreError> {
        let from = describe(&self.stored_scheduler()?);
        let summary = self.write("cannot reschedule the cards", |db| {
            db.reschedule(scheduler, from)
        })?;
        self.scheduler = scheduler.clone();
        Ok(summary)
    }
}

impl Db<'_> {
    /// [`Store::reschedule`]'s replay and meta key, inside a transaction
    /// the caller holds (`optimize` stores its parameters in the same one).
    pub(crate) fn reschedule(
        self,
        scheduler: &Scheduler,
        from: String,
    ) -> Result<RescheduleSummary, StoreError> {
        let db = self;
        let log = db.log_by_card()?;
        let records = db.all_states()?;
        let mut changed = 0u64;
        let mut answers = 0usize;
        for (card, _, stored) in &records {
            let entries = log.get(card).map_or(&[][..], Vec::as_slice);
            answers += scheduled_answers(entries);
            let state = replay_with(scheduler, entries);
            if state != *stored {
                db.update_state(*card, &state)?;
                changed += 1;
            }
        }
        let key = fingerprint(scheduler);
        db.run(
            SET_META,
            [SCHEDULER_KEY, key.as_str()],
            format!("cannot write setting {SCHEDULER_KEY:?}"),
        )?;
        Ok(RescheduleSummary {
            from,
            to: describe(&key),
            cards: u64::try_from(records.len()).unwrap_or(u64::MAX),
            changed,
            answers: u64::try_from(answers).unwrap_or(u64::MAX),
        })
    }
}
