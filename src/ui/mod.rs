//! What the learner sees and how keys come in. The review loop builds
//! [`Line`]s with semantic [`Style`]s and talks to a [`Prompter`]; only the
//! prompter decides how (or whether) to colour them.

pub(crate) mod editor;
pub(crate) mod highlight;
pub(crate) mod lines;
pub(crate) mod progress;
pub(crate) mod term;
pub(crate) mod view;
pub mod wrap;

use std::io;

pub use crate::styled::{plain_span, plain_text, Line, Span, Style};
pub use editor::ExternalEditor;
pub use lines::LinePrompter;
pub use term::TermPrompter;

/// A key press, or a whole line for prompters that read lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Char(char),
    Escape,
}

/// What came back from the answer prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// The line as typed, whatever it says (`:q` included): an answer.
    Text(String),
    /// Esc: the learner wants the command keys, not to answer yet.
    Keys,
}

/// Every interaction with the learner goes through this trait.
/// `Ok(None)` means input has ended (end of file, terminal closed): the
/// caller stops cleanly, with everything answered so far already saved.
pub trait Prompter {
    /// Start a new card's screen (clears the terminal where it can).
    fn clear(&mut self) -> io::Result<()>;
    fn show(&mut self, lines: &[Line]) -> io::Result<()>;
    /// Lines that last only until the next notice or the next screen (help,
    /// "'x' does nothing here"): a terminal replaces them, a pipe appends.
    fn notice(&mut self, lines: &[Line]) -> io::Result<()> {
        self.show(lines)
    }
    /// Wait for one key; `hint` says which keys do what.
    fn key(&mut self, hint: &str) -> io::Result<Option<Key>>;
    /// Read a typed answer after `prompt`, with line editing where there is
    /// a terminal.
    fn line(&mut self, prompt: &str) -> io::Result<Option<Typed>>;
    /// The screen's width in columns, when there is a screen: views cut code
    /// to it, and a terminal prompter wraps what it shows.
    fn width(&self) -> Option<usize> {
        None
    }
    /// Whether `e` may hand the terminal to `$EDITOR`: only when stdin and
    /// stdout are one (an editor on pipes would never return).
    fn can_edit(&self) -> bool {
        false
    }
}

#[cfg(test)]
pub(crate) mod scripted;
