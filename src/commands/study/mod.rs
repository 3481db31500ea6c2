//! Studying: the prompt loop shared by `review` and `drill`. The loop
//! ([`session_loop`]) shows and reads; what an answer, an undo, a suspension
//! or an edit does to the collection and to the session is [`Study`]'s.

mod ask;
mod edit;
mod service;
mod session_loop;

use super::sources::compile_bundled;
use super::{Clock, Ctx};
use crate::card::DeckPattern;
use crate::deck::PythonVersion;
use crate::error::Result;
use crate::sched::leech::LeechRule;
use crate::session::answer::{CaseRule, Thresholds};
use crate::store::{AnswerMode, Store};
use crate::ui::editor::Editor;
use crate::ui::view::{DrillScore, Missed};
use crate::ui::{Line, Prompter, Style};
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

pub use session_loop::review_loop;

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
    /// The configured Python, for the recompile after `e`.
    pub python: Option<PythonVersion>,
}

impl Rules {
    pub fn from_ctx(ctx: &Ctx, mode: AnswerMode, deadline: Option<DateTime<FixedOffset>>) -> Rules {
        Rules {
            mode,
            thresholds: ctx.config().thresholds,
            case: ctx.config().case,
            leech: ctx.config().leech,
            deadline,
            rollover_hour: ctx.config().rollover_hour,
            python: ctx.config().python,
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
            cwd: ctx.settings.cwd.clone(),
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

/// The collection, compiled from the bundled decks first if it is empty (a
/// new user's first command); the lines greet a new collection.
/// A `deck` pattern is checked first: on a first run against the decks the
/// collection would get, before the file is made, so a pattern that matches
/// nothing writes nothing.
pub fn open_or_compile(ctx: &Ctx, deck: Option<&DeckPattern>) -> Result<(Store, Vec<Line>)> {
    if let Some(pattern) = deck.filter(|_| !ctx.db().exists()) {
        let decks = super::sources::bundled_deck_ids(ctx.db(), ctx.config().python)?;
        super::filters::check_deck_among(&decks, pattern)?;
    }
    let mut store = ctx.open()?;
    let mut intro = Vec::new();
    if store.cards().count()? == 0 {
        let (compiled, report) = compile_bundled(&mut store, ctx.now_ms(), ctx.config().python)?;
        intro.push(Line::styled(
            format!(
                "New collection: {} cards from the bundled {} decks in {}",
                report.added,
                compiled.roadmap.title,
                ctx.db().display()
            ),
            Style::Good,
        ));
    }
    Ok((store, intro))
}

#[cfg(test)]
mod tests;
