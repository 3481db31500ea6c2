//! Parse deck files (see `docs/deck-format.md`) into cards, and tie them to
//! the roadmap.
//!
//! STUB: the deck parser is being written; the API below is the contract.

use crate::card::Card;
use crate::roadmap::Roadmap;

pub mod bundled;

/// One parsed deck file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckFile {
    pub path: String,
    /// The section id from the `#` heading, e.g. `phase-2`.
    pub section: String,
    /// The `#` heading text.
    pub title: String,
    /// The `python:` front-matter value.
    pub python: Option<String>,
    /// Cards in file order; `ord` is the position in the file, `topic` the full id.
    pub cards: Vec<Card>,
}

/// What went wrong in a deck file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{col}: {message}")]
pub struct DeckError {
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// Parse one deck file. Pure: `path` is only used in cards and errors.
pub fn parse(path: &str, text: &str) -> Result<DeckFile, DeckError> {
    let _ = text;
    Err(DeckError {
        path: path.to_string(),
        line: 1,
        col: 1,
        message: "the deck parser is not written yet".into(),
        hint: String::new(),
    })
}

/// Check every card's topic against the roadmap, refuse duplicate ids across
/// files, add the outline cards drawn from the roadmap, and order all cards by
/// roadmap order, then file position (`Card::ord`).
pub fn resolve(files: Vec<DeckFile>, roadmap: &Roadmap) -> Result<Vec<Card>, DeckError> {
    let _ = roadmap;
    Ok(files.into_iter().flat_map(|f| f.cards).collect())
}
