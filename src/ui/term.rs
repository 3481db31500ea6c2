//! The real terminal: single keys, colours where allowed. The only file that
//! imports dialoguer and console.

use super::{plain_span, Key, Line, Prompter, Span, Style};
use crate::styled::terminal_safe;
use console::{style, Key as TermKey, Term};
use dialoguer::Input;
use std::io::{self, IsTerminal};

pub struct TermPrompter {
    term: Term,
    colour: bool,
}

impl TermPrompter {
    /// A prompter on the controlling terminal's stdout, or `None` when stdin
    /// or stdout is not a terminal (pipes get the line prompter instead).
    /// `colour` is already decided (`--color`, config, `NO_COLOR`).
    pub fn new(colour: bool) -> Option<TermPrompter> {
        let term = Term::stdout();
        if !term.is_term() || !io::stdin().is_terminal() {
            return None;
        }
        // dialoguer's own prompt styling follows the same choice.
        console::set_colors_enabled(colour);
        Some(TermPrompter { term, colour })
    }

    /// Whether stdout is a terminal (for `--color auto`).
    pub fn stdout_is_terminal() -> bool {
        Term::stdout().is_term()
    }
}

/// One span with escape codes when `colour`, else as plain text. Either
/// way the span's own text is made [`terminal_safe`] first: the only escape
/// codes that reach the terminal are the ones added here.
pub fn paint(span: &Span, colour: bool) -> String {
    if !colour {
        return plain_span(span);
    }
    let text = terminal_safe(&span.text);
    let styled = style(text.as_ref()).force_styling(true);
    match span.style {
        Style::Plain | Style::Code => styled,
        Style::Dim | Style::Comment => styled.dim(),
        Style::Heading => styled.bold(),
        Style::Prompt => styled.bold().cyan(),
        Style::Answer => styled.bold().green(),
        Style::Good => styled.green(),
        Style::Bad => styled.red(),
        Style::Extra => styled.red().strikethrough(),
        Style::Missing => styled.green().underlined(),
        Style::Keyword => styled.magenta().bold(),
        Style::Str => styled.yellow(),
        Style::Number => styled.cyan(),
    }
    .to_string()
}

/// Lines with escape codes when `colour`, one `\n` after each.
pub fn render(lines: &[Line], colour: bool) -> String {
    let mut out = String::new();
    for line in lines {
        out.extend(line.0.iter().map(|s| paint(s, colour)));
        out.push('\n');
    }
    out
}

/// A closed terminal or an interrupted read ends the session, never crashes it.
fn ended(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::Interrupted
            | io::ErrorKind::NotConnected
    )
}

impl Prompter for TermPrompter {
    /// Made only when stdin and stdout are a terminal.
    fn can_edit(&self) -> bool {
        true
    }

    fn clear(&mut self) -> io::Result<()> {
        self.term.clear_screen()
    }

    fn show(&mut self, lines: &[Line]) -> io::Result<()> {
        for line in lines {
            let text: String = line.0.iter().map(|s| paint(s, self.colour)).collect();
            self.term.write_line(&text)?;
        }
        self.term.flush()
    }

    fn key(&mut self, hint: &str) -> io::Result<Option<Key>> {
        let hint = Span {
            text: hint.to_string(),
            style: Style::Dim,
        };
        self.term.write_line(&paint(&hint, self.colour))?;
        loop {
            match self.term.read_key() {
                Ok(TermKey::Enter) => return Ok(Some(Key::Enter)),
                Ok(TermKey::Escape) => return Ok(Some(Key::Escape)),
                Ok(TermKey::Char(c)) => return Ok(Some(Key::Char(c))),
                // Ctrl-C quits like `q`: every answer is already saved.
                Ok(TermKey::CtrlC) => return Ok(None),
                // Arrows, a resize and the like are not answers: keep waiting.
                Ok(_) => continue,
                Err(e) if ended(&e) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
    }

    fn line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        let prompt = terminal_safe(prompt);
        let read = Input::<String>::new()
            .with_prompt(prompt.trim_end().trim_end_matches(['>', ':']))
            .allow_empty(true)
            .interact_text_on(&self.term);
        match read {
            Ok(text) => Ok(Some(text)),
            Err(dialoguer::Error::IO(e)) if ended(&e) => Ok(None),
            Err(dialoguer::Error::IO(e)) => Err(e),
        }
    }
}
