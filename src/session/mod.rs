//! Today's queue and the order of a session, as a pure state machine:
//! due reviews first (in an order the caller's RNG picks), then new cards in
//! roadmap order, then the same-day repeats of SM-2 step 7. Undo puts a card
//! back where it was.

pub(crate) mod answer;
pub(crate) mod plan;
pub(crate) mod streak;

use crate::card::CardId;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry, LogId};
use crate::sched::leech::LeechAction;
use crate::sched::Quality;
use rand::seq::SliceRandom;
use rand::Rng;
use std::collections::{HashMap, VecDeque};

/// New cards introduced per day unless configured otherwise.
pub const DEFAULT_NEW_PER_DAY: u32 = 20;
/// Scheduled reviews per day unless configured otherwise.
pub const DEFAULT_REVIEWS_PER_DAY: u32 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub new_per_day: u32,
    pub reviews_per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            new_per_day: DEFAULT_NEW_PER_DAY,
            reviews_per_day: DEFAULT_REVIEWS_PER_DAY,
        }
    }
}

/// Why a card is in the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Review,
    New,
    /// Asked again today after an answer below 4.
    Repeat,
    /// Practice outside the schedule (`recall drill`).
    Drill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub card: CardId,
    pub slot: Slot,
}

/// What is left, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Remaining {
    pub new: usize,
    pub review: usize,
    pub repeat: usize,
    pub drill: usize,
}

impl Remaining {
    pub fn total(&self) -> usize {
        self.new + self.review + self.repeat + self.drill
    }
}

/// What the day has seen so far, from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayProgress {
    pub introduced: u32,
    pub reviewed: u32,
    /// Cards still owed a same-day repeat, oldest first.
    pub repeats: Vec<CardId>,
}

/// One answered step, kept so undo can put things back.
#[derive(Debug, Clone, Copy)]
struct Step {
    item: Item,
    log: LogId,
    queued_repeat: bool,
}

/// A review session in progress.
#[derive(Debug, Clone, Default)]
pub struct Session {
    queue: VecDeque<Item>,
    repeats: VecDeque<CardId>,
    steps: Vec<Step>,
}

impl Session {
    /// Today's session: the most overdue of `due` (card, due day) up to the
    /// remaining review allowance, in an order `rng` shuffles among cards due
    /// the same day; then at most the remaining new allowance of `new`
    /// (already in roadmap order); then the repeats still owed from earlier today.
    pub fn plan(
        due: &[(CardId, Day)],
        new: &[CardId],
        progress: &DayProgress,
        limits: Limits,
        rng: &mut impl Rng,
    ) -> Session {
        let review_room = limits.reviews_per_day.saturating_sub(progress.reviewed) as usize;
        let new_room = limits.new_per_day.saturating_sub(progress.introduced) as usize;
        let mut reviews: Vec<(CardId, Day)> = due.to_vec();
        reviews.sort_by_key(|&(_, day)| day);
        for same_day in reviews.chunk_by_mut(|a, b| a.1 == b.1) {
            same_day.shuffle(rng);
        }
        reviews.truncate(review_room);
        let queue = reviews
            .into_iter()
            .map(|(card, _)| Item {
                card,
                slot: Slot::Review,
            })
            .chain(new.iter().take(new_room).map(|&card| Item {
                card,
                slot: Slot::New,
            }))
            .collect();
        Session {
            queue,
            repeats: progress.repeats.iter().copied().collect(),
            steps: Vec::new(),
        }
    }

    /// A drill: `cards` in the order given, no repeats.
    pub fn drill(cards: &[CardId]) -> Session {
        Session {
            queue: cards
                .iter()
                .map(|&card| Item {
                    card,
                    slot: Slot::Drill,
                })
                .collect(),
            ..Session::default()
        }
    }

    /// Ask `card` in place of the current card (the same card after an edit
    /// changed its prompt, and so its id).
    pub fn replace_current(&mut self, card: CardId) {
        if let Some(item) = self.queue.front_mut() {
            item.card = card;
        } else if let Some(front) = self.repeats.front_mut() {
            *front = card;
        }
    }

    /// The card to ask now.
    pub fn current(&self) -> Option<Item> {
        self.queue.front().copied().or_else(|| {
            self.repeats.front().map(|&card| Item {
                card,
                slot: Slot::Repeat,
            })
        })
    }

    /// Record that the current card was answered; a failing answer (below 4)
    /// queues it again after everything else.
    pub fn answered(&mut self, repeat_needed: bool, log: LogId) -> Option<Item> {
        let item = self.pop_current()?;
        if repeat_needed {
            self.repeats.push_back(item.card);
        }
        self.steps.push(Step {
            item,
            log,
            queued_repeat: repeat_needed,
        });
        Some(item)
    }

    /// Move on after an answer to the current card logged as `log`: a
    /// scheduled answer below 4 owes a same-day repeat (SM-2 step 7; drills
    /// owe none), and a card the answer made a suspended leech leaves the
    /// session.
    pub fn answer(&mut self, quality: Quality, log: LogId, leech: Option<LeechAction>) {
        let drill = self.current().is_some_and(|item| item.slot == Slot::Drill);
        let repeat = !drill && quality.needs_repeat();
        if let Some(item) = self.answered(repeat, log) {
            if leech == Some(LeechAction::Suspend) {
                self.remove(item.card);
            }
        }
    }

    /// Take back the last answer of this session: its card is asked again
    /// next. Returns the log row to mark undone.
    pub fn undo(&mut self) -> Option<(Item, LogId)> {
        let step = self.steps.pop()?;
        if step.queued_repeat {
            if let Some(pos) = self.repeats.iter().rposition(|&c| c == step.item.card) {
                self.repeats.remove(pos);
            }
        }
        match step.item.slot {
            Slot::Repeat => self.repeats.push_front(step.item.card),
            Slot::Review | Slot::New | Slot::Drill => self.queue.push_front(step.item),
        }
        Some((step.item, step.log))
    }

    /// Drop a card from the rest of the session (suspended or buried).
    pub fn remove(&mut self, card: CardId) {
        self.queue.retain(|i| i.card != card);
        self.repeats.retain(|&c| c != card);
    }

    pub fn remaining(&self) -> Remaining {
        let mut r = Remaining {
            repeat: self.repeats.len(),
            ..Remaining::default()
        };
        for item in &self.queue {
            match item.slot {
                Slot::Review => r.review += 1,
                Slot::New => r.new += 1,
                Slot::Repeat => r.repeat += 1,
                Slot::Drill => r.drill += 1,
            }
        }
        r
    }

    fn pop_current(&mut self) -> Option<Item> {
        if let Some(item) = self.queue.pop_front() {
            return Some(item);
        }
        self.repeats.pop_front().map(|card| Item {
            card,
            slot: Slot::Repeat,
        })
    }
}

/// Cards owed a same-day repeat: those whose last review answer today (not
/// undone, not a drill) was below 4, in the order of those answers.
pub fn pending_repeats(today_log: &[LogEntry]) -> Vec<CardId> {
    let undone: std::collections::HashSet<LogId> = today_log
        .iter()
        .filter_map(|e| match e.event {
            Event::Undo { target } => Some(target),
            _ => None,
        })
        .collect();
    let mut last: HashMap<CardId, (usize, bool)> = HashMap::new();
    for (i, e) in today_log.iter().enumerate() {
        if undone.contains(&e.id) {
            continue;
        }
        match e.event {
            Event::Answer { quality, effect } if effect != Effect::Drill => {
                last.insert(e.card, (i, quality.needs_repeat()));
            }
            // Another program's state (Anki's learning step) takes over:
            // the card comes back when that state says, not as a repeat too.
            Event::Import { .. } => {
                last.remove(&e.card);
            }
            _ => {}
        }
    }
    let mut owed: Vec<(usize, CardId)> = last
        .into_iter()
        .filter_map(|(card, (i, owed))| owed.then_some((i, card)))
        .collect();
    owed.sort_unstable();
    owed.into_iter().map(|(_, card)| card).collect()
}

#[cfg(test)]
mod tests;
