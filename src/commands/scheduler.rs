//! The scheduler a command applies: the config's (`scheduler`,
//! `desired_retention`) with the FSRS parameters fitted to this collection,
//! if any; and the switch, when the stored states were computed with
//! another: every command that opens the collection (all but `due`, which
//! computes on the fly) reschedules first, in one transaction, and says so.

use crate::config::Config;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::{CardState, Scheduler};
use crate::sched::fsrs::Fsrs;
use crate::store::{scheduler_fingerprint, RescheduleSummary, Store};
use indicatif::HumanCount;
use serde_json::{json, Value};

/// The parameters `recall optimize` fitted to this collection, if any
/// (`Store::fsrs_params`, meta key `fsrs_params`).
fn fitted_parameters(store: &Store) -> Result<Option<Vec<f32>>> {
    Ok(store.fsrs_params()?)
}

/// The scheduler `config` asks for, with this collection's fitted parameters.
pub fn active(config: &Config, store: &Store) -> Result<Scheduler> {
    let Scheduler::Fsrs(configured) = &config.scheduler else {
        return Ok(Scheduler::Sm2);
    };
    let Some(parameters) = fitted_parameters(store)? else {
        return Ok(Scheduler::Fsrs(configured.clone()));
    };
    Fsrs::with_parameters(&parameters, configured.desired_retention())
        .map(Scheduler::Fsrs)
        .map_err(|e| {
            Error::advice(
                format!("the fitted FSRS parameters stored in the collection were refused: {e}"),
                "run `recall optimize` again to store them anew",
            )
        })
}

/// Whether the stored states were computed with `scheduler`.
pub fn is_stored(store: &Store, scheduler: &Scheduler) -> Result<bool> {
    Ok(store.stored_scheduler()? == scheduler_fingerprint(scheduler))
}

/// Makes `store` apply the active scheduler, rescheduling every card first
/// when the stored states were computed with another. Returns the line that
/// says so (`None`: nothing was rescheduled).
pub fn apply(config: &Config, store: &mut Store) -> Result<Option<String>> {
    let scheduler = active(config, store)?;
    if is_stored(store, &scheduler)? {
        store.set_scheduler(scheduler);
        return Ok(None);
    }
    let summary = store.reschedule(&scheduler)?;
    Ok((summary.cards > 0).then(|| switch_line(&summary)))
}

/// `scheduler: sm2 → fsrs (90 % retention): 1,234 cards rescheduled from 5,678 answers`
pub fn switch_line(s: &RescheduleSummary) -> String {
    let cards = if s.changed == 1 { "card" } else { "cards" };
    let answers = if s.answers == 1 { "answer" } else { "answers" };
    format!(
        "scheduler: {} → {}: {} {cards} rescheduled from {} {answers}",
        s.from,
        s.to,
        HumanCount(s.changed),
        HumanCount(s.answers)
    )
}

/// `cards --json` and `show --json` under FSRS: `stability` (days),
/// `difficulty` (1–10) and today's `retrievability` (0–1), null for a card
/// FSRS has not scheduled yet; under SM-2 the keys are left out, so SM-2's
/// output is what it always was.
pub fn insert_memory_json(value: &mut Value, scheduler: &Scheduler, state: &CardState, today: Day) {
    let (Scheduler::Fsrs(_), Value::Object(map)) = (scheduler, value) else {
        return;
    };
    let memory = state.memory;
    let fields = [
        ("stability", memory.map(|m| m.stability)),
        ("difficulty", memory.map(|m| m.difficulty)),
        ("retrievability", scheduler.retrievability(state, today)),
    ];
    for (key, number) in fields {
        map.insert(key.into(), json!(number.map(short)));
    }
}

/// An f32 as the f64 its shortest decimal names (`2.3065`, not
/// `2.306499958038330`): what the float means, printed as it was computed.
fn short(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// `show`'s line of the FSRS memory, under FSRS; `None` under SM-2.
pub fn memory_text(scheduler: &Scheduler, state: &CardState, today: Day) -> Option<String> {
    let Scheduler::Fsrs(_) = scheduler else {
        return None;
    };
    Some(
        match (state.memory, scheduler.retrievability(state, today)) {
            (Some(m), Some(r)) => format!(
                "stability {:.2} d · difficulty {:.2} · retrievability {:.0} % today",
                m.stability,
                m.difficulty,
                r * 100.0
            ),
            _ => "— (FSRS has not scheduled it yet)".to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_line_names_both_schedulers_and_counts_with_separators() {
        let summary = RescheduleSummary {
            from: "sm2".into(),
            to: "fsrs (90 % retention)".into(),
            cards: 2_000,
            changed: 1_234,
            answers: 5_678,
        };
        assert_eq!(
            switch_line(&summary),
            "scheduler: sm2 → fsrs (90 % retention): 1,234 cards rescheduled from 5,678 answers"
        );
    }

    #[test]
    fn fitted_parameters_replace_the_defaults_and_bad_ones_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let config = Config {
            scheduler: Scheduler::Fsrs(Fsrs::new(0.85).unwrap()),
            ..Config::default()
        };
        assert_eq!(active(&config, &store).unwrap(), config.scheduler);
        let mut fitted = ::fsrs::DEFAULT_PARAMETERS.to_vec();
        fitted[1] = 2.0;
        let params = crate::store::FsrsParams {
            parameters: fitted.clone(),
            fitted_on: "2026-11-25".into(),
            reviews: 500,
            cards: 60,
            log_loss_before: 0.4,
            rmse_before: 0.06,
            log_loss_after: 0.3,
            rmse_after: 0.02,
        };
        store.save_fsrs_params(&params, None).unwrap();
        let Scheduler::Fsrs(fsrs) = active(&config, &store).unwrap() else {
            panic!("not FSRS");
        };
        assert_eq!(fsrs.parameters(), fitted.as_slice());
        assert_eq!(fsrs.desired_retention(), 0.85);
        let sm2 = Config::default();
        assert_eq!(active(&sm2, &store).unwrap(), Scheduler::Sm2);
        store
            .set_meta(crate::store::FSRS_PARAMS_KEY, "[1, \"x\"]")
            .unwrap();
        assert!(active(&config, &store).is_err());
    }

    #[test]
    fn apply_reschedules_once_and_then_only_sets_the_scheduler() {
        let mut store = Store::open_in_memory().unwrap();
        let config = Config {
            scheduler: Scheduler::Fsrs(Fsrs::new(0.9).unwrap()),
            ..Config::default()
        };
        // No cards: rescheduled silently, and named in the meta key.
        assert_eq!(apply(&config, &mut store).unwrap(), None);
        assert!(is_stored(&store, &config.scheduler).unwrap());
        assert_eq!(store.scheduler(), &config.scheduler);
        assert_eq!(apply(&config, &mut store).unwrap(), None);
    }
}
