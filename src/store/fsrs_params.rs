//! The FSRS parameters `recall optimize` fitted, kept as JSON in the meta
//! key `fsrs_params` with the day of the fit, what it was fitted on and the
//! losses before and after; the whole log by card, which the fit reads; and
//! which FSRS, if any, the stored states are a replay under (the meta key
//! `scheduler`, see `reschedule.rs`).

use super::log::{row_to_log_entry, ALL_BY_CARD};
use super::reschedule::{describe, RescheduleSummary};
use super::{Db, Store, StoreError, SET_META};
use crate::day::Day;
use crate::history::{LogEntry, Scheduler};
use crate::sched::fsrs::{Fsrs, Memory};
use serde::{Deserialize, Serialize};

const MEMORIES: &str = include_str!("sql/fsrs/memories.sql");

/// A review card's FSRS memory and the day of its last scheduled answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardMemory {
    pub memory: Memory,
    pub last_review: Day,
}

/// The meta key of the fitted parameters.
pub const FSRS_PARAMS_KEY: &str = "fsrs_params";

/// A fit as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FsrsParams {
    /// FSRS-6's 21 parameters.
    pub parameters: Vec<f32>,
    /// The collection day of the fit, `YYYY-MM-DD`.
    pub fitted_on: String,
    /// The reviews and cards it was fitted on.
    pub reviews: usize,
    pub cards: usize,
    /// Log loss and RMSE of the default parameters on those reviews…
    pub log_loss_before: f32,
    pub rmse_before: f32,
    /// …and of the fitted ones.
    pub log_loss_after: f32,
    pub rmse_after: f32,
}

impl Store {
    /// The fitted parameters, `None` until `recall optimize` stored some.
    pub fn fsrs_params(&self) -> Result<Option<Vec<f32>>, StoreError> {
        Ok(self.fsrs_fit()?.map(|fit| fit.parameters))
    }

    /// The stored fit, with what it was fitted on.
    pub fn fsrs_fit(&self) -> Result<Option<FsrsParams>, StoreError> {
        let Some(text) = self.get_meta(FSRS_PARAMS_KEY)? else {
            return Ok(None);
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::Damaged {
                path: self.db().path.to_path_buf(),
                problems: vec![format!(
                    "the stored FSRS parameters ({FSRS_PARAMS_KEY}): {e}"
                )],
            })
    }

    /// Stores a fit, replacing the one before, and with `reschedule` (the
    /// fitted FSRS, when the stored states are FSRS's: [`Store::active_fsrs`])
    /// replays every card under it, in the same transaction.
    pub fn save_fsrs_params(
        &mut self,
        params: &FsrsParams,
        reschedule: Option<&Scheduler>,
    ) -> Result<Option<RescheduleSummary>, StoreError> {
        let from = describe(&self.stored_scheduler()?);
        let summary = self.write("cannot store the FSRS parameters", |db| {
            db.set_fsrs_params(params)?;
            reschedule.map(|s| db.reschedule(s, from)).transpose()
        })?;
        if let Some(s) = reschedule {
            self.scheduler = s.clone();
        }
        Ok(summary)
    }

    /// The FSRS the stored states are a replay under (its retention and
    /// parameters), `None` under SM-2.
    pub fn active_fsrs(&self) -> Result<Option<Fsrs>, StoreError> {
        Ok(fsrs_of(&self.stored_scheduler()?))
    }

    /// The memory of every review card (answered, not suspended, not
    /// retired) that FSRS scheduled, for `stats`.
    pub fn fsrs_memories(&self) -> Result<Vec<CardMemory>, StoreError> {
        self.db().rows(MEMORIES, [], "the FSRS memories", |r| {
            Ok(CardMemory {
                memory: Memory {
                    stability: r.get(0)?,
                    difficulty: r.get(1)?,
                },
                last_review: r.get(2)?,
            })
        })
    }

    /// The whole review log, by card and in replay order within a card.
    pub fn log_by_card(&self) -> Result<Vec<LogEntry>, StoreError> {
        self.db()
            .rows(ALL_BY_CARD, [], "the review log", row_to_log_entry)
    }
}

/// The FSRS a `scheduler` fingerprint names (`{"scheduler": "fsrs",
/// "desired_retention": …, "parameters": […]}`); `None` for `sm2`.
fn fsrs_of(fingerprint: &str) -> Option<Fsrs> {
    let value: serde_json::Value = serde_json::from_str(fingerprint).ok()?;
    if value["scheduler"] != "fsrs" {
        return None;
    }
    // Written from f32s: read back as f32s, they are the same floats.
    let retention = value["desired_retention"].as_f64()? as f32;
    let parameters: Vec<f32> = serde_json::from_value(value["parameters"].clone()).ok()?;
    Fsrs::with_parameters(&parameters, retention).ok()
}

impl Db<'_> {
    pub(crate) fn set_fsrs_params(self, params: &FsrsParams) -> Result<(), StoreError> {
        let text = serde_json::to_string(params).map_err(|e| StoreError::Sqlite {
            context: "cannot store the FSRS parameters".into(),
            source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
        })?;
        self.run(
            SET_META,
            [FSRS_PARAMS_KEY, text.as_str()],
            "cannot store the FSRS parameters",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> FsrsParams {
        FsrsParams {
            parameters: fsrs::DEFAULT_PARAMETERS.to_vec(),
            fitted_on: "2026-11-25".into(),
            reviews: 9_000,
            cards: 800,
            log_loss_before: 0.4,
            rmse_before: 0.06,
            log_loss_after: 0.35,
            rmse_after: 0.02,
        }
    }

    #[test]
    fn parameters_round_trip_through_the_meta_key() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.fsrs_params().unwrap(), None);
        store.save_fsrs_params(&sample(), None).unwrap();
        assert_eq!(store.fsrs_fit().unwrap(), Some(sample()));
        assert_eq!(
            store.fsrs_params().unwrap(),
            Some(fsrs::DEFAULT_PARAMETERS.to_vec())
        );
        let text = store.get_meta(FSRS_PARAMS_KEY).unwrap().unwrap();
        assert!(text.contains("\"fitted_on\":\"2026-11-25\""), "{text}");
    }

    #[test]
    fn under_fsrs_storing_a_fit_replays_every_card_with_it_in_one_go() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .fill_synthetic(50, 400, 3, crate::day::Day(20_000))
            .unwrap();
        assert!(store.active_fsrs().unwrap().is_none());
        let defaults = Scheduler::Fsrs(Fsrs::new(0.85).unwrap());
        store.reschedule(&defaults).unwrap();
        let active = store.active_fsrs().unwrap().unwrap();
        assert_eq!(Scheduler::Fsrs(active.clone()), defaults);
        let mut fitted = fsrs::DEFAULT_PARAMETERS.to_vec();
        fitted[0] *= 0.5;
        fitted[2] *= 0.5;
        let refit = Scheduler::Fsrs(Fsrs::with_parameters(&fitted, 0.85).unwrap());
        let params = FsrsParams {
            parameters: fitted,
            ..sample()
        };
        let summary = store
            .save_fsrs_params(&params, Some(&refit))
            .unwrap()
            .unwrap();
        assert_eq!(summary.cards, 50);
        assert!(summary.changed > 0, "{summary:?}");
        assert_eq!(
            Scheduler::Fsrs(store.active_fsrs().unwrap().unwrap()),
            refit
        );
        assert_eq!(store.fsrs_fit().unwrap(), Some(params));
        // The stored states are the replay under the fitted FSRS.
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.mismatches.first());
    }

    #[test]
    fn damaged_parameters_are_an_error_not_the_defaults() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_meta(FSRS_PARAMS_KEY, "{not json").unwrap();
        let err = store.fsrs_params().unwrap_err();
        assert!(err.to_string().contains("fsrs_params"), "{err}");
    }
}
