//! Today's queue and the order of a session, as a pure state machine:
//! due reviews first (in an order the caller's RNG picks), then new cards in
//! roadmap order, then the same-day repeats of SM-2 step 7. Undo puts a card
//! back where it was.

pub(crate) mod answer;
pub(crate) mod equivalence;
pub(crate) mod plan;
pub(crate) mod streak;

use crate::card::CardId;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry, LogId};
use crate::sched::leech::LeechAction;
use crate::sched::Quality;
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

/// One step of the session, kept so undo can put things back.
#[derive(Debug, Clone)]
enum Step {
    Answered {
        item: Item,
        log: LogId,
        queued_repeat: bool,
    },
    /// The current card was suspended or buried (`log`): where it stood in
    /// the queue and the repeats, to put it back exactly.
    SetAside {
        item: Item,
        log: LogId,
        queue: Vec<(usize, Item)>,
        repeats: Vec<(usize, CardId)>,
    },
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
        // Within a day, each card's place comes from the seed and its own
        // id, not from the other cards: a plan made later in the day (after
        // answers, by `recall next` or a resumed session) keeps the order.
        let salt: u64 = rng.gen();
        let mut reviews: Vec<(CardId, Day)> = due.to_vec();
        reviews.sort_by_key(|&(card, day)| (day, shuffle_key(salt, card), card));
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

    /// Every card still to ask, in order: the queue, then the repeats.
    pub fn upcoming(&self) -> Vec<Item> {
        self.queue
            .iter()
            .copied()
            .chain(self.repeats.iter().map(|&card| Item {
                card,
                slot: Slot::Repeat,
            }))
            .collect()
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
        self.steps.push(Step::Answered {
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

    /// Take back the last step of this session (an answer, or a card set
    /// aside): its card is asked again next. Returns the card and the log
    /// row to mark undone.
    pub fn undo(&mut self) -> Option<(Item, LogId)> {
        match self.steps.pop()? {
            Step::Answered {
                item,
                log,
                queued_repeat,
            } => {
                if queued_repeat {
                    if let Some(pos) = self.repeats.iter().rposition(|&c| c == item.card) {
                        self.repeats.remove(pos);
                    }
                }
                match item.slot {
                    Slot::Repeat => self.repeats.push_front(item.card),
                    Slot::Review | Slot::New | Slot::Drill => self.queue.push_front(item),
                }
                Some((item, log))
            }
            Step::SetAside {
                item,
                log,
                queue,
                repeats,
            } => {
                for (pos, removed) in queue {
                    self.queue.insert(pos.min(self.queue.len()), removed);
                }
                for (pos, card) in repeats {
                    self.repeats.insert(pos.min(self.repeats.len()), card);
                }
                Some((item, log))
            }
        }
    }

    /// Take the current card out of the rest of the session, as the step
    /// logged as `log` (a suspend or a bury), so that [`Session::undo`] can
    /// put it back where it was.
    pub fn set_aside(&mut self, log: LogId) {
        let Some(item) = self.current() else {
            return;
        };
        let queue = taken_out(&mut self.queue, |i| i.card == item.card);
        let repeats = taken_out(&mut self.repeats, |&c| c == item.card);
        self.steps.push(Step::SetAside {
            item,
            log,
            queue,
            repeats,
        });
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

/// Removes the elements `matches` picks, returning them with the positions
/// they had (ascending), so inserting them back in that order restores `list`.
fn taken_out<T: Copy>(list: &mut VecDeque<T>, matches: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let taken: Vec<(usize, T)> = list
        .iter()
        .enumerate()
        .filter(|(_, x)| matches(x))
        .map(|(i, &x)| (i, x))
        .collect();
    list.retain(|x| !matches(x));
    taken
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

/// A card's place among the cards due the same day: SplitMix64 of the
/// salt and the id, so every card's place is independent of the others'.
fn shuffle_key(salt: u64, card: CardId) -> u64 {
    let mut z = (salt ^ card.0).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
