//! `recall drill`: practice outside the schedule. Cards in a random order
//! (the seeded RNG), typed where they can be, immediate feedback, a score at
//! the end. Every answer is logged as a drill answer, which no replay turns
//! into a schedule change.

use super::filters::{check_deck, check_topic};
use super::study::{open_or_compile, review_loop, Io, Rules};
use super::Ctx;
use crate::card::CardId;
use crate::cli::DrillArgs;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::store::{AnswerMode, CardFilter};
use crate::ui::view;
use chrono::Duration;
use rand::seq::SliceRandom;

/// Cards in a drill unless `--limit` says otherwise.
pub const DEFAULT_DRILL_SIZE: u32 = 20;

pub fn run(args: &DrillArgs, ctx: &mut Ctx) -> Result<()> {
    let limit = args.limit.unwrap_or(DEFAULT_DRILL_SIZE);
    if limit == 0 {
        return Err(Error::Usage("--limit 0 leaves nothing to drill".into()));
    }
    let (mut store, intro) = open_or_compile(ctx, args.deck.as_ref())?;
    check_deck(&store, args.deck.as_ref())?;
    check_topic(&store, args.topic.as_deref())?;
    let filter = CardFilter {
        deck: args.deck.clone(),
        ..CardFilter::default()
    };
    let mut ids: Vec<CardId> = store
        .cards()
        .list(&filter)?
        .into_iter()
        .filter(|r| !r.state.suspended)
        .filter(|r| {
            args.topic
                .as_deref()
                .is_none_or(|t| in_topic(t, &r.card.topic))
        })
        .map(|r| r.card.id)
        .collect();
    if ids.is_empty() {
        return Err(Error::advice(
            "no cards to drill with these filters",
            "`recall cards --deck PAT` lists what a deck pattern matches (suspended cards are left out)",
        ));
    }
    let today = ctx.today();
    ids.shuffle(&mut ctx.rng(today));
    ids.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let deadline = args
        .timed
        .map(|secs| ctx.now() + Duration::seconds(i64::from(secs)));
    let rules = Rules::from_ctx(ctx, AnswerMode::Drill, deadline);
    let mut prompter = (ctx.prompter)(args.plain);
    let mut io = Io::new(ctx, prompter.as_mut());
    let tally = review_loop(&mut store, Session::drill(&ids), &mut io, &rules, intro)?;
    prompter
        .show(&view::drill_score(&tally.into_score()))
        .map_err(Error::Terminal)
}

/// Whether a card's topic is `topic` or one of its subtopics.
fn in_topic(topic: &str, card_topic: &str) -> bool {
    card_topic == topic
        || card_topic
            .strip_prefix(topic)
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::in_topic;

    #[test]
    fn a_topic_takes_its_subtopics() {
        let table = [
            ("phase-2/5", "phase-2/5", true),
            ("phase-2/5", "phase-2/5.1", true),
            ("phase-2/5", "phase-2/50", false),
            ("phase-2/5.1", "phase-2/5", false),
        ];
        for (topic, card, want) in table {
            assert_eq!(in_topic(topic, card), want, "{topic} vs {card}");
        }
    }
}
