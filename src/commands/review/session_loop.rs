//! The prompt loop of `review` and `drill`: show a card, ask, record the
//! answer in its own transaction, say what happened, next card. Bad input
//! and a closed terminal end nothing but the loop; every answer given is saved.

use super::ask::{ask_basic, ask_typed, Outcome};
use super::edit::edit_card;
use crate::commands::{Clock, Ctx};
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::{Effect, Event};
use crate::sched::leech::{LeechAction, LeechRule};
use crate::sched::Quality;
use crate::session::answer::{CaseRule, Thresholds};
use crate::session::Session;
use crate::store::{AnswerMode, CardFilter, NewAnswer, Store, StoreError};
use crate::ui::editor::Editor;
use crate::ui::view::{self, DrillScore, Missed};
use crate::ui::{Line, Prompter, Style};
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// How answers are recorded and checked.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub mode: AnswerMode,
    pub thresholds: Thresholds,
    pub case: CaseRule,
    pub leech: LeechRule,
    /// Ask no new card after this (`drill --timed`).
    pub deadline: Option<DateTime<FixedOffset>>,
    pub rollover_hour: u32,
}

impl Rules {
    pub fn from_ctx(ctx: &Ctx, mode: AnswerMode, deadline: Option<DateTime<FixedOffset>>) -> Rules {
        Rules {
            mode,
            thresholds: ctx.config.thresholds,
            case: ctx.config.case,
            leech: ctx.config.leech,
            deadline,
            rollover_hour: ctx.rollover_hour,
        }
    }
}

/// The outside world of the loop.
pub struct Io<'a> {
    pub prompter: &'a mut dyn Prompter,
    pub clock: &'a dyn Clock,
    pub editor: &'a mut dyn Editor,
    /// Where the bundled decks' paths (`decks/phase-2.md`) are looked up for `e`.
    pub cwd: PathBuf,
}

impl<'a> Io<'a> {
    /// The real world of a command: its clock, editor and directory.
    pub fn new(ctx: &'a mut Ctx, prompter: &'a mut dyn Prompter) -> Io<'a> {
        Io {
            prompter,
            clock: ctx.clock.as_ref(),
            editor: ctx.editor.as_mut(),
            cwd: ctx.cwd.clone(),
        }
    }
}

/// What a session did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub answered: usize,
    /// Answers graded 3 or more.
    pub correct: usize,
    pub elapsed_secs: i64,
    /// Cards not reached.
    pub left: usize,
    /// Cards answered below 3, in order (undone answers left out).
    pub missed: Vec<Missed>,
    pub timed_out: bool,
}

impl Tally {
    /// A drill's score.
    pub fn into_score(self) -> DrillScore {
        DrillScore {
            asked: self.answered,
            correct: self.correct,
            elapsed_secs: self.elapsed_secs,
            missed: self.missed,
            left: self.left,
            timed_out: self.timed_out,
        }
    }
}

/// Run the session until it is done, the learner quits, input ends or the
/// deadline passes.
pub fn review_loop(
    store: &mut Store,
    mut session: Session,
    io: &mut Io<'_>,
    rules: &Rules,
    intro: Vec<Line>,
) -> Result<Tally> {
    let clock = io.clock;
    let started = clock.now();
    // One entry per answer not undone: its grade, and the card if missed.
    let mut answers: Vec<(Quality, Option<Missed>)> = Vec::new();
    // Shown at the top of the next screen: what the last action did.
    let mut flash: Vec<Line> = intro;
    let mut timed_out = false;
    let term = Error::Terminal;
    while let Some(item) = session.current() {
        let now = clock.now();
        if rules.deadline.is_some_and(|d| now >= d) {
            timed_out = true;
            break;
        }
        let today = Day::containing(now, rules.rollover_hour);
        let record = store.cards().get(item.card)?;
        let Some(record) = record.filter(|r| !r.retired && !r.state.suspended) else {
            session.remove(item.card);
            continue;
        };
        let p = &mut *io.prompter;
        p.clear().map_err(term)?;
        p.show(&flash).map_err(term)?;
        flash.clear();
        let elapsed = (now - started).num_seconds();
        let to_go = rules.deadline.map(|d| (d - now).num_seconds());
        p.show(&[
            view::status(session.remaining(), elapsed, to_go),
            Line::new(),
        ])
        .map_err(term)?;
        p.show(&view::front(&record.card, item.slot))
            .map_err(term)?;
        let shown_ms = now.timestamp_millis();
        let outcome = if record.card.kind.is_typed() {
            ask_typed(p, &record.card, clock, shown_ms, rules)?
        } else {
            ask_basic(p, &record.card, clock, shown_ms)?
        };
        let now_ms = clock.now().timestamp_millis();
        match outcome {
            Outcome::Grade {
                quality,
                typed,
                elapsed_ms,
            } => {
                let answered = store
                    .record_answer(
                        &NewAnswer {
                            card: item.card,
                            quality,
                            mode: rules.mode,
                            at_ms: now_ms,
                            day: today,
                            elapsed_ms: Some(elapsed_ms.max(0)),
                            typed: typed.as_deref(),
                        },
                        &rules.leech,
                    )
                    .map_err(not_saved(format!("answer {quality} to card {}", item.card)))?;
                let effect = match answered.entry.event {
                    Event::Answer { effect, .. } => effect,
                    _ => Effect::Repeat,
                };
                let repeat = rules.mode == AnswerMode::Review && quality.needs_repeat();
                session.answered(repeat, answered.entry.id);
                let missed = (!quality.passed()).then(|| Missed {
                    prompt: record.card.prompt.clone(),
                    answer: record.card.answer.clone(),
                });
                answers.push((quality, missed));
                flash.push(view::saved(quality, effect, &answered.state, today));
                if let Some(action) = answered.leech {
                    flash.push(view::leech(answered.state.sm2.lapses, action));
                    if action == LeechAction::Suspend {
                        session.remove(item.card);
                    }
                }
            }
            Outcome::Undo => match session.undo() {
                Some((undone, log)) => {
                    store
                        .record(undone.card, Event::Undo { target: log }, now_ms, today)
                        .map_err(not_saved(format!("undo of card {}", undone.card)))?;
                    answers.pop();
                    flash.push(Line::styled(
                        "undone: that card is asked again",
                        Style::Good,
                    ));
                }
                None => flash.push(Line::styled("nothing to undo in this session", Style::Bad)),
            },
            Outcome::Suspend => {
                store
                    .record(item.card, Event::Suspend, now_ms, today)
                    .map_err(not_saved(format!("suspension of card {}", item.card)))?;
                session.remove(item.card);
                flash.push(Line::styled(
                    "suspended: `recall cards` lists it; it stays out of reviews",
                    Style::Good,
                ));
            }
            Outcome::Bury => {
                store
                    .record(
                        item.card,
                        Event::Bury {
                            until: today.plus(1),
                        },
                        now_ms,
                        today,
                    )
                    .map_err(not_saved(format!("burial of card {}", item.card)))?;
                session.remove(item.card);
                flash.push(Line::styled("buried until tomorrow", Style::Good));
            }
            Outcome::Edit => {
                flash.extend(edit_card(store, &record.card, io.editor, &io.cwd, now_ms));
                follow_edit(store, &mut session, &record.card, &mut flash)?;
            }
            Outcome::Quit => break,
        }
    }
    io.prompter.show(&flash).map_err(term)?;
    Ok(Tally {
        answered: answers.len(),
        correct: answers.iter().filter(|(q, _)| q.passed()).count(),
        elapsed_secs: (clock.now() - started).num_seconds(),
        left: session.remaining().total(),
        missed: answers.into_iter().filter_map(|(_, m)| m).collect(),
        timed_out,
    })
}

/// After an edit, keep asking the same card: an edited prompt gives the
/// card a new id (the old one is retired with its history), so look for the
/// card now written at the same place.
fn follow_edit(
    store: &Store,
    session: &mut Session,
    old: &crate::card::Card,
    flash: &mut Vec<Line>,
) -> Result<()> {
    let still_there = store.cards().get(old.id)?.is_some_and(|r| !r.retired);
    if still_there {
        return Ok(());
    }
    let filter = CardFilter {
        deck: Some(old.deck.clone()),
        ..CardFilter::default()
    };
    let successor = store
        .cards()
        .list(&filter)?
        .into_iter()
        .find(|r| r.card.source == old.source && r.card.kind == old.kind);
    match successor {
        Some(r) => {
            session.replace_current(r.card.id);
            flash.push(Line::styled(
                "the prompt changed, so this is a new card; the old one is retired with its history",
                Style::Dim,
            ));
        }
        None => flash.push(Line::styled(
            "that card is gone from the deck; it is retired with its history",
            Style::Dim,
        )),
    }
    Ok(())
}

/// A write that failed ends the session: the learner must know that this
/// answer is not in the log, while every earlier one is.
fn not_saved(what: String) -> impl FnOnce(StoreError) -> Error {
    move |source| Error::NotSaved {
        what,
        source: Box::new(source),
    }
}
