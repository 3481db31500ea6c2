//! Parse deck files (see `docs/deck-format.md`) into cards, and tie them to
//! the roadmap.
//!
//! [`parse`] reads one file on its own; [`resolve`] checks the cards of all
//! files against the roadmap and puts them in roadmap order.

use crate::card::Card;

mod append;
mod body;
pub(crate) mod bundled;
mod cloze;
mod draft;
mod front_matter;
mod heading;
mod line;
mod order;
mod python;
mod resolve;
mod text;

#[cfg(test)]
mod tests;

pub use append::{append_card, Appended};
pub use order::ORD_STRIDE;
pub use python::{PythonRange, PythonVersion};
pub use resolve::resolve;

/// One parsed deck file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckFile {
    pub path: String,
    /// The section id from the `#` heading, e.g. `phase-2`.
    pub section: String,
    /// The `#` heading text.
    pub title: String,
    /// The `python:` front-matter value: the versions the answers hold for.
    pub python: Option<PythonRange>,
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

/// The file being read, for errors.
struct DeckSource<'a> {
    path: &'a str,
}

impl DeckSource<'_> {
    fn err(
        &self,
        line: u32,
        col: u32,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> DeckError {
        DeckError {
            path: self.path.to_string(),
            line,
            col,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// A byte-order mark some editors put at the start of a file.
const BOM: char = '\u{feff}';

/// Parse one deck file. Pure: `path` is only used in cards and errors.
pub fn parse(path: &str, text: &str) -> Result<DeckFile, DeckError> {
    let ctx = DeckSource { path };
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(at) = line.find('\0') {
            return Err(ctx.err(
                text::to_u32(i + 1),
                text::col_at(line, at),
                "NUL byte in a deck file",
                "deck files are plain UTF-8 text: remove the NUL byte (was a binary file saved as .md?)",
            ));
        }
    }
    let (front, start) = front_matter::parse(&ctx, &lines)?;
    let body = body::Parser::new(&ctx, &lines, front.case_sensitive).run(start)?;
    Ok(DeckFile {
        path: path.to_string(),
        section: body.section,
        title: body.title,
        python: front.python,
        cards: body.cards,
    })
}

use crate::roadmap::section_id;
