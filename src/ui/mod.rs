//! What the learner sees and how keys come in. The review loop builds
//! [`Line`]s with semantic [`Style`]s and talks to a [`Prompter`]; only the
//! prompter decides how (or whether) to colour them.

pub mod editor;
pub mod highlight;
pub mod lines;
pub mod progress;
pub mod term;
pub mod view;

use std::io;

/// The role of a piece of text; the prompter maps it to colour or to nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Plain,
    Dim,
    Heading,
    Prompt,
    Code,
    Answer,
    Good,
    Bad,
    /// Typed but not expected (in a diff).
    Extra,
    /// Expected but not typed (in a diff).
    Missing,
    /// Python syntax in code (see [`highlight`]).
    Keyword,
    Str,
    Number,
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One line of output, made of styled spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line(pub Vec<Span>);

impl Line {
    pub fn new() -> Line {
        Line(Vec::new())
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Line {
        Line::new().push(text, style)
    }

    pub fn plain(text: impl Into<String>) -> Line {
        Line::styled(text, Style::Plain)
    }

    pub fn push(mut self, text: impl Into<String>, style: Style) -> Line {
        self.0.push(Span {
            text: text.into(),
            style,
        });
        self
    }

    /// The text without styles.
    pub fn text(&self) -> String {
        self.0.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A key press, or a whole line for prompters that read lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Char(char),
    Escape,
}

/// Every interaction with the learner goes through this trait.
/// `Ok(None)` means input has ended (end of file, terminal closed): the
/// caller stops cleanly, with everything answered so far already saved.
pub trait Prompter {
    /// Start a new card's screen (clears the terminal where it can).
    fn clear(&mut self) -> io::Result<()>;
    fn show(&mut self, lines: &[Line]) -> io::Result<()>;
    /// Wait for one key; `hint` says which keys do what.
    fn key(&mut self, hint: &str) -> io::Result<Option<Key>>;
    /// Read a line of text after `prompt`.
    fn line(&mut self, prompt: &str) -> io::Result<Option<String>>;
}

/// A span as plain text. Diff parts get git-style markers, since without
/// colour nothing else tells them apart.
pub fn plain_span(span: &Span) -> String {
    match span.style {
        Style::Extra => format!("[-{}-]", span.text),
        Style::Missing => format!("{{+{}+}}", span.text),
        _ => span.text.clone(),
    }
}

/// Render lines as plain text (no escape codes), for pipes and tests.
pub fn plain_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.extend(line.0.iter().map(plain_span));
        out.push('\n');
    }
    out
}

#[cfg(test)]
pub mod scripted;
