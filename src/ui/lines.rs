//! A prompter for pipes, scripts and screen readers: one line in per key or
//! answer, plain text out, no escape codes.

use super::term::render;
use super::{Key, Line, Prompter, Typed};
use crate::styled::terminal_safe;
use std::io::{self, BufRead, Write};

/// A line that stands for the Esc key.
pub const ESCAPE_LINE: &str = "\x1b";

pub struct LinePrompter<R, W> {
    input: R,
    output: W,
    /// Only with `--color always`: a pipe into `less -R`, say.
    colour: bool,
    /// Lines read so far, to say which one was not text.
    lines_read: u64,
    /// Whether input and output are a terminal (`--plain` on one), so that
    /// `e` may run `$EDITOR`.
    terminal: bool,
}

impl<R: BufRead, W: Write> LinePrompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        LinePrompter {
            input,
            output,
            colour: false,
            lines_read: 0,
            terminal: false,
        }
    }

    pub fn with_colour(mut self, colour: bool) -> Self {
        self.colour = colour;
        self
    }

    /// Say that input and output are the learner's terminal (checked by the
    /// caller): only then does `e` open `$EDITOR`.
    pub fn on_terminal(mut self, terminal: bool) -> Self {
        self.terminal = terminal;
        self
    }

    /// The next line; a line that is not UTF-8 is an
    /// [`io::ErrorKind::InvalidData`] error naming it (bad input, not a
    /// terminal failure).
    fn read(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        if self.input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(None);
        }
        self.lines_read += 1;
        let line = String::from_utf8(buf).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line {} of the input is not UTF-8 text", self.lines_read),
            )
        })?;
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }
}

impl<R: BufRead, W: Write> Prompter for LinePrompter<R, W> {
    fn can_edit(&self) -> bool {
        self.terminal
    }

    fn clear(&mut self) -> io::Result<()> {
        writeln!(self.output)
    }

    fn show(&mut self, lines: &[Line]) -> io::Result<()> {
        self.output
            .write_all(render(lines, self.colour).as_bytes())?;
        self.output.flush()
    }

    /// An empty line is Enter, a lone Esc (`\x1b`) is Esc, a line's first
    /// character is the key.
    fn key(&mut self, hint: &str) -> io::Result<Option<Key>> {
        writeln!(self.output, "{}", terminal_safe(hint))?;
        self.output.flush()?;
        Ok(self.read()?.map(|line| {
            let line = line.trim();
            if line == ESCAPE_LINE {
                return Key::Escape;
            }
            match line.chars().next() {
                None => Key::Enter,
                Some(' ') => Key::Char(' '),
                Some(c) => Key::Char(c),
            }
        }))
    }

    /// Every line is an answer, `:q` included; a line of a lone Esc
    /// (`\x1b`) asks for the command keys, as Esc does on a terminal.
    fn line(&mut self, prompt: &str) -> io::Result<Option<Typed>> {
        write!(self.output, "{}", terminal_safe(prompt))?;
        self.output.flush()?;
        let line = self.read()?;
        writeln!(self.output)?;
        Ok(line.map(|line| match line.as_str() {
            ESCAPE_LINE => Typed::Keys,
            _ => Typed::Text(line),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_lines_come_from_lines() {
        let input = b"\n3\nq quit\nmy answer\n:q\n\x1b\n" as &[u8];
        let mut out = Vec::new();
        let mut p = LinePrompter::new(input, &mut out);
        assert_eq!(p.key("reveal").unwrap(), Some(Key::Enter));
        assert_eq!(p.key("grade").unwrap(), Some(Key::Char('3')));
        assert_eq!(p.key("grade").unwrap(), Some(Key::Char('q')));
        let text = |t: &str| Some(Typed::Text(t.to_string()));
        assert_eq!(p.line("> ").unwrap(), text("my answer"));
        assert_eq!(
            p.line("> ").unwrap(),
            text(":q"),
            "an answer, not a command"
        );
        assert_eq!(p.line("> ").unwrap(), Some(Typed::Keys));
        assert_eq!(p.key("more").unwrap(), None);
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.contains("reveal\n"));
        assert!(!shown.contains('\x1b'));
    }

    #[test]
    fn a_line_that_is_not_utf8_is_invalid_input_naming_it() {
        let input = b"\nab\xff\n" as &[u8];
        let mut p = LinePrompter::new(input, Vec::new());
        assert_eq!(p.key("reveal").unwrap(), Some(Key::Enter));
        let err = p.line("> ").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(err.to_string(), "line 2 of the input is not UTF-8 text");
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;
    use crate::ui::Style;

    #[test]
    fn colour_only_when_asked() {
        let lines = [Line::styled("def", Style::Keyword)];
        let mut plain = Vec::new();
        LinePrompter::new(&b""[..], &mut plain)
            .show(&lines)
            .unwrap();
        assert_eq!(plain, b"def\n");
        let mut coloured = Vec::new();
        LinePrompter::new(&b""[..], &mut coloured)
            .with_colour(true)
            .show(&lines)
            .unwrap();
        assert!(coloured.starts_with(b"\x1b["), "{coloured:?}");
    }
}
