//! The collection: one SQLite file holding the compiled cards, their
//! scheduling state and the append-only review log. All SQL of recall lives
//! in this module, one query per file under `sql/<area>/<name>.sql`.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction, committed with
//! `synchronous=FULL` in WAL mode before the call returns. A card's stored
//! state is a cache of a replay of its log ([`crate::history::replay`]);
//! [`Store::check`] verifies that it is.
//!
//! # The surface
//!
//! [`Store`] opens the file and owns the one connection; reads go through a
//! repository that borrows it, writes through `Store` itself (one method per
//! event).
//!
//! | call | what it answers or does | code | SQL |
//! |---|---|---|---|
//! | `Store::open`, `open_existing`, `open_in_memory`, `open_read_only`, `path` | open (and migrate) a collection | `mod.rs`, `schema.rs` | `sql/migrations/` |
//! | `get_meta`, `set_meta` | settings | `mod.rs` | `sql/meta/` |
//! | `fsrs_params`, `fsrs_fit`, `save_fsrs_params`, `active_fsrs`, `fsrs_memories`, `log_by_card` | the parameters `optimize` fitted (meta key `fsrs_params`, rescheduling under FSRS), the FSRS the states are a replay under, review cards' memories for stats, the log the fit reads | `fsrs_params.rs` | `sql/meta/`, `sql/fsrs/`, `sql/log/all_by_card.sql` |
//! | `backup_to`, `auto_backup` | consistent copies | `backup.rs` | `sql/backup/` |
//! | `check`, `repair` | state == replay of the log | `check.rs`, `repair.rs` | `sql/check/` |
//! | `reschedule`, `set_scheduler`, `stored_scheduler` | write: every state replayed under another scheduler | `reschedule.rs` | `sql/cards/`, `sql/meta/` |
//! | `sync` | write: the cards and roadmap of a compile | `sync.rs` | `sql/sync/`, `sql/cards/` |
//! | `import` | write: an [`ImportPlan`] | `import.rs` | `sql/import/` |
//! | `record_answer` | write: an answer (and the leech it makes) | `record.rs` | `sql/log/`, `sql/cards/` |
//! | `record` | write: suspend, unsuspend, bury, undo | `record.rs` | `sql/log/`, `sql/cards/` |
//! | `export_read` → [`ExportRead`] | what an export writes, read by cursor at one moment | `export.rs` | `sql/export/` |
//! | `store.cards()` → [`Cards`] | `get`, `find` (id prefix), `list` (filter), `due`, `most_overdue`, `new_cards`, `count`, `is_empty`, `deck_of`, `counts`, `sections`, `topics`, `milestones` | `cards.rs` | `sql/cards/` |
//! | `store.log()` → [`Log`] | `card`, `day`, `introduced_on`, `reviewed_on`, `study_run` | `log.rs` | `sql/log/` |
//! | `store.reports()` → [`Reports`] | `due_count`, `review_days`, `answers_by_day`, `due_by_day`, `retention`, `ef_and_interval_counts`, `leeches`, `section_progress`, `topic_stages`, `stats_input` (its per-card aggregates in one pass: `card_tally.rs`) | `reports.rs`, `card_tally.rs` | `sql/reports/` |
//! | [`AnkiFile`] | Anki's own SQLite file: `create` + `write_streamed` (card by card through an [`AnkiSink`]), `open` + `read`, or `read_head` and then card by card (`anki_stream.rs`) | `anki.rs`, `anki_write.rs`, `anki_stream.rs` | `sql/anki/` |
//! | `fill_synthetic` (feature `testing`) | a generated collection for benches | `synthetic.rs` | — |
//!
//! Shared conditions (an answer "not undone", the columns of a card) are
//! written out in each query that needs them, so each file reads alone.

mod anki;
mod anki_stream;
mod anki_write;
mod backup;
mod card_tally;
mod cards;
mod carry;
mod check;
mod convert;
mod day_stats;
mod error;
mod export;
mod fsrs_params;
mod import;
mod import_indexes;
mod import_log;
mod import_merge;
mod import_origins;
pub(crate) mod import_plan;
mod log;
mod record;
mod repair;
mod reports;
mod reschedule;
mod schema;
mod sync;
mod sync_log;
#[cfg(any(test, feature = "testing"))]
mod synthetic;

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use anki::write_empty as write_empty_anki_file;
pub use anki::AnkiFile;
pub use anki_stream::{CardAndNote, RevlogCursor};
pub use anki_write::{AnkiSink, ColRow, StagedRow};
pub use backup::{backup_dir, BackupReason, KEEP_BACKUPS};
pub use cards::{Cards, MIN_PREFIX_DIGITS};
pub use carry::{media_dir, tag_matches};
pub use error::{StoreError, UndoRefusal};
pub use export::{CardKey, CardRead, ExportRead, ExportedCard};
pub use fsrs_params::{CardMemory, FsrsParams, FSRS_PARAMS_KEY};
pub use import::ImportReport;
pub use import_plan::{
    CardSource, ImportPlan, ImportedCard, ImportedDeck, ImportedEvent, PlannedCard,
};
pub use log::Log;
pub use record::{Answered, Changed, NewAnswer, LEECH_TAG};
pub use repair::RepairReport;
pub use reports::{
    DayCount, Leech, MilestoneInfo, Reports, RetentionRow, SectionProgress, Stages, StatsInput,
    StatsQuery, ValueCount,
};
pub use reschedule::{
    describe as describe_scheduler, fingerprint as scheduler_fingerprint, RescheduleSummary,
    SCHEDULER_KEY,
};
pub use schema::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};
pub use sync::{is_imported_section, Renamed, SyncOptions};
pub use sync_log::{Incoming, MergeReport};

use crate::card::{Card, CardId, DeckPattern};
use crate::day::Day;
use crate::history::{CardState, Scheduler};
use error::{read_only_error, sql_error};
use rusqlite::{Connection, DatabaseName, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The id prefix of sections (decks) made by `recall import`. No roadmap
/// heading yields it: roadmap ids are `phase-N`, `track-X` or one word.
pub const IMPORTED_SECTION_PREFIX: &str = "anki-";

/// The name used in messages for an in-memory collection.
const IN_MEMORY: &str = ":memory:";

const GET_META: &str = include_str!("sql/meta/get.sql");
const SET_META: &str = include_str!("sql/meta/set.sql");

/// An open collection.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The function every write applies to the log (SM-2 until
    /// [`Store::reschedule`] or [`Store::set_scheduler`] says otherwise).
    scheduler: Scheduler,
}

/// A card as stored, with its scheduling state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRecord {
    pub card: Card,
    pub state: CardState,
    /// No longer in any deck; kept with its history.
    pub retired: bool,
    /// Tagged a leech: it lapsed too often (see [`crate::sched::leech`]).
    pub leech: bool,
}

/// A card of the review queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueCard {
    pub id: CardId,
    pub due: Day,
}

/// What a [`Store::sync`] did. Each input card counts in exactly one of
/// `added`, `updated`, `renamed`, `unretired` and `unchanged` (a card that
/// comes back changed counts as unretired); `retired` counts stored cards
/// missing from it (a renamed card is not retired: it is the edited card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SyncReport {
    pub added: u32,
    pub updated: u32,
    pub retired: u32,
    pub unretired: u32,
    pub unchanged: u32,
    /// Cards whose text changed and that kept their id and history.
    pub renamed: u32,
}

/// Which cards [`Cards::list`] returns, and in which order. Every filter
/// set must hold (they combine with AND).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardFilter {
    /// Only decks this matches.
    pub deck: Option<DeckPattern>,
    /// Only the reviews due on this day: exactly what [`Cards::due`] and
    /// `due --count` count (not new, suspended, buried past it or retired).
    pub due_on: Option<Day>,
    pub include_retired: bool,
    /// Only cards whose prompt, answer, note or a tag holds this text
    /// (case-insensitive for ASCII letters, as SQLite's LIKE is).
    pub search: Option<String>,
    /// Only this roadmap topic and its subtopics (`phase-2/5` takes `phase-2/5.1`).
    pub topic: Option<String>,
    pub stage: Option<Stage>,
    pub sort: CardSort,
}

/// Where a card stands, for `cards --state`; the one definition, in
/// `sql/cards/list.sql` (a card may be in several: a suspended leech).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Never scheduled: no answer has run SM-2 on it yet.
    New,
    /// Scheduled, with an interval under [`MATURE_INTERVAL`] days (as `stats` counts it).
    Learning,
    /// Scheduled at all (learning and mature together, as Anki's "review" cards).
    Review,
    /// An interval of [`MATURE_INTERVAL`] days or more.
    Mature,
    Suspended,
    /// Buried past the given day (today): hidden from its reviews.
    Buried(Day),
    /// Tagged `leech`: lapsed as often as the leech rule allows.
    Leech,
    /// No longer in any deck; kept with its history (implies `include_retired`).
    Retired,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Learning => "learning",
            Stage::Review => "review",
            Stage::Mature => "mature",
            Stage::Suspended => "suspended",
            Stage::Buried(_) => "buried",
            Stage::Leech => "leech",
            Stage::Retired => "retired",
        }
    }
}

/// The order of [`Cards::list`]; ties (and `Roadmap`) in introduction order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CardSort {
    #[default]
    Roadmap,
    /// Soonest due first; new cards last.
    Due,
    /// Lowest ease factor (hardest) first.
    Ef,
    /// Most lapses first.
    Lapses,
    /// Longest interval first.
    Interval,
    /// Newest added first.
    Added,
}

impl CardSort {
    pub fn as_str(self) -> &'static str {
        match self {
            CardSort::Roadmap => "roadmap",
            CardSort::Due => "due",
            CardSort::Ef => "ef",
            CardSort::Lapses => "lapses",
            CardSort::Interval => "interval",
            CardSort::Added => "added",
        }
    }
}

/// A card whose stored state differs from a replay of its log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub card: CardId,
    pub stored: CardState,
    pub replayed: CardState,
}

/// What [`Store::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckReport {
    /// Problems reported by `PRAGMA integrity_check` and `foreign_key_check`.
    pub integrity: Vec<String>,
    pub mismatches: Vec<Mismatch>,
    pub cards_checked: u64,
    pub log_rows: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.mismatches.is_empty()
    }
}

/// The collection at a glance. All but `retired` count active cards only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub total: u64,
    /// Never scheduled.
    pub new: u64,
    /// Scheduled, with an interval under [`MATURE_INTERVAL`] days (lapsed cards too).
    pub learning: u64,
    /// An interval of [`MATURE_INTERVAL`] days or more.
    pub mature: u64,
    pub suspended: u64,
    pub retired: u64,
    /// What [`Cards::due`] returns today.
    pub due_today: u64,
    /// Answers logged today, not undone, that counted as schedule or repeat.
    pub reviewed_today: u64,
}

/// The interval (days) from which a card counts as mature, as in Anki.
pub const MATURE_INTERVAL: u32 = 21;

/// How an answer is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerMode {
    /// The scheduled review: the first answer on a due day runs SM-2.
    Review,
    /// Practice outside the schedule: logged, changes nothing.
    Drill,
}

impl AnswerMode {
    /// What an answer in this mode does to a card in `state` on `day`: the
    /// one rule for recording it and for previewing it.
    pub fn effect(self, state: &crate::sched::Sm2State, day: Day) -> crate::history::Effect {
        match self {
            AnswerMode::Drill => crate::history::Effect::Drill,
            AnswerMode::Review => crate::history::Effect::for_review(state, day),
        }
    }
}

/// A roadmap section as stored by the last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub goal: Option<String>,
}

/// A roadmap topic or subtopic as stored by the last sync, in roadmap order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicInfo {
    pub id: String,
    pub section: String,
    /// The enclosing topic of a subtopic.
    pub parent: Option<String>,
    pub number: String,
    pub title: String,
    pub detail: String,
}

/// Refuses what is at `path` unless it is a regular file (through symlinks)
/// or nothing: a directory, a FIFO or a device (`/dev/null`) never reaches
/// SQLite, which would read from it, block on it or leave its journal beside it.
fn refuse_special(path: &Path) -> Result<(), StoreError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    Err(StoreError::NotAFile {
        path: path.to_path_buf(),
        what: file_kind(&kind),
    })
}

/// What a file that is not a regular file or a directory is.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = kind;
    "not a regular file"
}

/// A [`StoreError::ReadOnly`] from SQLite made precise: whether the file or
/// its directory (where SQLite keeps the `-wal` and `-shm` files) cannot be
/// written, found by trying. Any other error is returned as it is.
fn why_read_only(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::ReadOnly { .. } => {
            let file_writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
            read_only_error(path, file_writable, directory_writable(path))
        }
        other => other,
    }
}

/// The directory of `path` accepts a new file: a temporary one is created
/// there and removed at once. Only asked after SQLite said "read-only".
fn directory_writable(path: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".recall-write-test-")
        .tempfile_in(directory_of(path))
        .is_ok()
}

/// The directory holding `path` (`.` for a bare file name).
fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A connection, the path to name in errors and the scheduler the stored
/// states are a replay under.
#[derive(Clone, Copy)]
pub(crate) struct Db<'a> {
    conn: &'a Connection,
    path: &'a Path,
    scheduler: &'a Scheduler,
}

impl<'a> Db<'a> {
    /// Every row of `sql`, mapped by `map`; errors say "cannot read {what}".
    pub(crate) fn rows<T>(
        self,
        sql: &str,
        params: impl rusqlite::Params,
        what: &str,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let fail = || self.fail(format!("cannot read {what}"));
        let mut stmt = self.conn.prepare_cached(sql).map_err(fail())?;
        let rows = stmt.query_map(params, map).map_err(fail())?;
        rows.collect::<Result<_, _>>().map_err(fail())
    }

    /// The one value of a one-row query; errors say `context`.
    pub(crate) fn one<T: rusqlite::types::FromSql>(
        self,
        sql: &str,
        params: impl rusqlite::Params,
        context: &str,
    ) -> Result<T, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.query_row(params, |r| r.get(0)))
            .map_err(self.fail(context))
    }

    /// Runs a write of one statement; errors say `context`.
    pub(crate) fn run(
        self,
        sql: &str,
        params: impl rusqlite::Params,
        context: impl Into<String>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .map_err(self.fail(context))?;
        Ok(())
    }

    /// Maps a SQLite error to a [`StoreError`] with `context`.
    fn fail(&self, context: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> StoreError + 'a {
        let path = self.path;
        let context = context.into();
        move |e| sql_error(path, context, e)
    }
}

impl Store {
    /// Opens the collection at `path`, creating the file and its parent
    /// directories if missing, and brings its schema up to date. An empty
    /// file becomes a new collection.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        refuse_special(path)?;
        if !path.exists() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
        }
        Store::open_file(path, OpenFlags::SQLITE_OPEN_CREATE, schema::MIGRATIONS)
    }

    /// Opens the collection at `path`, which must exist and be a collection:
    /// an empty file is refused untouched ([`StoreError::EmptyFile`]), never
    /// made one. An older collection is brought up to date, after a backup.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        refuse_special(path)?;
        if !path.exists() {
            return Err(StoreError::NoCollection {
                path: path.to_path_buf(),
            });
        }
        Store::open_file(path, OpenFlags::empty(), schema::MIGRATIONS)
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = Path::new(IN_MEMORY);
        let mut conn = Connection::open_in_memory()
            .map_err(|e| sql_error(path, "cannot open an in-memory collection", e))?;
        schema::configure(&conn, path, false)?;
        schema::migrate(&mut conn, path, schema::MIGRATIONS)?;
        Ok(Store {
            conn,
            path: None,
            scheduler: Scheduler::Sm2,
        })
    }

    /// Opens an existing collection for reading only: no migration, no
    /// journal change, nothing written. For commands that run on every shell
    /// prompt. A collection of an older schema is read as it is.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        refuse_special(path)?;
        if !path.exists() {
            return Err(StoreError::NoCollection {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let opened = (|| {
            let context = || format!("cannot open {}", path.display());
            let conn = Connection::open_with_flags(path, flags)
                .map_err(|e| sql_error(path, context(), e))?;
            conn.busy_timeout(BUSY_TIMEOUT)
                .map_err(|e| sql_error(path, context(), e))?;
            let found = schema::inspect(&conn, path, SCHEMA_VERSION)?;
            Ok((conn, found))
        })();
        match opened.map_err(|e| why_read_only(path, e))? {
            (_, schema::Found::Empty) => Err(StoreError::EmptyFile {
                path: path.to_path_buf(),
            }),
            (conn, schema::Found::Collection(_)) => Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
                scheduler: Scheduler::Sm2,
            }),
        }
    }

    /// Opens `path` and migrates it through `steps`, taking a backup first
    /// when an existing collection is about to be migrated. Without
    /// `SQLITE_OPEN_CREATE` in `create`, an empty file is refused.
    pub(crate) fn open_file(
        path: &Path,
        create: OpenFlags,
        steps: &[&'static str],
    ) -> Result<Store, StoreError> {
        refuse_special(path)?;
        // SQLite would open a read-only file read-only and fail at the first
        // write; root would even write to it. Say so up front instead.
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            return Err(read_only_error(path, false, directory_writable(path)));
        }
        Store::open_writable(path, create, steps).map_err(|e| why_read_only(path, e))
    }

    fn open_writable(
        path: &Path,
        create: OpenFlags,
        steps: &[&'static str],
    ) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | create;
        let context = || format!("cannot open {}", path.display());
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| sql_error(path, context(), e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| sql_error(path, context(), e))?;
        if conn.is_readonly(DatabaseName::Main).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        // Refuse foreign and newer files before anything (journal_mode) writes.
        let found = schema::inspect(&conn, path, schema::version_of(steps))?;
        if found == schema::Found::Empty && !create.contains(OpenFlags::SQLITE_OPEN_CREATE) {
            return Err(StoreError::EmptyFile {
                path: path.to_path_buf(),
            });
        }
        schema::configure(&conn, path, true)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            scheduler: Scheduler::Sm2,
        };
        if schema::needs_backup(found, schema::version_of(steps)) {
            store.auto_backup(BackupReason::Migration)?;
        }
        schema::migrate(&mut store.conn, path, steps)?;
        Ok(store)
    }

    /// The file, or `None` for an in-memory collection.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Cards, the queue and the stored roadmap.
    pub fn cards(&self) -> Cards<'_> {
        Cards { db: self.db() }
    }

    /// The review log, read.
    pub fn log(&self) -> Log<'_> {
        Log { db: self.db() }
    }

    /// The stats and due-count aggregates.
    pub fn reports(&self) -> Reports<'_> {
        Reports { db: self.db() }
    }

    fn db(&self) -> Db<'_> {
        Db {
            conn: &self.conn,
            path: self.path.as_deref().unwrap_or(Path::new(IN_MEMORY)),
            scheduler: &self.scheduler,
        }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed only if `f`
    /// succeeds; a lock held past the busy timeout is [`StoreError::Busy`].
    fn write<T>(
        &mut self,
        context: &str,
        f: impl FnOnce(Db<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.as_deref().unwrap_or(Path::new(IN_MEMORY));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_error(path, context, e))?;
        let value = f(Db {
            conn: &tx,
            path,
            scheduler: &self.scheduler,
        })?;
        tx.commit().map_err(|e| sql_error(path, context, e))?;
        Ok(value)
    }

    pub fn get_meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let db = self.db();
        db.conn
            .query_row(GET_META, [key], |r| r.get(0))
            .optional()
            .map_err(db.fail(format!("cannot read setting {key:?}")))
    }

    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write("cannot write a setting", |db| {
            db.run(
                SET_META,
                [key, value],
                format!("cannot write setting {key:?}"),
            )
        })
    }
}
