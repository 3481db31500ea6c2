#![allow(clippy::unwrap_used, clippy::expect_used)] // a test binary: failing loudly is the point
//! The one integration-test binary: drives the real `recall` binary on temp
//! collections with a pinned `--now`.

mod anki;
mod env;
mod live;
mod venv;

mod answer;
mod backup;
mod cards;
mod check;
mod compile;
mod concurrency;
mod config;
mod crash;
mod decks;
mod drill;
mod errors;
mod export;
mod hostile;
mod hostile_import;
mod hostile_misc;
mod hostile_terminal;
mod io_errors;
mod lifecycle;
mod next;
mod pty;
mod review;
mod stats;
mod sync;
