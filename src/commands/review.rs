//! `recall review`: the daily session. Every answer is committed before the
//! next card is shown, so quitting (or a crash) at any moment loses nothing.
//! The loop itself ([`session_loop`]) is shared with `recall drill`.

mod ask;
mod edit;
pub mod session_loop;

use super::compile::compile_bundled;
use super::{picked_tracks, plan_today, Ctx, TRACKS_KEY};
use crate::cli::ReviewArgs;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::session::streak::streak;
use crate::session::Limits;
use crate::store::{AnswerMode, Store};
use crate::ui::view::{self, Summary};
use crate::ui::{Line, Style};
pub use session_loop::{review_loop, Io, Rules, Tally};

/// The collection, compiled from the bundled decks first if it is empty (a
/// new user's first command); the lines greet a new collection.
pub fn open_or_compile(ctx: &Ctx) -> Result<(Store, Vec<Line>)> {
    let mut store = Store::open(&ctx.db)?;
    let mut intro = Vec::new();
    if store.cards().count()? == 0 {
        let (compiled, report) = compile_bundled(&mut store, ctx.now_ms())?;
        intro.push(Line::styled(
            format!(
                "New collection: {} cards from the bundled {} decks in {}",
                report.added,
                compiled.roadmap.title,
                ctx.db.display()
            ),
            Style::Good,
        ));
    }
    Ok((store, intro))
}

pub fn run(args: &ReviewArgs, ctx: &mut Ctx) -> Result<()> {
    let (mut store, intro) = open_or_compile(ctx)?;
    if !args.track.is_empty() {
        pick_tracks(&mut store, &args.track)?;
    }
    let defaults = ctx.config.limits;
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
        args.deck.as_deref(),
    )?;
    let rules = Rules::from_ctx(ctx, AnswerMode::Review, None);
    let mut prompter = (ctx.prompter)(args.plain);
    let mut io = Io::new(ctx, prompter.as_mut());
    let tally = review_loop(&mut store, session, &mut io, &rules, intro)?;
    let today = Day::containing(ctx.now(), ctx.rollover_hour);
    let summary = Summary {
        answered: tally.answered,
        correct: tally.correct,
        elapsed_secs: tally.elapsed_secs,
        due_tomorrow: store.cards().due(today.plus(1), None)?.len(),
        left_today: tally.left,
        streak: streak(&store.log().study_run(today)?, today),
    };
    prompter
        .show(&view::summary(&summary))
        .map_err(Error::Terminal)
}

/// Remember the tracks whose new cards the learner wants (`--track b`).
fn pick_tracks(store: &mut Store, tracks: &[String]) -> Result<()> {
    let sections = store
        .cards()
        .sections()?
        .into_iter()
        .map(|s| s.id)
        .collect::<Vec<String>>();
    let mut picked = picked_tracks(store)?;
    for track in tracks {
        let id = if track.starts_with("track-") {
            track.to_lowercase()
        } else {
            format!("track-{}", track.to_lowercase())
        };
        if !sections.contains(&id) {
            let known: Vec<&String> = sections
                .iter()
                .filter(|s| s.starts_with("track-"))
                .collect();
            return Err(Error::Usage(format!(
                "no track {track:?} in this roadmap (tracks: {})",
                known
                    .iter()
                    .map(|s| s.trim_start_matches("track-"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if !picked.contains(&id) {
            picked.push(id);
        }
    }
    store.set_meta(TRACKS_KEY, &picked.join(","))?;
    Ok(())
}

#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod tests;
