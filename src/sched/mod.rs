//! SM-2 as SuperMemo's reference code does it: a pure function from
//! (state, quality, day) to the next state. No clock, no IO.
//!
//! The ease factor is kept in integer hundredths: every change to it is a
//! multiple of 0.01, so integer arithmetic is exact and never drifts.

pub mod fsrs;
pub(crate) mod leech;

use crate::day::Day;
use serde::Serialize;
use std::fmt;

/// The ease factor of a new card, in hundredths (2.50).
pub const INITIAL_EF: u16 = 250;
/// The ease factor never falls below this, in hundredths (1.30).
pub const MINIMUM_EF: u16 = 130;
/// The interval after the first successful repetition, in days.
pub const FIRST_INTERVAL: u32 = 1;
/// The interval after the second successful repetition, in days.
pub const SECOND_INTERVAL: u32 = 6;
/// The lowest quality that counts as a successful repetition.
pub const PASSING_QUALITY: u8 = 3;
/// Answers below this are asked again the same day (SM-2 step 7).
pub const REPEAT_BELOW: u8 = 4;

/// A grade from 0 (blackout) to 5 (perfect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Quality(u8);

impl Quality {
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Quality> {
        (value <= Self::MAX).then_some(Quality(value))
    }

    /// A grade from a number already known to be small; above 5 counts as 5.
    pub fn clamped(value: u8) -> Quality {
        Quality(value.min(Self::MAX))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn passed(self) -> bool {
        self.0 >= PASSING_QUALITY
    }

    /// Whether SM-2 step 7 asks the card again today.
    pub fn needs_repeat(self) -> bool {
        self.0 < REPEAT_BELOW
    }

    /// What the grade means, as the review screen explains it.
    pub fn meaning(self) -> &'static str {
        match self.0 {
            5 => "perfect",
            4 => "correct after hesitation",
            3 => "correct with serious difficulty",
            2 => "wrong, but the answer seemed easy",
            1 => "wrong, answer remembered",
            _ => "blackout",
        }
    }

    /// The ease-factor change for this grade, in hundredths:
    /// 0.1 − (5−q)·(0.08 + (5−q)·0.02) → +10, 0, −14, −32, −54, −80.
    pub fn ef_delta(self) -> i32 {
        let miss = i32::from(Self::MAX - self.0);
        10 - miss * (8 + miss * 2)
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An ease factor in hundredths (250 = 2.50).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ef(pub u16);

impl Ef {
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl Default for Ef {
    fn default() -> Self {
        Ef(INITIAL_EF)
    }
}

impl fmt::Display for Ef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Ef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// The SM-2 state of one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Sm2State {
    /// Successful repetitions in a row.
    pub reps: u32,
    pub ef: Ef,
    /// The current interval in days; 0 for a new card.
    pub interval: u32,
    /// The day the card is next due; `None` for a new card.
    pub due: Option<Day>,
    /// Failed answers (q < 3) after at least one success.
    pub lapses: u32,
}

impl Sm2State {
    pub fn is_new(&self) -> bool {
        self.due.is_none()
    }

    /// Whether an answer today is a scheduled repetition (as opposed to a
    /// same-day repeat, which leaves the state alone).
    pub fn is_due_on(&self, today: Day) -> bool {
        self.due.is_none_or(|due| due <= today)
    }
}

/// The next state after answering `quality` on `today`, the first answer of
/// the card on a day it is due (or new). Lateness is ignored, as in SM-2: the
/// interval grows from the previous interval, not from the days elapsed.
pub fn review(state: &Sm2State, quality: Quality, today: Day) -> Sm2State {
    let (reps, interval, lapses) = if quality.passed() {
        let interval = match state.reps {
            0 => FIRST_INTERVAL,
            1 => SECOND_INTERVAL,
            _ => scale_interval(state.interval, state.ef),
        };
        (state.reps + 1, interval, state.lapses)
    } else {
        let lapses = state.lapses + u32::from(state.reps > 0);
        (0, FIRST_INTERVAL, lapses)
    };
    let ef = (i32::from(state.ef.0) + quality.ef_delta()).max(i32::from(MINIMUM_EF));
    Sm2State {
        reps,
        ef: Ef(u16::try_from(ef).unwrap_or(u16::MAX)),
        interval,
        due: Some(today.plus(i32::try_from(interval).unwrap_or(i32::MAX))),
        lapses,
    }
}

/// round(interval × ef), half away from zero, in integers.
fn scale_interval(interval: u32, ef: Ef) -> u32 {
    let scaled = (u64::from(interval) * u64::from(ef.0) + 50) / 100;
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests;
