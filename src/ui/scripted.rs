//! A prompter that plays a script, for tests of the review loop. It panics
//! if the loop leaves script entries unused, so a test cannot pass by
//! stopping early.

use super::{plain_text, wrap, Key, Line, Prompter, Typed};
use std::collections::VecDeque;
use std::io;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(Key),
    Line(&'static str),
    /// Esc at the answer prompt.
    Escape,
}

#[derive(Default)]
pub struct ScriptedPrompter {
    script: VecDeque<Step>,
    pub screen: String,
    /// Plays a terminal unless told otherwise, so `e` runs the test's editor.
    pub piped: bool,
    /// Plays a screen this wide; `None` leaves lines unwrapped.
    pub width: Option<usize>,
}

impl ScriptedPrompter {
    pub fn new(script: impl IntoIterator<Item = Step>) -> Self {
        ScriptedPrompter {
            script: script.into_iter().collect(),
            screen: String::new(),
            piped: false,
            width: None,
        }
    }

    /// Keys from a compact string: `\n` is Enter, other characters are keys.
    pub fn keys(keys: &str) -> Vec<Step> {
        keys.chars()
            .map(|c| Step::Key(if c == '\n' { Key::Enter } else { Key::Char(c) }))
            .collect()
    }
}

impl Drop for ScriptedPrompter {
    fn drop(&mut self) {
        if !self.script.is_empty() && !std::thread::panicking() {
            panic!(
                "script left unused: {:?}\nscreen:\n{}",
                self.script, self.screen
            );
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn can_edit(&self) -> bool {
        !self.piped
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen.push_str("\n---\n");
        Ok(())
    }

    fn show(&mut self, lines: &[Line]) -> io::Result<()> {
        let laid = match self.width {
            Some(width) => wrap::lay_out(lines, width),
            None => lines.to_vec(),
        };
        self.screen.push_str(&plain_text(&laid));
        Ok(())
    }

    fn width(&self) -> Option<usize> {
        self.width
    }

    fn key(&mut self, hint: &str) -> io::Result<Option<Key>> {
        self.screen.push_str(&format!("[{hint}]\n"));
        match self.script.pop_front() {
            None => Ok(None),
            Some(Step::Key(k)) => Ok(Some(k)),
            Some(other) => panic!("wanted a key, script has {other:?}\n{}", self.screen),
        }
    }

    fn line(&mut self, prompt: &str) -> io::Result<Option<Typed>> {
        self.screen.push_str(prompt);
        match self.script.pop_front() {
            None => Ok(None),
            Some(Step::Line(l)) => {
                self.screen.push_str(l);
                self.screen.push('\n');
                Ok(Some(Typed::Text(l.to_string())))
            }
            Some(Step::Escape) => {
                self.screen.push_str("<Esc>\n");
                Ok(Some(Typed::Keys))
            }
            Some(Step::Key(k)) => panic!("wanted a line, script has key {k:?}\n{}", self.screen),
        }
    }
}
