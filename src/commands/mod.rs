//! One file per subcommand, each `pub fn run(args, ctx) -> Result<()>`.
//! This is the imperative shell: it reads the clock, opens the store, and
//! writes to the terminal; the layers below get values.

pub(crate) mod add;
pub(crate) mod answer;
pub(crate) mod atomic_file;
pub(crate) mod backup;
pub(crate) mod cards;
pub(crate) mod check;
pub(crate) mod compile;
pub(crate) mod completions;
pub(crate) mod decks;
pub(crate) mod drill;
pub(crate) mod due;
pub(crate) mod export;
pub(crate) mod filters;
pub(crate) mod import;
pub(crate) mod import_summary;
pub(crate) mod interrupted;
pub(crate) mod lifecycle;
pub(crate) mod man;
pub(crate) mod next;
pub(crate) mod optimize;
pub(crate) mod review;
pub(crate) mod scheduler;
pub(crate) mod show;
pub(crate) mod sources;
pub(crate) mod stats;
pub(crate) mod study;
pub(crate) mod sync;
pub(crate) mod today;

pub use export::exporter;
pub use today::plan_today;

use crate::card::Card;
use crate::cli::Command;
use crate::config::Config;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::history::CardState;
use crate::settings::Settings;
use crate::store::{CardRecord, Store};
use crate::styled::terminal_safe;
use crate::ui::editor::Editor;
use crate::ui::Prompter;
use chrono::{DateTime, FixedOffset, Local, Utc};
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Where "now" comes from: the system clock, or a time pinned by `--now`.
pub trait Clock {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// A clock that always says the same time (for unit tests of the loop).
pub struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// `--now`: the clock starts at the pinned instant and then runs as the real
/// one does, so `drill --timed` ends and an answer's time is real. The
/// instant is shown in the process's time zone (`TZ`), as the system clock
/// would be at that instant: the pinned text's own offset only says which
/// instant it is, and days are counted in one zone.
pub struct PinnedClock {
    start: DateTime<Utc>,
    since: Instant,
}

impl PinnedClock {
    /// A clock that reads `start` now; `since` is when it was pinned.
    pub fn starting_at(start: DateTime<FixedOffset>, since: Instant) -> PinnedClock {
        PinnedClock {
            start: start.with_timezone(&Utc),
            since,
        }
    }
}

impl Clock for PinnedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let ran = chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default();
        let at = self.start.checked_add_signed(ran).unwrap_or(self.start);
        at.with_timezone(&Local).fixed_offset()
    }
}

/// Everything a command needs from the outside world.
pub struct Ctx {
    /// Resolved once, in `main`.
    pub settings: Settings,
    /// The running clock: the review loop reads it for every card.
    pub clock: Box<dyn Clock>,
    /// When the command started (read once from `clock`): a one-shot
    /// command happens at one instant, so what it stamps (log rows, ids of
    /// an export) is the same for the same `--now`.
    pub started: DateTime<FixedOffset>,
    pub out: Box<dyn Write>,
    /// Makes the prompter for interactive commands; `plain` forces lines.
    pub prompter: Box<dyn FnMut(bool) -> Box<dyn Prompter>>,
    /// Opens a card's source for `e` in the review.
    pub editor: Box<dyn Editor>,
}

impl Ctx {
    /// The instant the command started; the review loop reads `clock`.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.started
    }

    pub fn today(&self) -> Day {
        Day::containing(self.now(), self.config().rollover_hour)
    }

    pub fn config(&self) -> &Config {
        &self.settings.config
    }

    pub fn db(&self) -> &Path {
        &self.settings.db
    }

    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    pub fn rng(&self, today: Day) -> StdRng {
        StdRng::seed_from_u64(self.settings.seed.unwrap_or(today.0 as u64))
    }

    /// Write to stdout, made [`terminal_safe`]: what recall prints may hold
    /// text from a deck or a package, and a control character in it is shown
    /// (`^[`), never obeyed. A closed pipe is not an error worth a message.
    pub fn print(&mut self, text: &str) -> Result<()> {
        self.print_data(&terminal_safe(text))
    }

    /// Write to stdout as it is: only for data that is not shown on a
    /// terminal (`export` to a pipe or a redirected file).
    pub fn print_data(&mut self, text: &str) -> Result<()> {
        match self.out.write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(Error::Terminal),
        }
    }

    pub fn println(&mut self, text: &str) -> Result<()> {
        self.print(&format!("{text}\n"))
    }

    /// The collection, which must exist, applying the config's scheduler
    /// (rescheduled first when its states were computed with another).
    pub fn open_existing(&self) -> Result<Store> {
        self.scheduled(Store::open_existing(&self.settings.db)?)
    }

    /// The collection, created when missing, applying the config's scheduler.
    pub fn open(&self) -> Result<Store> {
        self.scheduled(Store::open(&self.settings.db)?)
    }

    /// `store` applying the config's scheduler; a switch is said on stderr,
    /// so what a command prints on stdout (`--json`) stays its own.
    fn scheduled(&self, mut store: Store) -> Result<Store> {
        if let Some(line) = scheduler::apply(self.config(), &mut store)? {
            let mut stderr = std::io::stderr();
            let _ = writeln!(stderr, "{}", terminal_safe(&line));
        }
        Ok(store)
    }
}

pub fn run(command: &Command, ctx: &mut Ctx) -> Result<()> {
    match command {
        Command::Review(args) => review::run(args, ctx),
        Command::Drill(args) => drill::run(args, ctx),
        Command::Compile(args) => compile::run(args, ctx),
        Command::Next(args) => next::run(args, ctx),
        Command::Answer(args) => answer::run(args, ctx),
        Command::Cards(args) => cards::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Suspend(args) => lifecycle::suspend(args, ctx),
        Command::Unsuspend(args) => lifecycle::unsuspend(args, ctx),
        Command::Bury(args) => lifecycle::bury(args, ctx),
        Command::Unbury(args) => lifecycle::unbury(args, ctx),
        Command::Stats(args) => stats::run(args, ctx),
        Command::Optimize(args) => optimize::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Decks(command) => decks::run(command, ctx),
        Command::Add(args) => add::run(args, ctx),
        Command::Due(args) => due::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Man(args) => man::run(args, ctx),
    }
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
        "exact": card.exact,
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

/// Pretty JSON plus a newline. serde_json escapes the C0 controls; the C1
/// controls and the bidi overrides and isolates come out as `\uXXXX` too,
/// so no string from a deck or a package reaches a terminal raw.
pub fn to_json(value: &Value) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeJson::default());
    let mut s = match serde::Serialize::serialize(value, &mut ser) {
        Ok(()) => String::from_utf8(buf).unwrap_or_else(|_| "null".into()),
        Err(_) => "null".into(),
    };
    s.push('\n');
    s
}

/// serde_json's pretty layout, with [`terminal_safe`]'s characters escaped.
#[derive(Default)]
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::styled::is_unsafe_for_terminal(c))
        {
            w.write_all(&rest.as_bytes()[..i])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn a_pinned_clock_starts_at_its_instant_and_runs_on() {
        let start = DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap();
        let ten_secs_ago = Instant::now()
            .checked_sub(std::time::Duration::from_secs(10))
            .unwrap();
        let clock = PinnedClock::starting_at(start, ten_secs_ago);
        let ran = clock.now() - start;
        assert!(ran >= chrono::Duration::seconds(10), "{ran}");
    }

    #[test]
    fn json_is_pretty_as_before_for_ordinary_text() {
        let value = json!({"a": [1, "two", {"b": null}], "c": "ü → ✓\n\t\"x\""});
        let want = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(to_json(&value), want);
        assert_eq!(to_json(&json!([])), "[]\n");
        assert_eq!(to_json(&json!({})), "{}\n");
    }

    #[test]
    fn c1_and_bidi_controls_are_escaped_and_round_trip() {
        let text = "\x1b]52;c;aGk=\x07 \u{9b}2J \u{85} abc\u{202e}fed \u{2066}i\u{2069}\x7f";
        let out = to_json(&json!({ "answer": text }));
        assert!(
            !out.chars().any(crate::styled::is_unsafe_for_terminal),
            "{out}"
        );
        assert!(out.contains("\\u009b") && out.contains("\\u202e") && out.contains("\\u001b"));
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["answer"], text);
    }
}
