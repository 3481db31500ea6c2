//! `recall optimize`: fit FSRS's parameters to the learner's own log
//! ([`crate::fit`]), show them with the losses before and after, and store
//! them (`--dry-run`: show only). A progress bar on a terminal while the
//! crate's optimizer trains; none on a pipe or with `--json`.

use super::{to_json, Ctx};
use crate::cli::OptimizeArgs;
use crate::error::{Error, Result};
use crate::fit::{self, Fit, FitError, TrainingSet, MIN_CARDS, MIN_REVIEWS};
use crate::history::Scheduler;
use crate::progress::{Progress, Silent};
use crate::sched::fsrs::Fsrs;
use crate::store::FsrsParams;
use fsrs::CombinedProgressState;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the bar asks the optimizer how far it got.
const POLL: Duration = Duration::from_millis(100);

pub fn run(args: &OptimizeArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let set = fit::training_set(&store.log_by_card()?);
    let mut progress: Box<dyn Progress> = if args.json {
        Box::new(Silent)
    } else {
        crate::ui::progress::for_stderr()
    };
    let fit = fit_with_progress(&set, progress.as_mut()).map_err(refusal)?;
    drop(progress);
    let params = FsrsParams {
        parameters: fit.parameters.clone(),
        fitted_on: ctx.today().to_string(),
        reviews: set.reviews(),
        cards: set.cards,
        log_loss_before: fit.before.log_loss,
        rmse_before: fit.before.rmse,
        log_loss_after: fit.after.log_loss,
        rmse_after: fit.after.rmse,
    };
    // A fit that predicts the log no better than the defaults is not kept.
    let better = fit.after.log_loss < fit.before.log_loss;
    let stored = better && !args.dry_run;
    let rescheduled = if stored {
        let refit = match store.active_fsrs()? {
            Some(active) => Some(Scheduler::Fsrs(
                Fsrs::with_parameters(&params.parameters, active.desired_retention())
                    .map_err(|e| refusal(FitError::Optimizer(e.to_string())))?,
            )),
            None => None,
        };
        store.save_fsrs_params(&params, refit.as_ref())?
    } else {
        None
    };
    if args.json {
        let value = json!({
            "reviews": set.reviews(),
            "cards": set.cards,
            "skipped_cards": set.skipped_cards,
            "skipped_answers": set.skipped_answers,
            "parameters": fit.parameters,
            "before": fit.before,
            "after": fit.after,
            "fitted_on": params.fitted_on,
            "dry_run": args.dry_run,
            "stored": stored,
            "rescheduled": rescheduled.as_ref().map(|r| json!({
                "scheduler": r.to,
                "cards": r.cards,
                "changed": r.changed,
            })),
        });
        return ctx.print(&to_json(&value));
    }
    let mut out = render(&set, &fit, args.dry_run, stored);
    if let Some(r) = &rescheduled {
        out.push_str(&format!(
            "Rescheduled {} cards under {} ({} changed).\n",
            r.cards, r.to, r.changed
        ));
    }
    ctx.print(&out)
}

/// The fit on a scoped thread while this one moves the bar.
fn fit_with_progress(
    set: &TrainingSet,
    progress: &mut dyn Progress,
) -> std::result::Result<Fit, FitError> {
    if !set.is_enough() {
        return fit::fit(set, None);
    }
    let state = CombinedProgressState::new_shared();
    let shared = Arc::clone(&state);
    std::thread::scope(|scope| {
        let worker = scope.spawn(move || fit::fit(set, Some(shared)));
        let mut shown = 0u64;
        let mut total = 0u64;
        while !worker.is_finished() {
            std::thread::sleep(POLL);
            let (done, of) = read(&state);
            if of != total {
                total = of;
                shown = 0;
                progress.stage("fitting FSRS", total);
            }
            progress.advance(done.saturating_sub(shown));
            shown = shown.max(done);
        }
        worker
            .join()
            .unwrap_or_else(|_| Err(FitError::Optimizer("the optimizer panicked".into())))
    })
}

/// How far the optimizer got (a poisoned lock reads as no progress).
fn read(state: &Mutex<CombinedProgressState>) -> (u64, u64) {
    state.lock().map_or((0, 0), |s| {
        (
            u64::try_from(s.current()).unwrap_or(u64::MAX),
            u64::try_from(s.total()).unwrap_or(u64::MAX),
        )
    })
}

fn refusal(e: FitError) -> Error {
    match e {
        FitError::TooFew { .. } => Error::advice(
            e.to_string(),
            format!(
                "review more first: the fit needs {MIN_REVIEWS} scheduled answers after cards' \
                 first, from at least {MIN_CARDS} cards; until then FSRS uses its default \
                 parameters"
            ),
        ),
        FitError::Optimizer(_) => Error::advice(
            e.to_string(),
            "nothing was stored; FSRS keeps the parameters it had",
        ),
    }
}

fn render(set: &TrainingSet, fit: &Fit, dry_run: bool, stored: bool) -> String {
    let mut out = format!(
        "Fitted FSRS to {} reviews on {} cards.\n",
        set.reviews(),
        set.cards
    );
    if set.skipped_cards > 0 {
        out.push_str(&format!(
            "Left out: {} cards ({} answers) whose log starts with an import, not an answer.\n",
            set.skipped_cards, set.skipped_answers
        ));
    }
    out.push_str("\nParameters:\n");
    for (row, chunk) in fit.parameters.chunks(7).enumerate() {
        let first = row * 7;
        let names = format!("w{first}–w{}", first + chunk.len() - 1);
        let values: String = chunk.iter().map(|w| format!("{w:>8.4}")).collect();
        out.push_str(&format!("  {names:<9}{values}\n"));
    }
    out.push_str(&format!(
        "\n          defaults → fitted\n  log loss  {:.4} → {:.4}\n  RMSE      {:.4} → {:.4}\n\n",
        fit.before.log_loss, fit.after.log_loss, fit.before.rmse, fit.after.rmse
    ));
    out.push_str(if dry_run {
        "Dry run: nothing stored.\n"
    } else if stored {
        "Stored. FSRS schedules with them under scheduler = \"fsrs\" in the config.\n"
    } else {
        "Not stored: the fitted parameters predict this log no better than the defaults.\n"
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::Evaluation;

    fn sample() -> (TrainingSet, Fit) {
        let set = TrainingSet {
            items: vec![fsrs::FSRSItem::default(); 4_096],
            cards: 512,
            skipped_cards: 3,
            skipped_answers: 17,
            ..TrainingSet::default()
        };
        let fit = Fit {
            parameters: fsrs::DEFAULT_PARAMETERS.to_vec(),
            before: Evaluation {
                log_loss: 0.40028,
                rmse: 0.06187,
            },
            after: Evaluation {
                log_loss: 0.37121,
                rmse: 0.01234,
            },
        };
        (set, fit)
    }

    #[test]
    fn the_fit_as_the_learner_reads_it() {
        let (set, fit) = sample();
        insta::assert_snapshot!(render(&set, &fit, false, true));
    }

    #[test]
    fn a_dry_run_and_a_fit_no_better_say_nothing_was_stored() {
        let (set, fit) = sample();
        assert!(render(&set, &fit, true, false).ends_with("Dry run: nothing stored.\n"));
        assert!(render(&set, &fit, false, false).contains("Not stored"));
    }
}
