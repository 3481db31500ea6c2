//! The real terminal: single keys, colours where allowed, answers typed
//! with a shell's line editing (rustyline: Home/End, Ctrl-A/E/U/W/K, Alt-B/F,
//! Ctrl-Left/Right, Up/Down through earlier answers). The only file that
//! imports console and rustyline (the terminal crates; dialoguer's line
//! input, which had no line editing, is replaced by rustyline).

use super::{plain_span, wrap, Key, Line, Prompter, Span, Style, Typed};
use crate::styled::terminal_safe;
use console::{style, Key as TermKey, Term};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler, KeyCode,
    KeyEvent, Modifiers, RepeatCount,
};
use std::io::{self, IsTerminal};
use std::sync::{Arc, Mutex};

/// How long after Esc a key still makes an Alt chord or escape sequence.
const ESC_ALONE_MS: u16 = 100;

/// Earlier answers kept for Up/Down in one session.
const HISTORY_ANSWERS: usize = 200;

pub struct TermPrompter {
    term: Term,
    colour: bool,
    /// Made at the first typed answer, then kept for its history.
    editor: Option<Editor<(), DefaultHistory>>,
    /// What was on the answer line when Esc left it for the command keys.
    escaped: Arc<Mutex<Option<String>>>,
    /// That text, to type on from when the learner comes back to this card's
    /// answer line.
    resume: Option<String>,
    /// Screen rows of the answer line left for the command keys.
    left_prompt: usize,
    /// Screen rows of hints and notices below the last shown lines: the next
    /// notice or screen replaces them, so they never pile up.
    transient: usize,
}

/// Esc on the answer line: leave it, keeping what was typed.
struct EscapeForKeys(Arc<Mutex<Option<String>>>);

impl ConditionalEventHandler for EscapeForKeys {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if let Ok(mut typed) = self.0.lock() {
            *typed = Some(ctx.line().to_string());
        }
        Some(Cmd::Interrupt)
    }
}

/// Take what the Esc handler kept, if Esc is what ended the prompt.
fn take_escaped(escaped: &Mutex<Option<String>>) -> Option<String> {
    escaped.lock().ok().and_then(|mut typed| typed.take())
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
        console::set_colors_enabled(colour);
        Some(TermPrompter {
            term,
            colour,
            editor: None,
            escaped: Arc::new(Mutex::new(None)),
            resume: None,
            left_prompt: 0,
            transient: 0,
        })
    }

    /// The line editor, made once.
    fn editor(&mut self) -> io::Result<&mut Editor<(), DefaultHistory>> {
        if self.editor.is_none() {
            let config = Config::builder()
                .auto_add_history(false)
                // A lone Esc is Esc after this long; Alt-B and the arrows
                // arrive as one burst well within it.
                .keyseq_timeout(Some(ESC_ALONE_MS))
                .max_history_size(HISTORY_ANSWERS)
                .map_err(readline_error)?
                .build();
            let mut editor = Editor::with_config(config).map_err(readline_error)?;
            editor.bind_sequence(
                KeyEvent(KeyCode::Esc, Modifiers::NONE),
                EventHandler::Conditional(Box::new(EscapeForKeys(self.escaped.clone()))),
            );
            self.editor = Some(editor);
        }
        self.editor
            .as_mut()
            .ok_or_else(|| io::Error::other("no line editor"))
    }

    /// Lines laid out at the terminal's current width (read at every draw,
    /// so a resized window gets the new width on the next screen).
    fn laid_out(&self, lines: &[Line]) -> Vec<Line> {
        match self.width() {
            Some(width) => wrap::lay_out(lines, width),
            None => lines.to_vec(),
        }
    }

    /// Write lines; returns the screen rows they took.
    fn write(&mut self, lines: &[Line]) -> io::Result<usize> {
        let laid = self.laid_out(lines);
        for line in &laid {
            let text: String = line.0.iter().map(|s| paint(s, self.colour)).collect();
            self.term.write_line(&text)?;
        }
        self.term.flush()?;
        Ok(laid.len())
    }

    /// Erase the hints and notices written since the last shown lines.
    fn drop_transient(&mut self) -> io::Result<()> {
        if self.transient > 0 {
            self.term.clear_last_lines(self.transient)?;
            self.transient = 0;
        }
        Ok(())
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
        self.transient = 0;
        self.resume = None;
        self.left_prompt = 0;
        self.term.clear_screen()
    }

    fn show(&mut self, lines: &[Line]) -> io::Result<()> {
        self.drop_transient()?;
        self.write(lines).map(drop)
    }

    fn notice(&mut self, lines: &[Line]) -> io::Result<()> {
        self.drop_transient()?;
        self.transient = self.write(lines)?;
        Ok(())
    }

    fn width(&self) -> Option<usize> {
        let (_, columns) = self.term.size_checked()?;
        Some(usize::from(columns))
    }

    fn key(&mut self, hint: &str) -> io::Result<Option<Key>> {
        let hint = Line(vec![Span {
            text: hint.to_string(),
            style: Style::Dim,
        }]);
        self.transient += self.write(&[hint])?;
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

    fn line(&mut self, prompt: &str) -> io::Result<Option<Typed>> {
        // Back from the command keys, the old answer line goes too: the
        // text on it comes back on the new one.
        self.drop_transient()?;
        if self.left_prompt > 0 {
            self.term.clear_last_lines(self.left_prompt)?;
            self.left_prompt = 0;
        }
        let prompt = terminal_safe(prompt).into_owned();
        let resume = self.resume.take().unwrap_or_default();
        take_escaped(&self.escaped);
        let columns = self.width().unwrap_or(usize::MAX).max(1);
        let escaped = self.escaped.clone();
        let editor = self.editor()?;
        let read = editor.readline_with_initial(&prompt, (&resume, ""));
        match read {
            Ok(text) => {
                if !text.trim().is_empty() {
                    editor
                        .add_history_entry(text.as_str())
                        .map_err(readline_error)?;
                }
                Ok(Some(Typed::Text(text)))
            }
            Err(ReadlineError::Interrupted) => match take_escaped(&escaped) {
                Some(typed) => {
                    let shown = console::measure_text_width(&format!("{prompt}{typed}"));
                    self.left_prompt = shown.div_ceil(columns).max(1);
                    self.resume = Some(typed);
                    Ok(Some(Typed::Keys))
                }
                // Ctrl-C quits like `q`: every answer is already saved.
                None => Ok(None),
            },
            // So does Ctrl-D on an empty line.
            Err(ReadlineError::Eof) => Ok(None),
            Err(e) => {
                let e = readline_error(e);
                if ended(&e) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

fn readline_error(e: ReadlineError) -> io::Error {
    match e {
        ReadlineError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}
