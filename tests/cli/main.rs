#![allow(clippy::unwrap_used, clippy::expect_used)] // a test binary: failing loudly is the point
//! The one integration-test binary: drives the real `recall` binary on temp
//! collections with a pinned `--now`.

mod anki;
mod env;
mod live;
mod man;
mod venv;

mod add;
mod anki_carry;
mod anki_fsrs;
mod anki_media;
mod anki_merge;
mod answer;
mod backup;
mod cards;
mod check;
mod clock;
mod compile;
mod concurrency;
mod config;
mod crash;
mod day_end;
mod decks;
mod drill;
mod eject;
mod errors;
mod export;
mod export_shapes;
mod fsrs;
mod fsrs_stats;
mod hostile;
mod hostile_import;
mod hostile_misc;
mod hostile_terminal;
mod identity;
mod interrupt;
mod io_errors;
mod lifecycle;
mod next;
mod optimize;
mod pty;
mod review;
mod screen;
mod stats;
mod sync;
