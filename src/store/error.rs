//! What can go wrong with a collection, with the path or card it concerns and
//! a hint that says what to do.

use crate::card::CardId;
use crate::history::LogId;
use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

/// What can go wrong with a collection.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no collection at {path}")]
    NoCollection { path: PathBuf },
    #[error("{path} is not a recall collection (another program's file, not SQLite, or damaged)")]
    NotACollection { path: PathBuf },
    #[error("{path} has schema version {found}; this recall knows versions up to {supported}")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is locked: another process is writing to it")]
    Busy { path: PathBuf },
    #[error("{path} is a directory, not a collection file")]
    IsDirectory { path: PathBuf },
    #[error("{path} is read-only")]
    ReadOnly { path: PathBuf },
    /// SQLite writes its `-wal` and `-shm` files beside the collection.
    #[error("{path} cannot be written: its directory {dir} is read-only{}, and SQLite keeps its write-ahead log (-wal, -shm) beside the file", if *.file_too { " (and so is the file)" } else { "" })]
    ReadOnlyDirectory {
        path: PathBuf,
        dir: PathBuf,
        file_too: bool,
    },
    #[error("{path} is {what}, not a collection file")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{path} is empty, not a recall collection (yet)")]
    EmptyFile { path: PathBuf },
    #[error("cannot write to {path}: the disk is full (or a file size limit was reached)")]
    DiskFull { path: PathBuf },
    #[error("input/output error on {path}: {source}")]
    IoFailure {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is damaged: {}", problems.join("; "))]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{path} already exists")]
    Exists { path: PathBuf },
    #[error("no card with id {0:?} in this collection")]
    UnknownCard(String),
    #[error("card id prefix {prefix:?} matches {count} cards")]
    AmbiguousCard { prefix: String, count: u64 },
    #[error("card {0} is retired: its deck no longer has it")]
    RetiredCard(CardId),
    #[error("cannot undo log row {} of card {card}: {reason}", target.0)]
    BadUndo {
        card: CardId,
        target: LogId,
        reason: UndoRefusal,
    },
    #[error("cannot record that for card {card}: {reason}")]
    BadEvent { card: CardId, reason: String },
    #[error("{name} is not an Anki collection recall can read: {reason}")]
    AnkiCollection { name: String, reason: String },
    #[error("card {0} appears twice in the compiled cards")]
    DuplicateCard(CardId),
    #[error("cannot bring {path} up to date: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("{context}: {source}")]
    Sqlite {
        context: String,
        source: rusqlite::Error,
    },
    #[error("cannot create {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why an undo names a log row that cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UndoRefusal {
    #[error("there is no such log row")]
    NoSuchRow,
    #[error("it belongs to card {0}")]
    OtherCard(CardId),
    /// The row is an event no undo takes back (an `undo`, an `import`).
    #[error("it is an {0}, which cannot be undone")]
    NotUndoable(String),
    #[error("it is already undone")]
    AlreadyUndone,
}

impl StoreError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            StoreError::NoCollection { .. } => {
                "run `recall compile` or `recall review` to create it"
            }
            StoreError::NotACollection { .. } => {
                "check the collection path (--db); if it is damaged, restore the newest file in backups/ beside it; recall left this file untouched"
            }
            StoreError::TooNew { .. } => {
                "this collection was written by a newer recall; upgrade recall"
            }
            StoreError::Busy { .. } => "another recall is writing to it; try again",
            StoreError::IsDirectory { .. } => {
                "--db (or RECALL_DB) names the collection file, e.g. DIR/collection.sqlite"
            }
            StoreError::ReadOnly { .. } => {
                "make the file writable (chmod u+w) or work on a copy; recall left it untouched"
            }
            StoreError::ReadOnlyDirectory { dir, file_too, .. } => {
                return Some(format!(
                    "make the directory writable (chmod u+w {}{}) or work on a copy in a writable directory; recall left the file untouched",
                    dir.display(),
                    if *file_too { ", and the file too" } else { "" }
                ))
            }
            StoreError::NotAFile { .. } => {
                "--db (or RECALL_DB) names the collection file, e.g. DIR/collection.sqlite; recall opens only regular files and touched nothing"
            }
            StoreError::EmptyFile { .. } => {
                "check --db (or RECALL_DB); `recall compile` or `recall review` makes a new collection in an empty file, other commands leave it untouched"
            }
            StoreError::DiskFull { .. } => {
                "free some disk space; what was not committed was rolled back, nothing is half-written"
            }
            StoreError::IoFailure { .. } => {
                "check the disk; what was not committed was rolled back, `recall check` verifies the rest"
            }
            StoreError::Exists { .. } => "pick another file name; recall never overwrites one",
            StoreError::Damaged { .. } => {
                "restore the newest backup from the backups/ directory beside it (`recall check --db FILE` tells a good one)"
            }
            StoreError::UnknownCard(_) => {
                "`recall cards` lists the ids; a prefix of 4 or more of an id's hex digits is enough"
            }
            StoreError::AmbiguousCard { .. } => "type more digits of the id",
            StoreError::RetiredCard(_) => {
                "its history is kept; put the card back in its deck and run `recall compile`"
            }
            StoreError::BadUndo { .. } => "only an answer, suspend, unsuspend or bury that is not undone yet can be undone",
            StoreError::BadEvent { .. } => "answers are recorded through the review",
            StoreError::AnkiCollection { .. } => {
                "export it again from Anki (File → Export → Anki Deck Package); nothing was imported"
            }
            StoreError::DuplicateCard(_) => {
                "two cards with the same prompt are an error; reword one"
            }
            StoreError::Migration { .. } | StoreError::Sqlite { .. } => {
                "`recall check` verifies the collection"
            }
            StoreError::Io { .. } => "check the path and its permissions",
        };
        Some(hint.to_string())
    }
}

/// Why a collection cannot be written, from whether its file and its
/// directory can be: the hint must name the one to fix. Both writable (root,
/// or a file system that refused anyway) keeps the plain [`StoreError::ReadOnly`].
pub(crate) fn read_only_error(path: &Path, file_writable: bool, dir_writable: bool) -> StoreError {
    if dir_writable {
        return StoreError::ReadOnly {
            path: path.to_path_buf(),
        };
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    StoreError::ReadOnlyDirectory {
        path: path.to_path_buf(),
        dir,
        file_too: !file_writable,
    }
}

/// Maps a SQLite error to a [`StoreError`]: a lock that outlasted the busy
/// timeout becomes [`StoreError::Busy`], a file SQLite cannot read becomes
/// [`StoreError::NotACollection`]; anything else keeps its context.
pub(crate) fn sql_error(path: &Path, context: impl Into<String>, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::NotACollection {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::SystemIoFailure) => StoreError::IoFailure {
            path: path.to_path_buf(),
            source: e,
        },
        _ => StoreError::Sqlite {
            context: context.into(),
            source: e,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_hint() {
        let path = PathBuf::from("c.db");
        let errors = [
            StoreError::NoCollection { path: path.clone() },
            StoreError::NotACollection { path: path.clone() },
            StoreError::TooNew {
                path: path.clone(),
                found: 9,
                supported: 1,
            },
            StoreError::Busy { path: path.clone() },
            StoreError::ReadOnly { path: path.clone() },
            read_only_error(&path, true, false),
            read_only_error(&path, false, false),
            StoreError::NotAFile {
                path: path.clone(),
                what: "a named pipe (FIFO)",
            },
            StoreError::EmptyFile { path: path.clone() },
            StoreError::IsDirectory { path: path.clone() },
            StoreError::DiskFull { path: path.clone() },
            StoreError::Exists { path },
            StoreError::UnknownCard("abcd".into()),
            StoreError::RetiredCard(CardId(1)),
        ];
        for e in errors {
            assert!(e.hint().is_some_and(|h| !h.is_empty()), "{e}");
        }
    }

    #[test]
    fn the_read_only_hint_names_what_cannot_be_written() {
        let path = Path::new("/data/recall/c.db");
        let hint = |file, dir| read_only_error(path, file, dir).hint().unwrap();
        // A read-only file in a writable directory: the file.
        assert!(hint(false, true).starts_with("make the file writable"));
        // A writable file in a read-only directory: the directory, not the file.
        let dir_only = read_only_error(path, true, false);
        assert!(
            matches!(&dir_only, StoreError::ReadOnlyDirectory { dir, file_too: false, .. } if dir == Path::new("/data/recall")),
            "{dir_only:?}"
        );
        assert_eq!(
            hint(true, false),
            "make the directory writable (chmod u+w /data/recall) or work on a copy in a writable directory; recall left the file untouched"
        );
        assert!(hint(false, false).contains("and the file too"));
        // Both writable, yet SQLite refused: the plain message.
        assert!(matches!(
            read_only_error(path, true, true),
            StoreError::ReadOnly { .. }
        ));
        assert_eq!(
            read_only_error(Path::new("c.db"), true, false).to_string(),
            "c.db cannot be written: its directory . is read-only, and SQLite keeps its write-ahead log (-wal, -shm) beside the file"
        );
    }

    #[test]
    fn busy_sqlite_error_becomes_busy() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        let mapped = sql_error(Path::new("c.db"), "writing", e);
        assert!(matches!(mapped, StoreError::Busy { .. }));
        assert!(!mapped.to_string().contains("database is locked"));
    }

    #[test]
    fn full_disk_and_io_errors_name_the_file() {
        let code = |c| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(c), None);
        let full = sql_error(
            Path::new("c.db"),
            "writing",
            code(rusqlite::ffi::SQLITE_FULL),
        );
        assert!(matches!(full, StoreError::DiskFull { .. }), "{full}");
        let io = sql_error(
            Path::new("c.db"),
            "writing",
            code(rusqlite::ffi::SQLITE_IOERR_WRITE),
        );
        assert!(matches!(io, StoreError::IoFailure { .. }), "{io}");
        assert!(io.to_string().contains("c.db"), "{io}");
    }
}
