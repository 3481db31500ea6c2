//! Ctrl-C in a review read line by line (the terminal prompter reads the
//! key itself, as `q`): a newline, the session's summary, exit 0, as if the
//! learner had typed `q`. Every answer acknowledged is already committed;
//! the summary is read back from the log, so it counts exactly those.

use super::today::plan_today;
use crate::card::DeckPattern;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry};
use crate::session::streak::streak;
use crate::session::Limits;
use crate::store::Store;
use crate::styled::{plain_text, terminal_safe};
use crate::ui::view::{self, Summary};
use chrono::{DateTime, FixedOffset};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

/// What the summary of an interrupted session is made from.
pub struct Interrupted {
    pub db: PathBuf,
    pub started: DateTime<FixedOffset>,
    pub rollover_hour: u32,
    pub seed: Option<u64>,
    pub limits: Limits,
    pub deck: Option<DeckPattern>,
}

/// From now on, SIGINT ends the process with the summary. Failing to watch
/// for it only leaves the default (the answers are safe either way).
pub fn on_interrupt(session: Interrupted, clock: Box<dyn Fn() -> DateTime<FixedOffset> + Send>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let text = summary(&session, clock()).unwrap_or_default();
            let mut out = std::io::stdout();
            let _ = write!(out, "\n{}", terminal_safe(&text));
            let _ = out.flush();
            std::process::exit(0);
        }
    });
}

/// The answers of this session (review answers since it started, less
/// those undone) as (answered, correct).
pub fn tally(entries: &[LogEntry], since_ms: i64) -> (usize, usize) {
    let undone: HashSet<_> = entries
        .iter()
        .filter_map(|e| match e.event {
            Event::Undo { target } => Some(target),
            _ => None,
        })
        .collect();
    let grades: Vec<_> = entries
        .iter()
        .filter(|e| e.at_ms >= since_ms && !undone.contains(&e.id))
        .filter_map(|e| match e.event {
            Event::Answer { quality, effect } if effect != Effect::Drill => Some(quality),
            _ => None,
        })
        .collect();
    let correct = grades.iter().filter(|q| q.passed()).count();
    (grades.len(), correct)
}

fn summary(s: &Interrupted, now: DateTime<FixedOffset>) -> Option<String> {
    let store = Store::open_read_only(&s.db).ok()?;
    let today = Day::containing(now, s.rollover_hour);
    let (answered, correct) = tally(&store.log().day(today).ok()?, s.started.timestamp_millis());
    let mut rng = StdRng::seed_from_u64(s.seed.unwrap_or(today.0 as u64));
    let left = plan_today(&store, today, &mut rng, s.limits, s.deck.as_ref())
        .ok()?
        .remaining()
        .total();
    let summary = Summary {
        answered,
        correct,
        elapsed_secs: (now - s.started).num_seconds(),
        due_tomorrow: store.cards().due(today.plus(1), None).ok()?.len(),
        left_today: left,
        streak: streak(&store.log().study_run(today).ok()?, today),
    };
    Some(plain_text(&view::summary(&summary)))
}
