#![allow(clippy::unwrap_used, clippy::expect_used)] // a test binary: failing loudly is the point
//! The one integration-test binary: drives the real `recall` binary on temp
//! collections with a pinned `--now`.

mod anki;
mod env;

mod answer;
mod check;
mod compile;
mod config;
mod decks;
mod drill;
mod errors;
mod export;
mod next;
mod pty;
mod review;
mod stats;
