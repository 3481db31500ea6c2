//! recall: a terminal spaced-repetition engine for learning a programming
//! language by a roadmap.
//!
//! The flow runs one way: roadmap + deck text → [`card::Card`]s → the day's
//! queue ([`session`]) → an answer ([`sched`]) → the review log ([`store`]).
//! The layers below the store are pure: the clock, the RNG and the texts come
//! in as arguments. `docs/architecture.md` draws the house; each top-level
//! module is one of its layers, and their submodules are private to the crate.

pub mod anki;
pub mod card;
pub mod cli;
pub mod commands;
pub mod config;
pub mod course;
pub mod day;
pub mod deck;
pub mod error;
pub mod export;
pub mod fit;
#[cfg(any(test, feature = "testing"))]
pub mod fuzzing;
pub mod history;
pub mod import;
pub mod input;
pub mod progress;
pub mod roadmap;
pub mod sched;
pub mod session;
pub mod settings;
pub mod stats;
pub mod store;
pub mod styled;
pub mod synclog;
pub mod ui;

// The vocabulary most callers need, by name: the rest is reached through
// its layer (`recall::store::…`, `recall::session::…`).
pub use card::{Card, CardId, DeckPattern};
pub use day::Day;
pub use error::{Error, Result};
pub use history::{CardState, Event};
pub use sched::Quality;
pub use store::Store;

#[cfg(test)]
mod tests;
