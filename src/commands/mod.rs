//! One file per subcommand, each `pub fn run(args, ctx) -> Result<()>`.
//! This is the imperative shell: it reads the clock, opens the store, and
//! writes to the terminal; the layers below get values.

pub mod answer;
pub mod backup;
pub mod cards;
pub mod check;
pub mod compile;
pub mod completions;
pub mod drill;
pub mod due;
pub mod export;
pub mod import;
pub mod man;
pub mod next;
pub mod review;
pub mod stats;

use crate::card::Card;
use crate::cli::Command;
use crate::config::Config;
use crate::day::{Day, DEFAULT_ROLLOVER_HOUR};
use crate::error::{Error, Result};
use crate::history::CardState;
use crate::session::{pending_repeats, DayProgress, Limits, Session};
use crate::store::{CardRecord, Store};
use crate::ui::editor::Editor;
use crate::ui::Prompter;
use chrono::{DateTime, FixedOffset};
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// Where "now" comes from: the system clock, or a time pinned by `--now`.
pub trait Clock {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// A clock that always says the same time (`--now`).
pub struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// Everything a command needs from the outside world.
pub struct Ctx {
    pub db: PathBuf,
    pub clock: Box<dyn Clock>,
    /// `RECALL_SEED`; otherwise derived from the day, so the order of a day's
    /// reviews is the same every time it is asked for.
    pub seed: Option<u64>,
    pub rollover_hour: u32,
    pub out: Box<dyn Write>,
    /// Makes the prompter for interactive commands; `plain` forces lines.
    pub prompter: Box<dyn FnMut(bool) -> Box<dyn Prompter>>,
    /// The settings file, already read (flags override it per command).
    pub config: Config,
    /// Opens a card's source for `e` in the review.
    pub editor: Box<dyn Editor>,
    /// The working directory, where bundled deck paths are looked up for `e`.
    pub cwd: PathBuf,
}

impl Ctx {
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now()
    }

    pub fn today(&self) -> Day {
        Day::containing(self.now(), self.rollover_hour)
    }

    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    pub fn rng(&self, today: Day) -> StdRng {
        StdRng::seed_from_u64(self.seed.unwrap_or(today.0 as u64))
    }

    /// Write to stdout; a closed pipe is not an error worth a message.
    pub fn print(&mut self, text: &str) -> Result<()> {
        match self.out.write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(Error::Terminal),
        }
    }

    pub fn println(&mut self, text: &str) -> Result<()> {
        self.print(&format!("{text}\n"))
    }

    pub fn open_existing(&self) -> Result<Store> {
        Ok(Store::open_existing(&self.db)?)
    }
}

/// The rollover hour used unless configured.
pub const ROLLOVER_HOUR: u32 = DEFAULT_ROLLOVER_HOUR;

pub fn run(command: &Command, ctx: &mut Ctx) -> Result<()> {
    match command {
        Command::Review(args) => review::run(args, ctx),
        Command::Drill(args) => drill::run(args, ctx),
        Command::Compile(args) => compile::run(args, ctx),
        Command::Next(args) => next::run(args, ctx),
        Command::Answer(args) => answer::run(args, ctx),
        Command::Cards(args) => cards::run(args, ctx),
        Command::Stats(args) => stats::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Due(args) => due::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Man(args) => man::run(args, ctx),
    }
}

/// Meta key holding the specialization tracks a learner picked.
pub const TRACKS_KEY: &str = "tracks";

/// The track sections (`track-b`) the learner picked, in the order picked.
pub fn picked_tracks(store: &Store) -> Result<Vec<String>> {
    let stored = store.get_meta(TRACKS_KEY)?.unwrap_or_default();
    Ok(stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}

/// Section ids whose new cards are introduced: every section except the
/// tracks nobody picked.
pub fn sections_for_new_cards(store: &Store, deck: Option<&str>) -> Result<Option<Vec<String>>> {
    let picked = picked_tracks(store)?;
    let sections = store
        .cards()
        .sections()?
        .into_iter()
        .map(|s| s.id)
        .collect::<Vec<String>>();
    let keep: Vec<String> = sections
        .into_iter()
        .filter(|s| !s.starts_with("track-") || picked.iter().any(|p| p == s))
        .filter(|s| deck.is_none_or(|pat| crate::card::deck_matches(pat, s)))
        .collect();
    Ok(Some(keep))
}

/// Today's session as `review` and `next` both see it.
pub fn plan_today(
    store: &Store,
    today: Day,
    rng: &mut impl rand::Rng,
    limits: Limits,
    deck: Option<&str>,
) -> Result<Session> {
    let due_decks: Option<Vec<String>> = match deck {
        None => None,
        Some(pat) => Some(
            store
                .cards()
                .sections()?
                .into_iter()
                .map(|s| s.id)
                .filter(|s| crate::card::deck_matches(pat, s))
                .collect(),
        ),
    };
    let progress_reviewed = store.log().reviewed_on(today)?;
    let review_room = limits.reviews_per_day.saturating_sub(progress_reviewed);
    let due: Vec<_> = store
        .cards()
        .most_overdue(today, due_decks.as_deref(), review_room)?
        .into_iter()
        .map(|d| (d.id, d.due))
        .collect();
    let new_decks = sections_for_new_cards(store, deck)?;
    let new = store
        .cards()
        .new_cards(today, limits.new_per_day, new_decks.as_deref())?;
    let log = store.log().day(today)?;
    let mut repeats = pending_repeats(&log);
    repeats.retain(|&id| {
        store.cards().get(id).ok().flatten().is_some_and(|r| {
            !r.retired && !r.state.suspended && r.state.buried_until.is_none_or(|b| b <= today)
        })
    });
    let progress = DayProgress {
        introduced: store.log().introduced_on(today)?,
        reviewed: progress_reviewed,
        repeats,
    };
    Ok(Session::plan(&due, &new, &progress, limits, rng))
}

/// A card and its state as scripts read them (`cards --json`, `next --json`).
pub fn card_json(card: &Card, state: &CardState, retired: bool) -> Value {
    json!({
        "id": card.id,
        "kind": card.kind,
        "deck": card.deck,
        "topic": card.topic,
        "prompt": card.prompt,
        "code": card.code,
        "answer": card.answer,
        "alternatives": card.alternatives,
        "note": card.note,
        "case_sensitive": card.case_sensitive,
        "source": format!("{}:{}", card.source.path, card.source.line),
        "reps": state.sm2.reps,
        "ef": state.sm2.ef,
        "interval": state.sm2.interval,
        "due": state.sm2.due,
        "lapses": state.sm2.lapses,
        "suspended": state.suspended,
        "buried_until": state.buried_until,
        "retired": retired,
    })
}

pub fn record_json(r: &CardRecord) -> Value {
    let mut value = card_json(&r.card, &r.state, r.retired);
    if let Value::Object(map) = &mut value {
        map.insert("leech".into(), Value::from(r.leech));
    }
    value
}

/// Parse `--now`.
pub fn parse_now(value: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(value).map_err(|e| Error::BadNow {
        value: value.to_string(),
        reason: e.to_string(),
    })
}

/// Pretty JSON plus a newline.
pub fn to_json(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}
