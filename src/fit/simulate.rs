//! A simulated learner for tests and benchmarks (feature `testing`): a
//! deterministic log whose answers are drawn from FSRS-6's probability of
//! recall under the learner's own parameters, scheduled by SM-2 as recall
//! does by default.

use crate::card::CardId;
use crate::day::Day;
use crate::history::{apply, CardState, Effect, Event, LogEntry, LogId};
use crate::sched::Quality;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DAY_MS: i64 = 86_400_000;

/// A learner who forgets faster than FSRS's average learner: initial
/// stabilities a quarter of the defaults, stability growing less per
/// review. Default parameters predict this learner badly, so a fit has
/// something to find.
pub fn forgetful() -> Vec<f32> {
    let mut p = fsrs::DEFAULT_PARAMETERS.to_vec();
    for w in &mut p[0..4] {
        *w *= 0.25;
    }
    p[8] -= 0.5;
    p
}

/// The grade of a first answer, then of a passed one: mostly Good.
fn first_grade(rng: &mut StdRng) -> u8 {
    match rng.gen_range(0..100) {
        0..=19 => 1,
        20..=29 => 3,
        30..=89 => 4,
        _ => 5,
    }
}

fn passed_grade(rng: &mut StdRng) -> u8 {
    match rng.gen_range(0..100) {
        0..=14 => 3,
        15..=84 => 4,
        _ => 5,
    }
}

/// Days after the first a card is studied at most: five years, so SM-2's
/// intervals stay the size a real log has.
const HORIZON_DAYS: i32 = 5 * 365;

/// `answers` scheduled answers (plus a same-day repeat after each grade
/// SM-2 asks again) by a learner whose memory follows FSRS-6 with
/// `parameters`: cards (ids 1, 2, …) start on the days from `first_day`
/// on and are answered on their SM-2 due days, at most `per_card` times
/// each and within five years, until the answers are given. The same seed
/// gives the same log.
pub fn log(
    answers: u32,
    per_card: u32,
    seed: u64,
    first_day: Day,
    parameters: &[f32],
) -> Result<Vec<LogEntry>, fsrs::FSRSError> {
    let model = fsrs::FSRS::new(parameters)?;
    let decay = parameters
        .get(20)
        .copied()
        .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut given = 0;
    let mut c = 0u64;
    while given < answers {
        c += 1;
        let card = CardId(c);
        let mut state = CardState::default();
        let mut memory: Option<fsrs::MemoryState> = None;
        let start = first_day.plus((c % 60) as i32);
        let mut day = start;
        for _ in 0..per_card.max(1) {
            if given == answers || day.since(start) > HORIZON_DAYS {
                break;
            }
            given += 1;
            let elapsed = state
                .last_review
                .map_or(0, |last| day.since(last).max(0) as u32);
            let grade = match memory {
                None => first_grade(&mut rng),
                Some(m) => {
                    let recall = fsrs::current_retrievability(m, elapsed as f32, decay);
                    if rng.gen::<f32>() < recall {
                        passed_grade(&mut rng)
                    } else {
                        1
                    }
                }
            };
            let next = model.next_states(memory, 0.9, elapsed)?;
            memory = Some(
                match grade {
                    1 => next.again,
                    3 => next.hard,
                    4 => next.good,
                    _ => next.easy,
                }
                .memory,
            );
            let quality = Quality::clamped(grade);
            let mut push = |event: Event, at: Day| {
                out.push(LogEntry {
                    id: LogId(out.len() as i64 + 1),
                    card,
                    at_ms: i64::from(at.0) * DAY_MS + 9 * 3_600_000 + out.len() as i64,
                    day: at,
                    event,
                    elapsed_ms: Some(4_000),
                    typed: None,
                });
            };
            let event = Event::Answer {
                quality,
                effect: Effect::Schedule,
            };
            state = apply(&state, &event, day);
            push(event, day);
            if quality.needs_repeat() {
                push(
                    Event::Answer {
                        quality: Quality::clamped(4),
                        effect: Effect::Repeat,
                    },
                    day,
                );
            }
            day = state.sm2.due.unwrap_or(day.plus(1));
        }
    }
    Ok(out)
}
