//! The prompt loop of `review` and `drill`: show a card, read what the
//! learner does, hand it to [`Study`] (which records it in its own
//! transaction), say what happened, next card. Bad input and a closed
//! terminal end nothing but the loop; every answer given is saved.

use super::ask::{ask_basic, ask_typed, Grading, Outcome};
use super::service::{Done, Followed, Study};
use super::{Io, Rules, Tally};
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::{preview_with, Scheduler};
use crate::history::{CardState, Effect};
use crate::sched::Quality;
use crate::session::Session;
use crate::store::Store;
use crate::ui::view::{self, Missed};
use crate::ui::{Line, Style};

/// Run the session until it is done, the learner quits, input ends or the
/// deadline passes.
pub fn review_loop(
    store: &mut Store,
    session: Session,
    io: &mut Io<'_>,
    rules: &Rules,
    intro: Vec<Line>,
) -> Result<Tally> {
    // The scheduler the store applies (the config's): it previews the grades.
    let scheduler = store.scheduler().clone();
    let mut study = Study::new(store, session, *rules);
    let clock = io.clock;
    let started = clock.now();
    // One entry per answer not undone: its grade, and the card if missed.
    let mut answers: Vec<(Quality, Option<Missed>)> = Vec::new();
    // Shown at the top of the next screen: what the last action did.
    let mut flash: Vec<Line> = intro;
    let mut timed_out = false;
    let term = Error::Terminal;
    loop {
        let now = clock.now();
        if rules.deadline.is_some_and(|d| now >= d) && study.remaining().total() > 0 {
            timed_out = true;
            break;
        }
        let Some((item, record)) = study.current()? else {
            break;
        };
        let today = Day::containing(now, rules.rollover_hour);
        let p = &mut *io.prompter;
        p.clear().map_err(term)?;
        p.show(&flash).map_err(term)?;
        flash.clear();
        let elapsed = (now - started).num_seconds();
        let to_go = rules.deadline.map(|d| (d - now).num_seconds());
        p.show(&[view::status(study.remaining(), elapsed, to_go), Line::new()])
            .map_err(term)?;
        p.show(&view::front(&record.card, item.slot, p.width()))
            .map_err(term)?;
        let shown_ms = now.timestamp_millis();
        let effect = rules.mode.effect(&record.state.sm2, today);
        let grading = grading(&scheduler, &record.state, effect, today);
        let outcome = if record.card.kind.is_typed() {
            ask_typed(p, &record.card, clock, shown_ms, rules, &grading)?
        } else {
            ask_basic(p, &record.card, clock, shown_ms, &grading)?
        };
        let now_ms = clock.now().timestamp_millis();
        let done = match outcome {
            Outcome::Grade {
                quality,
                typed,
                elapsed_ms,
            } => {
                let done =
                    study.answer(item, quality, typed.as_deref(), elapsed_ms, now_ms, today)?;
                let missed = (!quality.passed()).then(|| Missed {
                    prompt: record.card.prompt.clone(),
                    answer: record.card.answer.clone(),
                });
                answers.push((quality, missed));
                done
            }
            Outcome::Undo => {
                let done = study.undo(now_ms, today)?;
                if done == (Done::Undone { answer: true }) {
                    answers.pop();
                }
                done
            }
            Outcome::Suspend => study.suspend(item, now_ms, today)?,
            Outcome::Bury => study.bury(item, now_ms, today)?,
            Outcome::Edit => study.edit(&record.card, io.editor, &io.cwd, now_ms)?,
            Outcome::Quit => break,
        };
        flash.extend(said(done, today, matches!(scheduler, Scheduler::Fsrs(_))));
    }
    io.prompter.show(&flash).map_err(term)?;
    Ok(Tally {
        answered: answers.len(),
        correct: answers.iter().filter(|(q, _)| q.passed()).count(),
        elapsed_secs: (clock.now() - started).num_seconds(),
        left: study.remaining().total(),
        missed: answers.into_iter().filter_map(|(_, m)| m).collect(),
        timed_out,
    })
}

/// The grading line and keys of a card in `state` under `scheduler`.
fn grading(scheduler: &Scheduler, state: &CardState, effect: Effect, today: Day) -> Grading {
    let outlooks = preview_with(scheduler, state, effect, today);
    match scheduler {
        Scheduler::Sm2 => Grading {
            line: view::outlook(&outlooks, today, effect),
            fsrs: false,
        },
        Scheduler::Fsrs(_) => Grading {
            line: view::fsrs_outlook(&outlooks, today, effect),
            fsrs: true,
        },
    }
}

/// What the learner reads about what an action did.
fn said(done: Done, today: Day, fsrs: bool) -> Vec<Line> {
    match done {
        Done::Answered {
            quality,
            effect,
            state,
            leech,
        } => {
            let mut lines = vec![view::saved(quality, effect, &state, today, fsrs)];
            if let Some(action) = leech {
                lines.push(view::leech(state.sm2.lapses, action));
            }
            lines
        }
        Done::Undone { answer: true } => vec![Line::styled(
            "undone: that card is asked again",
            Style::Good,
        )],
        Done::Undone { answer: false } => vec![Line::styled(
            "undone: that card is back in the session and asked again",
            Style::Good,
        )],
        Done::NothingToUndo => vec![Line::styled("nothing to undo in this session", Style::Bad)],
        Done::Suspended => vec![Line::styled(
            "suspended: it stays out of reviews until `recall unsuspend` (u takes it back now)",
            Style::Good,
        )],
        Done::Buried => vec![Line::styled("buried until tomorrow", Style::Good)],
        Done::Edited { mut report, follow } => {
            match follow {
                Followed::Same => {}
                Followed::Successor => report.push(Line::styled(
                    "the prompt changed, so this is a new card; the old one is retired with its history",
                    Style::Dim,
                )),
                Followed::Gone => report.push(Line::styled(
                    "that card is gone from the deck; it is retired with its history",
                    Style::Dim,
                )),
            }
            report
        }
    }
}
