//! A progress bar on stderr for long exports and imports, only when stderr
//! is a terminal: pipes, files and tests see nothing.

use crate::progress::{Progress, Silent};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

const TEMPLATE: &str = "{msg:>20} [{bar:30}] {pos}/{len}";

struct Bar(ProgressBar);

impl Progress for Bar {
    fn stage(&mut self, what: &str, total: u64) {
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.set_message(what.to_string());
    }

    fn advance(&mut self, n: u64) {
        self.0.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// A bar if stderr is a terminal, otherwise silence.
pub fn for_stderr() -> Box<dyn Progress> {
    if !std::io::stderr().is_terminal() {
        return Box::new(Silent);
    }
    let style = ProgressStyle::with_template(TEMPLATE)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    Box::new(Bar(ProgressBar::new(0).with_style(style)))
}
