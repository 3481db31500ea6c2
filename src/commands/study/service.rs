//! The session object the prompt loop talks to: the day's [`Session`] (pure:
//! which card, what comes next) over the collection (what is written). Each
//! method is one event, committed before it returns.

use super::edit::edit_card;
use super::Rules;
use crate::card::{Card, DeckPattern};
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::{CardState, Effect, Event, LogId};
use crate::sched::leech::LeechAction;
use crate::sched::Quality;
use crate::session::{Item, Remaining, Session};
use crate::store::{CardFilter, CardRecord, NewAnswer, Store, StoreError};
use crate::ui::editor::Editor;
use crate::ui::Line;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What an action did, for the loop to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Answered {
        quality: Quality,
        effect: Effect,
        state: CardState,
        leech: Option<LeechAction>,
    },
    /// The last event of the session is taken back: an answer (`answer`),
    /// else a suspension or burial.
    Undone {
        answer: bool,
    },
    NothingToUndo,
    Suspended,
    Buried,
    /// The source was edited; the lines say how the recompile went.
    Edited {
        report: Vec<Line>,
        follow: Followed,
    },
}

/// Which card the session goes on with after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Followed {
    /// The same card (its prompt is unchanged).
    Same,
    /// The prompt changed: the card now written at the same place.
    Successor,
    /// The card is gone from the deck.
    Gone,
}

pub struct Study<'s> {
    store: &'s mut Store,
    session: Session,
    rules: Rules,
    /// Answers of this session that made their card a leech: the Suspend
    /// row each appended (if any), which an undo of the answer takes back too.
    leeches: HashMap<LogId, Option<LogId>>,
    /// The log rows of this session's suspensions and burials.
    set_aside: HashSet<LogId>,
}

impl<'s> Study<'s> {
    pub fn new(store: &'s mut Store, session: Session, rules: Rules) -> Study<'s> {
        Study {
            store,
            session,
            rules,
            leeches: HashMap::new(),
            set_aside: HashSet::new(),
        }
    }

    pub fn remaining(&self) -> Remaining {
        self.session.remaining()
    }

    /// The card to ask now, skipping cards retired or suspended since the
    /// session was planned.
    pub fn current(&mut self) -> Result<Option<(Item, CardRecord)>> {
        while let Some(item) = self.session.current() {
            match self.store.cards().get(item.card)? {
                Some(record) if !record.retired && !record.state.suspended => {
                    return Ok(Some((item, record)))
                }
                _ => self.session.remove(item.card),
            }
        }
        Ok(None)
    }

    /// Grade the current card.
    pub fn answer(
        &mut self,
        item: Item,
        quality: Quality,
        typed: Option<&str>,
        elapsed_ms: i64,
        at_ms: i64,
        today: Day,
    ) -> Result<Done> {
        let answered = self
            .store
            .record_answer(
                &NewAnswer {
                    card: item.card,
                    quality,
                    mode: self.rules.mode,
                    at_ms,
                    day: today,
                    elapsed_ms: Some(elapsed_ms.max(0)),
                    typed,
                },
                &self.rules.leech,
            )
            .map_err(not_saved(format!("answer {quality} to card {}", item.card)))?;
        let effect = match answered.entry.event {
            Event::Answer { effect, .. } => effect,
            _ => Effect::Repeat,
        };
        self.session
            .answer(quality, answered.entry.id, answered.leech);
        if answered.leech.is_some() {
            self.leeches.insert(answered.entry.id, answered.suspend);
        }
        Ok(Done::Answered {
            quality,
            effect,
            state: answered.state,
            leech: answered.leech,
        })
    }

    /// Take back the session's last event, whatever it was: an answer (with
    /// the leech suspension and tag it set off), a suspension or a burial.
    /// Its card is asked again next. The undo row names the row it undoes.
    pub fn undo(&mut self, at_ms: i64, today: Day) -> Result<Done> {
        let Some((undone, log)) = self.session.undo() else {
            return Ok(Done::NothingToUndo);
        };
        let answer = !self.set_aside.remove(&log);
        let leech = self.leeches.remove(&log);
        let targets: Vec<LogId> = std::iter::once(log).chain(leech.flatten()).collect();
        self.store
            .undo(undone.card, &targets, leech.is_some(), at_ms, today)
            .map_err(not_saved(format!("undo of card {}", undone.card)))?;
        Ok(Done::Undone { answer })
    }

    pub fn suspend(&mut self, item: Item, at_ms: i64, today: Day) -> Result<Done> {
        let (entry, _) = self
            .store
            .record(item.card, Event::Suspend, at_ms, today)
            .map_err(not_saved(format!("suspension of card {}", item.card)))?;
        self.put_aside(entry.id);
        Ok(Done::Suspended)
    }

    /// Bury the card until tomorrow.
    pub fn bury(&mut self, item: Item, at_ms: i64, today: Day) -> Result<Done> {
        let until = today.plus(1);
        let (entry, _) = self
            .store
            .record(item.card, Event::Bury { until }, at_ms, today)
            .map_err(not_saved(format!("burial of card {}", item.card)))?;
        self.put_aside(entry.id);
        Ok(Done::Buried)
    }

    fn put_aside(&mut self, log: LogId) {
        self.session.set_aside(log);
        self.set_aside.insert(log);
    }

    /// Edit the card's source, recompile, and go on with the edited card.
    pub fn edit(
        &mut self,
        card: &Card,
        editor: &mut dyn Editor,
        cwd: &Path,
        at_ms: i64,
    ) -> Result<Done> {
        let report = edit_card(self.store, card, editor, cwd, at_ms, self.rules.python);
        let follow = self.follow_edit(card)?;
        Ok(Done::Edited { report, follow })
    }

    /// An edited prompt gives the card a new id (the old one is retired with
    /// its history), so look for the card now written at the same place.
    fn follow_edit(&mut self, old: &Card) -> Result<Followed> {
        if self.store.cards().get(old.id)?.is_some_and(|r| !r.retired) {
            return Ok(Followed::Same);
        }
        let filter = CardFilter {
            deck: DeckPattern::new(&old.deck),
            ..CardFilter::default()
        };
        let successor = self
            .store
            .cards()
            .list(&filter)?
            .into_iter()
            .find(|r| r.card.source == old.source && r.card.kind == old.kind);
        Ok(match successor {
            Some(r) => {
                self.session.replace_current(r.card.id);
                Followed::Successor
            }
            None => Followed::Gone,
        })
    }
}

/// A write that failed ends the session: the learner must know that this
/// answer is not in the log, while every earlier one is.
fn not_saved(what: String) -> impl FnOnce(StoreError) -> Error {
    move |source| Error::NotSaved {
        what,
        source: Box::new(source),
    }
}
