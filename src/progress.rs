//! How long work reports how far it got, without knowing who is watching:
//! the shell shows a bar on a terminal, tests and pipes see nothing.

pub trait Progress {
    /// A new stage of `total` steps begins.
    fn stage(&mut self, _what: &str, _total: u64) {}
    /// `n` more steps of the stage are done.
    fn advance(&mut self, _n: u64) {}
}

/// Reports to no one.
pub struct Silent;

impl Progress for Silent {}
