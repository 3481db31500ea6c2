//! The review log as a sequence of events, and the one transition function
//! that both the live session and a replay use, so that a card's state always
//! equals a replay of its log.

use crate::day::Day;
use crate::sched::fsrs::{self as fsrs_sched, Fsrs, Memory, Rating};
use crate::sched::{self, Quality, Sm2State};
use serde::Serialize;

/// A row of the review log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LogId(pub i64);

/// What an answer did to the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The first answer on a day the card was due (or new): SM-2 runs.
    Schedule,
    /// A same-day repeat (SM-2 step 7) or an early answer: logged, no change.
    Repeat,
    /// Practice outside the schedule: logged, no change.
    Drill,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Schedule => "schedule",
            Effect::Repeat => "repeat",
            Effect::Drill => "drill",
        }
    }

    pub fn parse(s: &str) -> Option<Effect> {
        [Effect::Schedule, Effect::Repeat, Effect::Drill]
            .into_iter()
            .find(|e| e.as_str() == s)
    }

    /// The effect of answering a card in `state` on `today` in the review.
    pub fn for_review(state: &Sm2State, today: Day) -> Effect {
        if state.is_due_on(today) {
            Effect::Schedule
        } else {
            Effect::Repeat
        }
    }
}

/// One event of the log. Undo appends: the undone row stays, and replay skips it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    Answer {
        quality: Quality,
        effect: Effect,
    },
    Undo {
        target: LogId,
    },
    Suspend,
    Unsuspend,
    /// Hidden until the given day. A bury whose day is not after the day it
    /// was logged on hides nothing: that is how an unbury is logged (no
    /// event kind of its own, so the log table keeps its shape), and `show`
    /// names it "unbury".
    Bury {
        until: Day,
    },
    /// The SM-2 state another program had when the card was imported (Anki's
    /// interval, ease and due day): replay takes it as is. `memory`: the FSRS
    /// memory that program kept for the card (Anki's `cards.data` `s`, `d`),
    /// which FSRS continues from instead of estimating one from the SM-2
    /// state; SM-2 leaves it unused.
    Import {
        state: Sm2State,
        memory: Option<Memory>,
    },
}

impl Event {
    /// The name `show` gives the event logged on `day`.
    pub fn name(&self, day: Day) -> &'static str {
        match self {
            Event::Answer { .. } => "answer",
            Event::Undo { .. } => "undo",
            Event::Suspend => "suspend",
            Event::Unsuspend => "unsuspend",
            Event::Bury { until } if *until <= day => "unbury",
            Event::Bury { .. } => "bury",
            Event::Import { .. } => "import",
        }
    }
}

/// What `recall suspend|unsuspend|bury|unbury` asks of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Suspend,
    Unsuspend,
    /// Hide the card until the given day.
    Bury {
        until: Day,
    },
    Unbury,
}

impl Change {
    /// The event that makes the change to a card in `state` on `day`, or
    /// `None` when the card already is as asked (nothing to log).
    pub fn event(self, state: &CardState, day: Day) -> Option<Event> {
        let buried = state.buried_until.is_some_and(|until| until > day);
        match self {
            Change::Suspend => (!state.suspended).then_some(Event::Suspend),
            Change::Unsuspend => state.suspended.then_some(Event::Unsuspend),
            Change::Bury { until } => (!buried).then_some(Event::Bury { until }),
            Change::Unbury => buried.then_some(Event::Bury { until: day }),
        }
    }
}

/// One row of a card's history with what it did: the state before and
/// after it, as [`replay`] sees it (an undone row, or an undo, changes nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    pub entry: &'a LogEntry,
    /// Whether a later undo takes this row back.
    pub undone: bool,
    pub before: CardState,
    pub after: CardState,
}

/// A card's log, row by row, with the state each row leaves: the same fold
/// as [`replay`], so the last `after` is the replayed state.
pub fn steps(entries: &[LogEntry]) -> Vec<Step<'_>> {
    steps_with(&Scheduler::Sm2, entries)
}

/// [`steps`] under `scheduler`: the last `after` is [`replay_with`]'s state.
pub fn steps_with<'a>(scheduler: &Scheduler, entries: &'a [LogEntry]) -> Vec<Step<'a>> {
    let undone = undone_rows(entries);
    let mut state = CardState::default();
    entries
        .iter()
        .map(|entry| {
            let before = state;
            let is_undone = undone.contains(&entry.id);
            if !is_undone {
                state = apply_with(scheduler, &state, &entry.event, entry.day);
            }
            Step {
                entry,
                undone: is_undone,
                before,
                after: state,
            }
        })
        .collect()
}

fn undone_rows<'a>(
    entries: impl IntoIterator<Item = &'a LogEntry>,
) -> std::collections::HashSet<LogId> {
    entries
        .into_iter()
        .filter_map(|e| match e.event {
            Event::Undo { target } => Some(target),
            _ => None,
        })
        .collect()
}

/// The scheduled answers of a log that no undo takes back: what a replay
/// hands the scheduler.
pub fn scheduled_answers<'a>(entries: impl IntoIterator<Item = &'a LogEntry> + Clone) -> usize {
    let undone = undone_rows(entries.clone());
    entries
        .into_iter()
        .filter(|e| {
            !undone.contains(&e.id)
                && matches!(
                    e.event,
                    Event::Answer {
                        effect: Effect::Schedule,
                        ..
                    }
                )
        })
        .count()
}

/// A logged event with when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub id: LogId,
    pub card: crate::card::CardId,
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub day: Day,
    pub event: Event,
    /// Time spent on the card, for answers.
    pub elapsed_ms: Option<i64>,
    /// What the learner typed, for typed answers.
    pub typed: Option<String>,
}

/// Everything the log determines about a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardState {
    pub sm2: Sm2State,
    pub suspended: bool,
    pub buried_until: Option<Day>,
    /// The day of the last scheduled answer.
    pub last_review: Option<Day>,
    /// The FSRS memory, when FSRS replayed the log; `None` under SM-2.
    pub memory: Option<Memory>,
}

/// The function a replay applies to a scheduled answer. The log keeps the
/// 0–5 grade whichever is active, so switching is a replay with the other.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scheduler {
    /// SM-2 as specified: recall's default, golden-tested.
    #[default]
    Sm2,
    /// FSRS at a desired retention ([`crate::sched::fsrs`]).
    Fsrs(Fsrs),
}

impl Scheduler {
    /// The probability that the card in `state` is recalled on `today`, by
    /// its FSRS memory; `None` under SM-2 and for a card FSRS has not
    /// scheduled yet.
    pub fn retrievability(&self, state: &CardState, today: Day) -> Option<f32> {
        let Scheduler::Fsrs(fsrs) = self else {
            return None;
        };
        let memory = state.memory?;
        let elapsed = state
            .last_review
            .map_or(0, |last| u32::try_from(today.since(last)).unwrap_or(0));
        Some(fsrs.retrievability(memory, elapsed))
    }
}

impl CardState {
    /// Whether the card may be asked on `day`: not suspended, not buried.
    pub fn is_askable_on(&self, day: Day) -> bool {
        !self.suspended && self.buried_until.is_none_or(|until| until <= day)
    }
}

/// The state after `event` on `day` under SM-2. Undo is not a transition: a
/// replay leaves undone rows out (see [`replay`]).
pub fn apply(state: &CardState, event: &Event, day: Day) -> CardState {
    apply_with(&Scheduler::Sm2, state, event, day)
}

/// The state after `event` on `day` under `scheduler`.
pub fn apply_with(scheduler: &Scheduler, state: &CardState, event: &Event, day: Day) -> CardState {
    let mut next = *state;
    match event {
        Event::Answer {
            quality,
            effect: Effect::Schedule,
        } => {
            match scheduler {
                Scheduler::Sm2 => next.sm2 = sched::review(&state.sm2, *quality, day),
                Scheduler::Fsrs(fsrs) => {
                    let elapsed = state
                        .last_review
                        .map_or(0, |last| u32::try_from(day.since(last)).unwrap_or(0));
                    let (memory, interval) =
                        fsrs.next(state.memory, Rating::from_quality(*quality), elapsed);
                    let days = fsrs_sched::whole_days(interval);
                    next.sm2 = fsrs_sched::schedule(&state.sm2, *quality, days, day);
                    next.memory = Some(memory);
                }
            }
            next.last_review = Some(day);
        }
        Event::Answer { .. } | Event::Undo { .. } => {}
        Event::Suspend => next.suspended = true,
        Event::Unsuspend => next.suspended = false,
        Event::Bury { until } => next.buried_until = Some(*until),
        // A due day from outside (an older import) is kept inside recall's
        // range of days, so a replay mends a state that was stored unclamped.
        Event::Import { state, memory } => {
            next.sm2 = Sm2State {
                due: state.due.map(|d| Day::clamped(i64::from(d.0))),
                ..*state
            };
            // FSRS continues from the memory the other program kept, else
            // from the imported interval and ease.
            if let Scheduler::Fsrs(fsrs) = scheduler {
                next.memory = memory.or_else(|| fsrs.memory_from_sm2(&next.sm2));
            }
        }
    }
    next
}

/// What one grade would do to a card, as the grading line shows it before
/// the learner chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    pub quality: Quality,
    /// The due day the answer would set; `None` when it leaves the schedule
    /// alone (a same-day repeat, a drill).
    pub due: Option<Day>,
    /// Whether the session asks the card again today (SM-2 step 7).
    pub again_today: bool,
}

/// Every grade's [`Outlook`] for an answer with `effect` on `day`, computed
/// by [`apply`], the very transition that records the answer.
pub fn preview(state: &CardState, effect: Effect, day: Day) -> [Outlook; 6] {
    preview_with(&Scheduler::Sm2, state, effect, day)
}

/// [`preview`] under `scheduler`: under FSRS the six grades fall into its
/// four ratings, so grades 0–2 share one outlook.
pub fn preview_with(
    scheduler: &Scheduler,
    state: &CardState,
    effect: Effect,
    day: Day,
) -> [Outlook; 6] {
    let mut outlooks = [0u8, 1, 2, 3, 4, 5].map(|q| Outlook {
        quality: Quality::clamped(q),
        due: None,
        again_today: false,
    });
    for outlook in &mut outlooks {
        let quality = outlook.quality;
        let next = apply_with(scheduler, state, &Event::Answer { quality, effect }, day);
        outlook.due = (next.sm2 != state.sm2).then_some(next.sm2.due).flatten();
        outlook.again_today = effect != Effect::Drill && quality.needs_repeat();
    }
    outlooks
}

/// A card's state from its whole log under SM-2, in log order, leaving out
/// undone rows.
pub fn replay<'a>(entries: impl IntoIterator<Item = &'a LogEntry> + Clone) -> CardState {
    replay_with(&Scheduler::Sm2, entries)
}

/// A card's state from its whole log under `scheduler`.
pub fn replay_with<'a>(
    scheduler: &Scheduler,
    entries: impl IntoIterator<Item = &'a LogEntry> + Clone,
) -> CardState {
    let undone = undone_rows(entries.clone());
    entries
        .into_iter()
        .filter(|e| !undone.contains(&e.id))
        .fold(CardState::default(), |state, e| {
            apply_with(scheduler, &state, &e.event, e.day)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CardId;
    use proptest::prelude::*;

    fn entry(id: i64, day: i32, event: Event) -> LogEntry {
        LogEntry {
            id: LogId(id),
            card: CardId(1),
            at_ms: 0,
            day: Day(day),
            event,
            elapsed_ms: None,
            typed: None,
        }
    }

    fn answer(q: u8, effect: Effect) -> Event {
        Event::Answer {
            quality: Quality::new(q).unwrap(),
            effect,
        }
    }

    #[test]
    fn repeats_and_drills_do_not_change_the_schedule() {
        let log = [
            entry(1, 10, answer(2, Effect::Schedule)),
            entry(2, 10, answer(3, Effect::Repeat)),
            entry(3, 10, answer(5, Effect::Repeat)),
            entry(4, 10, answer(0, Effect::Drill)),
        ];
        let state = replay(&log);
        assert_eq!(
            state.sm2,
            sched::review(&Sm2State::default(), Quality::new(2).unwrap(), Day(10))
        );
    }

    #[test]
    fn undo_restores_the_state_before_the_answer() {
        let log = [
            entry(1, 10, answer(4, Effect::Schedule)),
            entry(2, 11, answer(5, Effect::Schedule)),
            entry(3, 11, Event::Undo { target: LogId(2) }),
        ];
        assert_eq!(replay(&log), replay(&log[..1]));
    }

    #[test]
    fn suspend_bury_and_unsuspend() {
        let log = [
            entry(1, 10, Event::Suspend),
            entry(2, 10, Event::Bury { until: Day(11) }),
        ];
        let state = replay(&log);
        assert!(state.suspended);
        assert_eq!(state.buried_until, Some(Day(11)));
        let log2 = [log[0].clone(), entry(3, 12, Event::Unsuspend)];
        assert!(!replay(&log2).suspended);
    }

    #[test]
    fn effect_for_review_depends_on_due() {
        let new = Sm2State::default();
        assert_eq!(Effect::for_review(&new, Day(5)), Effect::Schedule);
        let after = sched::review(&new, Quality::new(4).unwrap(), Day(5));
        assert_eq!(Effect::for_review(&after, Day(5)), Effect::Repeat);
        assert_eq!(Effect::for_review(&after, Day(6)), Effect::Schedule);
        assert_eq!(Effect::for_review(&after, Day(9)), Effect::Schedule);
    }

    #[test]
    fn a_change_to_the_state_a_card_is_in_logs_nothing() {
        let day = Day(10);
        let plain = CardState::default();
        let suspended = replay(&[entry(1, 9, Event::Suspend)]);
        let buried = replay(&[entry(1, 9, Event::Bury { until: Day(11) })]);
        let long_buried = replay(&[entry(1, 5, Event::Bury { until: Day(6) })]);
        let bury = Change::Bury { until: Day(11) };
        assert_eq!(Change::Suspend.event(&plain, day), Some(Event::Suspend));
        assert_eq!(Change::Suspend.event(&suspended, day), None);
        assert_eq!(Change::Unsuspend.event(&plain, day), None);
        assert_eq!(
            Change::Unsuspend.event(&suspended, day),
            Some(Event::Unsuspend)
        );
        assert_eq!(bury.event(&buried, day), None);
        assert_eq!(
            bury.event(&long_buried, day),
            Some(Event::Bury { until: Day(11) })
        );
        assert_eq!(Change::Unbury.event(&long_buried, day), None);
        assert_eq!(Change::Unbury.event(&plain, day), None);
        let unbury = Change::Unbury.event(&buried, day).unwrap();
        assert_eq!(unbury.name(day), "unbury");
        assert!(apply(&buried, &unbury, day).is_askable_on(day));
    }

    #[test]
    fn steps_end_in_the_replayed_state_and_skip_undone_rows() {
        let log = [
            entry(1, 10, answer(4, Effect::Schedule)),
            entry(2, 11, Event::Suspend),
            entry(3, 11, Event::Undo { target: LogId(2) }),
            entry(4, 16, answer(5, Effect::Schedule)),
        ];
        let steps = steps(&log);
        assert_eq!(steps.last().unwrap().after, replay(&log));
        assert!(steps[1].undone && steps[1].before == steps[1].after);
        assert_eq!(steps[3].before.sm2.interval, 1);
        assert_eq!(steps[3].after.sm2.interval, 6);
    }

    #[test]
    fn preview_equals_what_apply_records_for_every_grade() {
        let young = sched::review(&Sm2State::default(), Quality::clamped(4), Day(10));
        let states = [
            CardState::default(),
            CardState {
                sm2: young,
                ..CardState::default()
            },
        ];
        for state in states {
            for (day, effect) in [
                (11, Effect::Schedule),
                (10, Effect::Repeat),
                (11, Effect::Drill),
            ] {
                let shown = preview(&state, effect, Day(day));
                for outlook in shown {
                    let event = answer(outlook.quality.value(), effect);
                    let recorded = apply(&state, &event, Day(day));
                    let changed = recorded.sm2 != state.sm2;
                    assert_eq!(outlook.due, changed.then_some(recorded.sm2.due).flatten());
                    assert_eq!(changed, effect == Effect::Schedule);
                }
            }
        }
        // The golden second step: 1 day, then 6 for a pass, 1 for a miss.
        let shown = preview(&states[1], Effect::Schedule, Day(11));
        let days: Vec<_> = shown
            .iter()
            .map(|o| o.due.map(|d| d.since(Day(11))))
            .collect();
        assert_eq!(days, [Some(1), Some(1), Some(1), Some(6), Some(6), Some(6)]);
        let again: Vec<_> = shown.iter().map(|o| o.again_today).collect();
        assert_eq!(again, [true, true, true, true, false, false]);
    }

    fn fsrs() -> Scheduler {
        Scheduler::Fsrs(Fsrs::new(0.9).unwrap())
    }

    #[test]
    fn fsrs_replay_sets_the_crates_interval_and_keeps_the_memory() {
        let log = [
            entry(1, 10, answer(4, Effect::Schedule)),
            entry(2, 12, answer(4, Effect::Schedule)),
            entry(3, 12, answer(1, Effect::Repeat)),
        ];
        let state = replay_with(&fsrs(), &log);
        // The golden FSRS sequence (sched::fsrs tests): Good, Good → 2d, 11d.
        assert_eq!(state.sm2.interval, 11);
        assert_eq!(state.sm2.due, Some(Day(23)));
        assert_eq!(state.sm2.reps, 2);
        assert!(state.memory.is_some_and(|m| m.stability > 2.0));
        assert_eq!(replay(&log).memory, None);
    }

    #[test]
    fn fsrs_preview_shows_what_apply_records() {
        let state = apply_with(
            &fsrs(),
            &CardState::default(),
            &answer(4, Effect::Schedule),
            Day(10),
        );
        let shown = preview_with(&fsrs(), &state, Effect::Schedule, Day(12));
        let days: Vec<_> = shown
            .iter()
            .map(|o| o.due.map(|d| d.since(Day(12))))
            .collect();
        for (outlook, due) in shown.iter().zip(&days) {
            let event = answer(outlook.quality.value(), Effect::Schedule);
            let recorded = apply_with(&fsrs(), &state, &event, Day(12));
            assert_eq!(outlook.due, recorded.sm2.due);
            assert!(due.is_some());
        }
        // Again for 0–2, then Hard < Good (the golden 11d) < Easy.
        assert!(days[0] == days[1] && days[1] == days[2]);
        assert!(days[2] <= days[3] && days[3] < days[4] && days[4] < days[5]);
        assert_eq!(days[4], Some(11));
        assert_eq!(
            preview_with(&fsrs(), &state, Effect::Repeat, Day(10))[4].due,
            None
        );
    }

    #[test]
    fn fsrs_continues_from_an_imported_state() {
        let imported = sched::review(&Sm2State::default(), Quality::clamped(4), Day(5));
        let log = [entry(
            1,
            5,
            Event::Import {
                state: imported,
                memory: None,
            },
        )];
        assert!(replay_with(&fsrs(), &log).memory.is_some());
        assert_eq!(replay_with(&fsrs(), &log).sm2, replay(&log).sm2);
    }

    #[test]
    fn an_imported_memory_seeds_fsrs_and_sm2_leaves_it_unused() {
        let imported = sched::review(&Sm2State::default(), Quality::clamped(4), Day(5));
        let memory = Memory {
            stability: 42.5,
            difficulty: 3.25,
        };
        let log = [entry(
            1,
            5,
            Event::Import {
                state: imported,
                memory: Some(memory),
            },
        )];
        assert_eq!(replay_with(&fsrs(), &log).memory, Some(memory));
        assert_eq!(replay(&log).memory, None);
        assert_eq!(replay(&log).sm2, imported);
    }

    fn any_log() -> impl Strategy<Value = Vec<LogEntry>> {
        prop::collection::vec((0u8..=5, 0i32..20, 0u8..4), 1..40).prop_map(|ops| {
            let mut day = 100;
            ops.into_iter()
                .enumerate()
                .map(|(i, (g, gap, kind))| {
                    day += gap;
                    let id = i as i64 + 1;
                    let event = match kind {
                        0 => answer(g, Effect::Repeat),
                        1 if i > 0 => Event::Undo {
                            target: LogId(id - 1),
                        },
                        _ => answer(g, Effect::Schedule),
                    };
                    entry(id, day, event)
                })
                .collect()
        })
    }

    proptest! {
        /// Switching sm2 → fsrs → sm2 is three replays of one log: the SM-2
        /// state comes back exactly, and SM-2's is what `replay` gives.
        #[test]
        fn switching_schedulers_and_back_restores_the_sm2_state(log in any_log()) {
            let before = replay_with(&Scheduler::Sm2, &log);
            let under_fsrs = replay_with(&fsrs(), &log);
            let after = replay_with(&Scheduler::Sm2, &log);
            prop_assert_eq!(before, after);
            prop_assert_eq!(before, replay(&log));
            prop_assert_eq!(under_fsrs, replay_with(&fsrs(), &log));
            prop_assert_eq!(before.memory, None);
        }

        /// Applying events one by one, as the live session does, equals a replay.
        #[test]
        fn live_state_equals_replay(grades in prop::collection::vec((0u8..=5, 0i32..3), 1..40)) {
            let mut live = CardState::default();
            let mut day = 100;
            let mut log = Vec::new();
            for (i, (g, gap)) in grades.into_iter().enumerate() {
                day += gap;
                let effect = Effect::for_review(&live.sm2, Day(day));
                let e = entry(i as i64 + 1, day, answer(g, effect));
                live = apply(&live, &e.event, e.day);
                log.push(e);
            }
            prop_assert_eq!(live, replay(&log));
        }
    }
}
