//! `recall review`: the daily session. Every answer is committed before the
//! next card is shown, so quitting (or a crash) at any moment loses nothing.
//! The loop itself ([`super::study`]) is shared with `recall drill`.

use super::interrupted::{on_interrupt, Interrupted};
use super::study::{open_or_compile, review_loop, Io, Rules};
use super::today::{pick_tracks, plan_today};
use super::Ctx;
use crate::card::DeckPattern;
use crate::cli::ReviewArgs;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::session::streak::streak;
use crate::session::{Limits, Session, Slot};
use crate::store::{AnswerMode, Store};
use crate::ui::view::{self, Summary};
use crate::ui::{Line, Style};
use std::collections::BTreeMap;
use std::time::Instant;

pub fn run(args: &ReviewArgs, ctx: &mut Ctx) -> Result<()> {
    let (mut store, intro) = open_or_compile(ctx, args.deck.as_ref())?;
    super::filters::check_deck(&store, args.deck.as_ref())?;
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
    let mut prompter = (ctx.prompter)(args.plain);
    if session.current().is_none() {
        let mut lines = intro;
        lines.extend(nothing_due(&ahead(
            &store,
            ctx,
            limits,
            args.deck.as_ref(),
        )?));
        return prompter.show(&lines).map_err(Error::Terminal);
    }
    let mut intro = intro;
    intro.extend(overview(&store, &session, limits)?);
    let (started, since) = (ctx.now(), Instant::now());
    on_interrupt(
        Interrupted {
            db: ctx.db().to_path_buf(),
            started,
            rollover_hour: ctx.config().rollover_hour,
            seed: ctx.settings.seed,
            limits,
            deck: args.deck.clone(),
        },
        Box::new(move || started + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()),
    );
    let rules = Rules::from_ctx(ctx, AnswerMode::Review, None);
    let mut io = Io::new(ctx, prompter.as_mut());
    let tally = review_loop(&mut store, session, &mut io, &rules, intro)?;
    // The session may have run past the rollover.
    let today = Day::containing(ctx.clock.now(), ctx.config().rollover_hour);
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

/// What is ahead of `today`: tomorrow's session, and the first day with reviews.
pub(super) fn ahead(
    store: &Store,
    ctx: &Ctx,
    limits: Limits,
    deck: Option<&DeckPattern>,
) -> Result<Ahead> {
    let today = ctx.today();
    let tomorrow = today.plus(1);
    let next = plan_today(store, tomorrow, &mut ctx.rng(tomorrow), limits, deck)?.remaining();
    let later = store.reports().due_by_day(tomorrow, Day::MAX)?;
    Ok(Ahead {
        today,
        reviews: next.review,
        new: next.new,
        first_due: later.first().map(|d| (d.day, d.count)),
        rollover_hour: ctx.config().rollover_hour,
    })
}

/// What is ahead once today is done.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ahead {
    today: Day,
    /// Tomorrow's session: its reviews and new cards.
    reviews: usize,
    new: usize,
    /// The first day from tomorrow on with reviews due, and how many.
    first_due: Option<(Day, u64)>,
    rollover_hour: u32,
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Said instead of an empty session's summary: nothing is due, and when
/// something is.
pub(super) fn nothing_due(a: &Ahead) -> Vec<Line> {
    let tomorrow = a.today.plus(1);
    let starts = format!("{tomorrow} from {:02}:00", a.rollover_hour);
    let next = match (a.reviews, a.new, a.first_due) {
        (0, 0, None) => "nothing is scheduled ahead: every card is new and out of today's \
             deck and track choice, suspended or retired (`recall stats` shows them)"
            .to_string(),
        (0, 0, Some((day, n))) => format!(
            "next: {} on {day} (in {} days)",
            plural(n, "review", "reviews"),
            day.since(a.today)
        ),
        (reviews, new, first) => {
            let mut parts = Vec::new();
            if reviews > 0 {
                parts.push(plural(reviews as u64, "review", "reviews"));
            }
            if new > 0 {
                parts.push(plural(new as u64, "new card", "new cards"));
            }
            let mut text = format!("next: {} tomorrow ({starts})", parts.join(" and "));
            if let (0, Some((day, n))) = (reviews, first) {
                text.push_str(&format!(
                    "; the next reviews: {} on {day}",
                    plural(n, "review", "reviews")
                ));
            }
            text
        }
    };
    vec![
        Line::styled(
            format!("Nothing due now: today ({}) is done.", a.today),
            Style::Good,
        ),
        Line::plain(format!("  {next}")),
    ]
}

/// Before the first card: what today holds, per deck, and today's limits.
fn overview(store: &Store, session: &Session, limits: Limits) -> Result<Vec<Line>> {
    let mut per_deck: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for item in session.upcoming() {
        let Some(deck) = store.cards().deck_of(item.card)? else {
            continue;
        };
        let counts = per_deck.entry(deck).or_default();
        match item.slot {
            Slot::Review => counts[0] += 1,
            Slot::New => counts[1] += 1,
            Slot::Repeat | Slot::Drill => counts[2] += 1,
        }
    }
    let describe = |c: &[usize; 3]| {
        let mut parts = Vec::new();
        for (n, one, many) in [
            (c[0], "review", "reviews"),
            (c[1], "new", "new"),
            (c[2], "repeat", "repeats"),
        ] {
            if n > 0 {
                parts.push(plural(n as u64, one, many));
            }
        }
        parts.join(" · ")
    };
    let total = per_deck.values().fold([0; 3], |mut t, c| {
        (0..3).for_each(|i| t[i] += c[i]);
        t
    });
    let mut lines = vec![Line::styled(
        format!(
            "Today: {} (limits: {} new, {} reviews a day)",
            describe(&total),
            limits.new_per_day,
            limits.reviews_per_day
        ),
        Style::Heading,
    )];
    lines.extend(
        per_deck
            .iter()
            .map(|(deck, c)| Line::plain(format!("  {deck}: {}", describe(c)))),
    );
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::styled::plain_text;

    fn ahead(reviews: usize, new: usize, first_due: Option<(Day, u64)>) -> Ahead {
        Ahead {
            today: Day(20_417),
            reviews,
            new,
            first_due,
            rollover_hour: 4,
        }
    }

    #[test]
    fn nothing_due_says_when_something_is() {
        let cases = [
            ahead(12, 20, Some((Day(20_418), 12))),
            ahead(0, 20, Some((Day(20_422), 3))),
            ahead(1, 0, Some((Day(20_418), 1))),
            ahead(0, 0, Some((Day(20_430), 7))),
            ahead(0, 0, None),
        ];
        let text: Vec<String> = cases.iter().map(|a| plain_text(&nothing_due(a))).collect();
        insta::assert_snapshot!(text.join("---\n"));
    }
}
