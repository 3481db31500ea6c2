//! The one error type users see: every variant says what went wrong, with
//! context, and [`Error::hint`] says what to do next.

use crate::config::ConfigError;
use crate::deck::DeckError;
use crate::roadmap::RoadmapError;
use crate::store::StoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Roadmap(#[from] RoadmapError),
    #[error(transparent)]
    Deck(#[from] DeckError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} already exists ({what}); recall does not overwrite it")]
    OutputExists { path: String, what: &'static str },
    #[error("no card with id {0:?} in this collection")]
    UnknownCard(String),
    #[error("grade {0:?} is not a number from 0 to 5, nor again, hard, good or easy")]
    BadGrade(String),
    #[error("--now {value:?} is not an RFC 3339 time: {reason}")]
    BadNow { value: String, reason: String },
    #[error("--now {value:?} is outside the years recall counts days in ({first} to {last})")]
    NowOutOfRange {
        value: String,
        first: i32,
        last: i32,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// Talking to the learner failed; input that is not text
    /// ([`std::io::ErrorKind::InvalidData`]) is bad input, not a terminal fault.
    #[error("{}", terminal_message(.0))]
    Terminal(std::io::Error),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    /// A usage problem with something specific to do about it.
    #[error("{message}")]
    Advice { message: String, hint: String },
    #[error("the collection failed its check")]
    CheckFailed,
    /// A write of the review loop failed: the session stops there.
    #[error("not saved: {what}: {source}")]
    NotSaved {
        what: String,
        source: Box<StoreError>,
    },
}

fn terminal_message(e: &std::io::Error) -> String {
    if is_bad_input(e) {
        format!("invalid input: {e}")
    } else {
        format!("cannot write to the terminal: {e}")
    }
}

fn is_bad_input(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::InvalidData
}

impl From<crate::course::CompileError> for Error {
    fn from(e: crate::course::CompileError) -> Error {
        match e {
            crate::course::CompileError::Roadmap(e) => Error::Roadmap(e),
            crate::course::CompileError::Deck(e) => Error::Deck(e),
        }
    }
}

impl Error {
    /// A usage error with a hint.
    pub fn advice(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Advice {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Roadmap(e) => (!e.hint.is_empty()).then(|| e.hint.clone()),
            Error::Deck(e) => (!e.hint.is_empty()).then(|| e.hint.clone()),
            Error::Config(e) => Some(e.hint.clone()),
            Error::Advice { hint, .. } => Some(hint.clone()),
            Error::Store(e) => e.hint(),
            Error::Export(crate::export::ExportError::Store(e)) => e.hint(),
            Error::Export(_) | Error::Write { .. } => {
                Some("check the output path, its permissions and the free space".into())
            }
            Error::Import(e) => Some(e.hint()),
            Error::OutputExists { .. } => Some(
                "pick another name, or pass --force to replace it (a symlink is replaced, never followed)".into(),
            ),
            Error::UnknownCard(_) => Some("`recall cards` lists the ids; a prefix of 4 or more of an id's hex digits is enough".into()),
            Error::BadGrade(_) => Some("grades: 5 perfect · 4 hesitated · 3 hard · 2 wrong but easy · 1 wrong, remembered · 0 blackout; or FSRS's again (logged as 1) · hard (3) · good (4) · easy (5)".into()),
            Error::BadNow { .. } => Some("write it like 2026-11-25T09:30:00+01:00".into()),
            Error::NowOutOfRange { first, last, .. } => Some(format!(
                "pin a time from {first}-01-01 to {last}-12-31 (in UTC and in its own offset), e.g. 2026-11-25T09:30:00+01:00"
            )),
            Error::Read { .. } => Some("check the path and its permissions".into()),
            Error::CheckFailed => Some("`recall check --repair` rebuilds card states from the log (after a backup); the lines above name what differs".into()),
            Error::NotSaved { source, .. } => Some(format!(
                "every answer acknowledged with `saved` is kept; {}",
                source.hint().unwrap_or_default()
            )),
            Error::Terminal(e) if is_bad_input(e) => Some(
                "recall reads keys and answers as UTF-8 text, one per line; check the encoding of what is piped in (every answer acknowledged with `saved` is kept)".into(),
            ),
            Error::Terminal(_) | Error::Usage(_) => None,
        }
    }

    /// The process exit code: 2 for bad input, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::UnknownCard(_)
            | Error::BadGrade(_)
            | Error::BadNow { .. }
            | Error::NowOutOfRange { .. }
            | Error::Usage(_)
            | Error::Advice { .. }
            | Error::Config(_)
            | Error::Import(_) => 2,
            Error::Terminal(e) if is_bad_input(e) => 2,
            _ => 1,
        }
    }
}
