//! `recall review`: the daily session. Every answer is committed before the
//! next card is shown, so quitting (or a crash) at any moment loses nothing.
//! The loop itself ([`super::study`]) is shared with `recall drill`.

use super::study::{open_or_compile, review_loop, Io, Rules};
use super::today::{pick_tracks, plan_today};
use super::Ctx;
use crate::cli::ReviewArgs;
use crate::error::{Error, Result};
use crate::session::streak::streak;
use crate::session::Limits;
use crate::store::AnswerMode;
use crate::ui::view::{self, Summary};

pub fn run(args: &ReviewArgs, ctx: &mut Ctx) -> Result<()> {
    let (mut store, intro) = open_or_compile(ctx)?;
    if !args.track.is_empty() {
        pick_tracks(&mut store, &args.track)?;
    }
    let defaults = ctx.config().limits;
    let limits = Limits {
        new_per_day: args.new.unwrap_or(defaults.new_per_day),
        reviews_per_day: args.limit.unwrap_or(defaults.reviews_per_day),
    };
    let today = ctx.today();
    let session = plan_today(
        &store,
        today,
        &mut ctx.rng(today),
        limits,
        args.deck.as_ref(),
    )?;
    let rules = Rules::from_ctx(ctx, AnswerMode::Review, None);
    let mut prompter = (ctx.prompter)(args.plain);
    let mut io = Io::new(ctx, prompter.as_mut());
    let tally = review_loop(&mut store, session, &mut io, &rules, intro)?;
    let today = ctx.today();
    let summary = Summary {
        answered: tally.answered,
        correct: tally.correct,
        elapsed_secs: tally.elapsed_secs,
        // Counted from the index alone (due --count's query), not listed.
        due_tomorrow: usize::try_from(store.reports().due_count(today.plus(1))?)
            .unwrap_or(usize::MAX),
        left_today: tally.left,
        streak: streak(&store.log().study_run(today)?, today),
    };
    prompter
        .show(&view::summary(&summary))
        .map_err(Error::Terminal)
}
