//! recall: a terminal spaced-repetition engine for learning a programming
//! language by a roadmap.
//!
//! The flow runs one way: roadmap + deck text → [`card::Card`]s → the day's
//! queue ([`session`]) → an answer ([`sched`]) → the review log ([`store`]).
//! Everything above [`commands`] and [`ui`] is pure: the clock, the RNG and the
//! terminal come in as arguments.

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
pub mod ui;

pub use error::{Error, Result};

#[cfg(test)]
mod tests;
