//! FSRS beside SM-2: the `fsrs` crate (open-spaced-repetition's, the one
//! Anki uses) as a pure function from (memory, rating, days elapsed) to the
//! next memory and interval. No clock, no IO; the formulas are the crate's,
//! not re-derived here.

use super::{Ef, Quality, Sm2State};
use crate::day::Day;

/// The retention FSRS schedules for unless the config says otherwise.
pub const DEFAULT_DESIRED_RETENTION: f32 = 0.9;
/// The retentions the config accepts: outside this FSRS's intervals are
/// either absurdly long or shorter than a day for every card.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f32> = 0.7..=0.99;
/// The longest interval FSRS may set, in days (Anki's default maximum).
pub const MAX_INTERVAL: u32 = 36_500;
/// The retention an SM-2 (or Anki) interval is taken to have been set for
/// when an imported card's state becomes an FSRS memory.
const SM2_RETENTION: f32 = 0.9;

/// FSRS's four answer buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    /// The one place SM-2's 0–5 grades map onto FSRS's ratings: a miss
    /// (0–2) is Again, 3 (correct with serious difficulty) is Hard, 4 is
    /// Good, 5 is Easy. The log keeps the 0–5 grade, so either scheduler can
    /// replay it.
    pub fn from_quality(quality: Quality) -> Rating {
        match quality.value() {
            0..=2 => Rating::Again,
            3 => Rating::Hard,
            4 => Rating::Good,
            _ => Rating::Easy,
        }
    }

    /// The grade the log keeps when the review under FSRS is answered with
    /// this rating: the inverse of [`Rating::from_quality`], Again → 1,
    /// Hard → 3, Good → 4, Easy → 5. Again is 1 ("wrong, answer
    /// remembered") rather than 0 or 2 because that is the grade Anki's
    /// Again comes in as (`anki::read::quality_of`) and goes out from, so a
    /// card answered here under FSRS and one imported from Anki replay alike
    /// when the learner switches back to SM-2; and 1's ease change (−0.54)
    /// lies between a blackout's and a near miss's.
    pub fn logged_quality(self) -> Quality {
        Quality::clamped(match self {
            Rating::Again => 1,
            Rating::Hard => 3,
            Rating::Good => 4,
            Rating::Easy => 5,
        })
    }

    /// The four ratings, in the order of their keys.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The review's key for the rating under FSRS: 1–4, as in Anki.
    pub fn key(self) -> u8 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
            Rating::Easy => 4,
        }
    }

    /// The rating of key 1–4; `None` for any other.
    pub fn from_key(key: u8) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The rating's name as `answer` takes it and the review shows it.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating named `name` (`again`, `hard`, `good`, `easy`, any case).
    pub fn parse(name: &str) -> Option<Rating> {
        Rating::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(name))
    }
}

/// A card's FSRS memory: stability (days until recall falls to 90 %) and
/// difficulty (1–10). Equality is bitwise: a replay is deterministic, so
/// stored state == replay means the very same floats.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Memory {
    pub stability: f32,
    pub difficulty: f32,
}

impl PartialEq for Memory {
    fn eq(&self, other: &Self) -> bool {
        self.stability.to_bits() == other.stability.to_bits()
            && self.difficulty.to_bits() == other.difficulty.to_bits()
    }
}

impl Eq for Memory {}

impl From<fsrs::MemoryState> for Memory {
    fn from(m: fsrs::MemoryState) -> Self {
        Memory {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

impl From<Memory> for fsrs::MemoryState {
    fn from(m: Memory) -> Self {
        fsrs::MemoryState {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

/// What is wrong with FSRS's settings.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FsrsError {
    #[error("desired retention {0} is outside 0.70–0.99")]
    Retention(f32),
    #[error("the FSRS parameters were refused: {0}")]
    Parameters(String),
}

/// The FSRS model and the retention it schedules for.
#[derive(Debug, Clone)]
pub struct Fsrs {
    model: fsrs::FSRS,
    /// The parameters the model was built from, kept to name and compare it.
    parameters: Vec<f32>,
    desired_retention: f32,
}

/// Bitwise, as [`Memory`]: two models are the same function when their
/// retention and every parameter are the very same floats.
impl PartialEq for Fsrs {
    fn eq(&self, other: &Self) -> bool {
        let bits = |v: &[f32]| v.iter().map(|p| p.to_bits()).collect::<Vec<_>>();
        self.desired_retention.to_bits() == other.desired_retention.to_bits()
            && bits(&self.parameters) == bits(&other.parameters)
    }
}

impl Fsrs {
    /// FSRS with the crate's default parameters (fitted to the average
    /// learner) at `desired_retention`.
    pub fn new(desired_retention: f32) -> Result<Fsrs, FsrsError> {
        Fsrs::with_parameters(&fsrs::DEFAULT_PARAMETERS, desired_retention)
    }

    pub fn with_parameters(parameters: &[f32], desired_retention: f32) -> Result<Fsrs, FsrsError> {
        if !RETENTION_RANGE.contains(&desired_retention) {
            return Err(FsrsError::Retention(desired_retention));
        }
        let model =
            fsrs::FSRS::new(parameters).map_err(|e| FsrsError::Parameters(e.to_string()))?;
        Ok(Fsrs {
            model,
            parameters: parameters.to_vec(),
            desired_retention,
        })
    }

    pub fn desired_retention(&self) -> f32 {
        self.desired_retention
    }

    /// The parameters the model runs with (the crate's defaults, or fitted).
    pub fn parameters(&self) -> &[f32] {
        &self.parameters
    }

    /// The memory and the interval (in days, unrounded) after `rating`,
    /// `days_elapsed` after the last review; `None` memory: a new card.
    /// A memory the crate refuses (not finite, which replay never makes)
    /// counts as a new card, so the function is total.
    pub fn next(&self, memory: Option<Memory>, rating: Rating, days_elapsed: u32) -> (Memory, f32) {
        let states = self
            .model
            .next_states(memory.map(Into::into), self.desired_retention, days_elapsed)
            .or_else(|_| {
                self.model
                    .next_states(None, self.desired_retention, days_elapsed)
            });
        match states {
            Ok(s) => {
                let item = match rating {
                    Rating::Again => s.again,
                    Rating::Hard => s.hard,
                    Rating::Good => s.good,
                    Rating::Easy => s.easy,
                };
                (item.memory.into(), item.interval)
            }
            // Unreachable with parameters `FSRS::new` accepted; keep the
            // memory and ask again tomorrow rather than panic.
            Err(_) => (
                memory.unwrap_or(Memory {
                    stability: 1.0,
                    difficulty: 5.0,
                }),
                1.0,
            ),
        }
    }

    /// The memory an SM-2 state stands for (an imported card's interval and
    /// ease), so FSRS continues from it; `None` for a new card.
    pub fn memory_from_sm2(&self, state: &Sm2State) -> Option<Memory> {
        if state.is_new() {
            return None;
        }
        self.model
            .memory_state_from_sm2(
                state.ef.as_f64() as f32,
                state.interval as f32,
                SM2_RETENTION,
            )
            .ok()
            .map(Into::into)
    }

    /// The probability of recall `days_elapsed` after the last review.
    pub fn retrievability(&self, memory: Memory, days_elapsed: u32) -> f32 {
        fsrs::current_retrievability(
            memory.into(),
            days_elapsed as f32,
            // The decay is the 21st parameter (FSRS-6); older sets have none.
            self.parameters
                .get(20)
                .copied()
                .unwrap_or(fsrs::DEFAULT_PARAMETERS[20]),
        )
    }
}

/// The whole days an FSRS interval becomes: rounded, at least one day (a
/// day is recall's unit), at most [`MAX_INTERVAL`].
pub fn whole_days(interval: f32) -> u32 {
    if interval.is_finite() {
        (interval.round().max(1.0) as u32).min(MAX_INTERVAL)
    } else {
        MAX_INTERVAL
    }
}

/// The SM-2-shaped schedule an FSRS answer leaves, so everything that reads
/// due days (queue, stats, export) works unchanged: the interval and due day
/// are FSRS's; reps and lapses count as SM-2 counts them; the ease factor is
/// left as it was (FSRS has none).
pub fn schedule(state: &Sm2State, quality: Quality, interval: u32, today: Day) -> Sm2State {
    let (reps, lapses) = if quality.passed() {
        (state.reps + 1, state.lapses)
    } else {
        (0, state.lapses + u32::from(state.reps > 0))
    };
    Sm2State {
        reps,
        ef: Ef(state.ef.0),
        interval,
        due: Some(today.plus(i32::try_from(interval).unwrap_or(i32::MAX))),
        lapses,
    }
}

#[cfg(test)]
mod tests;
