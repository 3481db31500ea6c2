//! The command line, as clap types. Nothing else in the crate sees clap.
//! Values are validated as they are parsed (a grade is a [`Quality`], `--now`
//! an instant, `--deck` a [`DeckPattern`]): nothing deeper reads raw strings.

use crate::card::DeckPattern;
use crate::error::Error;
use crate::sched::fsrs::Rating;
use crate::sched::Quality;
use chrono::{DateTime, Datelike, FixedOffset};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The years `--now` may name: recall's days are counted from 1970, and a
/// card due a year after the last day must still have a date.
pub const NOW_YEARS: std::ops::RangeInclusive<i32> = 1970..=9998;

/// `--now`: an RFC 3339 time within [`NOW_YEARS`] (both where it is and in UTC).
pub fn parse_now(value: &str) -> Result<DateTime<FixedOffset>, Error> {
    let at = DateTime::parse_from_rfc3339(value).map_err(|e| Error::BadNow {
        value: value.to_string(),
        reason: e.to_string(),
    })?;
    if !NOW_YEARS.contains(&at.year()) || !NOW_YEARS.contains(&at.naive_utc().year()) {
        return Err(Error::NowOutOfRange {
            value: value.to_string(),
            first: *NOW_YEARS.start(),
            last: *NOW_YEARS.end(),
        });
    }
    Ok(at)
}

/// A grade, 0–5, or an FSRS rating by name (`again`, `hard`, `good`,
/// `easy`), taken as the grade the log keeps for it
/// ([`crate::sched::fsrs::Rating::logged_quality`]: 1, 3, 4, 5).
pub fn parse_grade(value: &str) -> Result<Quality, Error> {
    let value = value.trim();
    value
        .parse::<u8>()
        .ok()
        .and_then(Quality::new)
        .or_else(|| Rating::parse(value).map(Rating::logged_quality))
        .ok_or_else(|| Error::BadGrade(value.to_string()))
}

/// `--deck`: a pattern that can match something.
pub fn parse_deck(value: &str) -> Result<DeckPattern, Error> {
    DeckPattern::new(value).ok_or_else(|| {
        Error::advice(
            "--deck needs a pattern, such as phase-2 or 'phase-*'",
            "`recall stats` lists the decks",
        )
    })
}

/// `--search`: text to look for, not empty.
pub fn parse_search(value: &str) -> Result<String, Error> {
    if value.trim().is_empty() {
        return Err(Error::advice(
            "--search needs some text to look for",
            "e.g. `recall cards --search dict`; leave --search out to list every card",
        ));
    }
    Ok(value.to_string())
}

/// recall: spaced repetition for learning Python by a roadmap, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The collection file (default: the platform data dir).
    #[arg(long, global = true, env = "RECALL_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Pin the clock (RFC 3339, e.g. 2026-11-25T09:30:00+01:00); every command honours it.
    #[arg(long, global = true, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Colour: auto (a terminal without NO_COLOR), always or never [default: config, else auto].
    #[arg(long, global = true, value_enum)]
    pub color: Option<ColorChoice>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The daily review session (compiles the bundled decks on first use).
    Review(ReviewArgs),
    /// Practice outside the schedule: typed answers, a score, no schedule changed.
    Drill(DrillArgs),
    /// Compile a roadmap and deck files into the collection.
    Compile(CompileArgs),
    /// Show the next card due now (for scripts).
    Next(NextArgs),
    /// Record one answer, exactly as the review loop would (for scripts).
    Answer(AnswerArgs),
    /// List and find cards with their SM-2 state (docs/cards.md).
    Cards(CardsArgs),
    /// One card: its text, source, SM-2 state and whole history.
    Show(ShowArgs),
    /// Take cards out of reviews until `recall unsuspend`.
    Suspend(ChangeArgs),
    /// Bring suspended cards back into reviews (`--leeches`: every suspended leech).
    Unsuspend(UnsuspendArgs),
    /// Hide cards until tomorrow.
    Bury(ChangeArgs),
    /// Bring buried cards back today.
    Unbury(ChangeArgs),
    /// Where you stand: due, forecast, retention, streak, heatmap, roadmap progress.
    Stats(StatsArgs),
    /// Fit FSRS's parameters to your own review log and store them (docs/fsrs.md).
    ///
    /// Reads the whole log, fits FSRS-6's 21 parameters with the `fsrs`
    /// crate's optimizer, and prints them with the log loss and RMSE of the
    /// default and the fitted parameters. Needs at least 400 reviews on 50
    /// cards. Under `scheduler = "fsrs"` every card is rescheduled with the
    /// fitted parameters, in the same transaction that stores them.
    Optimize(OptimizeArgs),
    /// Reviews due today (`--count`: a bare number for shell prompts).
    ///
    /// Counts the reviews due today: cards whose due day has come and that
    /// are not suspended, buried or retired (`due_today` of `recall stats
    /// --json`). New cards are not counted: they never pile up, and `recall
    /// stats` shows how many today's session would add.
    Due(DueArgs),
    /// Merge this collection's log with other devices' through a shared folder (docs/sync.md).
    Sync(SyncArgs),
    /// Check the collection: SQLite integrity and a replay of the review log.
    Check(CheckArgs),
    /// Write a consistent copy of the collection (by default into `backups/` beside it).
    Backup(BackupArgs),
    /// Export cards to Anki (.apkg), Anki's text format (tsv, csv), Markdown or JSON.
    Export(ExportArgs),
    /// Import an Anki package (.apkg, .colpkg) or Anki text file (.tsv, .txt, .csv).
    Import(ImportArgs),
    /// Your own copy of the bundled decks: eject, status, diff.
    #[command(subcommand)]
    Decks(DecksCommand),
    /// Add a card to a deck file and compile it (interactive without --prompt).
    Add(AddArgs),
    /// Print a shell completion script (e.g. `recall completions bash > /etc/bash_completion.d/recall`).
    Completions(CompletionsArgs),
    /// Print a man page (roff), e.g. `recall man review | man -l -`.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Only decks whose id matches (`phase-2`, `phase-*`, `track-b`).
    #[arg(long, value_name = "PAT", value_parser = parse_deck)]
    pub deck: Option<DeckPattern>,
    /// Add a specialization track's new cards (a–e); remembered in the collection.
    #[arg(long, value_name = "X")]
    pub track: Vec<String>,
    /// New cards per day.
    #[arg(long, value_name = "N")]
    pub new: Option<u32>,
    /// Reviews per day.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Line by line, no escape codes (also when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// Only decks whose id matches (`phase-2`, `phase-*`, `track-b`).
    #[arg(long, value_name = "PAT", value_parser = parse_deck)]
    pub deck: Option<DeckPattern>,
    /// Only one roadmap topic and its subtopics (`phase-2/5`).
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// How many cards [default: 20].
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Stop after this many seconds (the card on screen is still answered).
    #[arg(long, value_name = "SECONDS")]
    pub timed: Option<u32>,
    /// Line by line, no escape codes (also when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The roadmap (default: the bundled Python roadmap).
    #[arg(long, value_name = "FILE")]
    pub roadmap: Option<PathBuf>,
    /// Fail when a roadmap topic has no cards.
    #[arg(long)]
    pub strict: bool,
    /// Make an edited card a new card instead of matching it to the card it was (see docs/deck-format.md, Identity).
    #[arg(long)]
    pub no_rename: bool,
    /// Deck files or directories of them (default: the bundled decks).
    #[arg(value_name = "DIR|FILE")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The card id (or a unique prefix of 4 or more of its hex digits).
    pub card: String,
    /// The grade, 0–5, or again|hard|good|easy (logged as 1, 3, 4, 5; with
    /// --typed: default the suggested grade).
    #[arg(
        allow_hyphen_values = true,
        value_parser = parse_grade,
        required_unless_present = "typed"
    )]
    pub grade: Option<Quality>,
    /// Grade this typed answer exactly as the review does (verdict, diff,
    /// the answer it matched, suggested grade) and record it.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub typed: Option<String>,
    /// With --typed: the seconds the answer took, for the suggested grade
    /// [default: 0, a quick answer].
    #[arg(long, value_name = "SECS", requires = "typed")]
    pub secs: Option<u32>,
    /// With --typed: compare the text literally (trimmed, spaces collapsed,
    /// case as the deck says), without the Python rules.
    #[arg(long, requires = "typed")]
    pub exact: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CardsArgs {
    /// Only decks whose id matches (`phase-2`, `phase-*`).
    #[arg(long, value_name = "PAT", value_parser = parse_deck)]
    pub deck: Option<DeckPattern>,
    /// Only the reviews due today (what `recall due --count` counts).
    #[arg(long)]
    pub due: bool,
    /// Include retired cards.
    #[arg(long)]
    pub all: bool,
    /// Only cards whose prompt, answer, note or a tag holds TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT", value_parser = parse_search)]
    pub search: Option<String>,
    /// Only one roadmap topic and its subtopics (`phase-2/5`).
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// Only cards in this state.
    #[arg(long, value_enum)]
    pub state: Option<CardState>,
    /// The order [default: roadmap order].
    #[arg(long, value_enum)]
    pub sort: Option<CardSort>,
    /// Only cards with this tag or one below it (`rust` matches `rust::memory`).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `cards --state` (defined once, in the store's card list query; docs/cards.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardState {
    /// Never scheduled: no answer has run SM-2 on it yet.
    New,
    /// Scheduled, interval under 21 days.
    Learning,
    /// Scheduled at all (learning and mature).
    Review,
    /// Interval of 21 days or more.
    Mature,
    Suspended,
    /// Hidden until a later day.
    Buried,
    /// Tagged leech (lapsed too often).
    Leech,
    /// No longer in any deck, kept with its history.
    Retired,
}

/// `cards --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardSort {
    /// Soonest due first, new cards last.
    Due,
    /// Lowest ease factor first.
    Ef,
    /// Most lapses first.
    Lapses,
    /// Longest interval first.
    Interval,
    /// Newest added first.
    Added,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The card id (or a unique prefix of 4 or more digits).
    pub card: String,
    /// Machine-readable output (docs/cards.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// Card ids (or unique prefixes of 4 or more digits).
    #[arg(required = true, value_name = "CARD")]
    pub cards: Vec<String>,
}

#[derive(Debug, Args)]
pub struct UnsuspendArgs {
    /// Card ids (or unique prefixes of 4 or more digits).
    #[arg(value_name = "CARD", required_unless_present = "leeches")]
    pub cards: Vec<String>,
    /// Every suspended card tagged leech (the leech rule suspends them).
    #[arg(long)]
    pub leeches: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only one section and its topics: a phase number (`2`), a track letter
    /// (`b`) or a section id (`advanced`, `portfolio`).
    #[arg(long, value_name = "P")]
    pub phase: Option<String>,
    /// Machine-readable output; the schema is in docs/stats-json.md.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Fit and show, store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Machine-readable output (no progress bar); the fields are in docs/fsrs.md.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rebuild card states that disagree with the review log (after a backup).
    #[arg(long)]
    pub repair: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write it (must not exist); default: `backups/` beside the collection.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The shared folder (Syncthing, Dropbox, a network share, a git clone).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// DIR is a git clone: pull before, commit and push after, with your `git`.
    #[arg(long)]
    pub git: bool,
    /// This collection is a copy of another device's (same device id): give it
    /// a new one first. Every event it logged under the old id must already be
    /// in DIR, as the other collection published it (docs/sync.md).
    #[arg(long)]
    pub new_device_id: bool,
    /// Machine-readable output (docs/sync.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Print only the number (for shell prompts and status bars). Opens the
    /// collection read-only with one indexed COUNT, so it is quick enough to
    /// run on every prompt.
    #[arg(long)]
    pub count: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand's page (`recall man review`); default: the top page.
    #[arg(value_name = "COMMAND", conflicts_with = "all")]
    pub command: Option<String>,
    /// Write every page (recall.1, recall-review.1, …) into DIR instead.
    #[arg(long, value_name = "DIR")]
    pub all: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An Anki package; needs -o.
    Apkg,
    /// Anki's text import format, tab-separated.
    Tsv,
    /// Anki's text import format, comma-separated.
    Csv,
    /// Printable Markdown in recall's deck format.
    Md,
    /// Cards (with --with-scheduling: state and review log) as JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only decks whose id matches (`phase-2`, `phase-*`).
    #[arg(long, value_name = "PAT", value_parser = parse_deck)]
    pub deck: Option<DeckPattern>,
    /// Include SM-2 state and the review log (apkg and json).
    #[arg(long)]
    pub with_scheduling: bool,
    /// Write to FILE instead of stdout; an existing FILE (or a symlink) is
    /// refused unless --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing -o FILE (a symlink there is replaced, never followed).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Write nothing if the export would drop anything (see its summary).
    #[arg(long)]
    pub strict: bool,
    /// The export's summary (what was carried, dropped, changed) as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DecksCommand {
    /// Copy the bundled decks beside the collection (`decks/`); compile and `e` use them from then on.
    Eject,
    /// How each ejected deck stands: edited by you, changed upstream, both.
    Status,
    /// What changed upstream in a bundled deck, against your copy (a unified diff).
    Diff {
        /// The deck's file name, e.g. phase-2.md.
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The roadmap topic, e.g. phase-2/5 (asked for when missing).
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// basic, typed, cloze or eval.
    #[arg(long, value_enum)]
    pub kind: Option<AddKind>,
    /// The question (for a cloze, the text with `{{…}}` deletions; for eval, the Python code).
    #[arg(long)]
    pub prompt: Option<String>,
    /// The expected answer (not for a cloze).
    #[arg(long)]
    pub answer: Option<String>,
    /// Another accepted answer of a typed or eval card (repeatable).
    #[arg(long = "alt", value_name = "ANSWER")]
    pub alternatives: Vec<String>,
    /// A note shown after the reveal.
    #[arg(long)]
    pub note: Option<String>,
    /// An explicit card id (see docs/deck-format.md, Identity).
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AddKind {
    Basic,
    Typed,
    Cloze,
    Eval,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An .apkg/.colpkg package or a .tsv/.txt/.csv file in Anki's text format.
    pub file: PathBuf,
    /// Print the summary as JSON (what was carried, merged, changed and left out).
    #[arg(long)]
    pub json: bool,
    /// Refuse to import (write nothing) if anything would be left out.
    #[arg(long)]
    pub strict: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn now_is_refused_outside_the_years_recall_counts() {
        for ok in [
            "1970-01-01T00:00:00Z",
            "2026-11-25T09:30:00+01:00",
            "9998-12-31T23:59:59Z",
        ] {
            assert!(parse_now(ok).is_ok(), "{ok}");
        }
        for out in [
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:30:00+01:00",
            "9999-01-01T00:00:00Z",
            "9998-12-31T23:30:00-01:00",
            "0000-01-01T00:00:00Z",
        ] {
            let err = parse_now(out).unwrap_err();
            assert!(matches!(err, Error::NowOutOfRange { .. }), "{out}: {err}");
        }
    }

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
