//! Fitting FSRS to the learner's own log (`recall optimize`): the review
//! log becomes the `fsrs` crate's training items, the crate's optimizer
//! fits the 21 parameters, and its evaluation says how well the defaults
//! and the fitted ones predict the log. Pure: the log comes in as values,
//! nothing here reads a clock, a file or the terminal.
//!
//! What a card contributes (docs/fsrs.md, "optimize"):
//! - its scheduled answers, in replay order, without the undone ones: the
//!   very answers the replay applies FSRS to, so the fit learns the
//!   function the replay uses. Same-day repeats and drills are left out:
//!   the replay never applies FSRS to them (the crate would take them as
//!   short-term reviews, `delta_t = 0`).
//! - one item per scheduled answer after its first (the crate predicts a
//!   review from the ones before it; a first answer has nothing before it).
//! - `import` events: an import after answers (an Anki card that came with
//!   its revlog) is not a review and the history runs on through it; a card
//!   whose log starts with an import (a schedule without the answers that
//!   made it) has an unknown memory at its first answer here, so it is left
//!   out of the fit and counted in [`TrainingSet::skipped_cards`].

use crate::card::CardId;
use crate::day::Day;
use crate::history::{Effect, Event, LogEntry};
use crate::sched::fsrs::Rating;
use fsrs::{CombinedProgressState, ComputeParametersInput, FSRSItem, FSRSReview, FSRS};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

#[cfg(any(test, feature = "testing"))]
pub mod simulate;

/// The fewest reviews `optimize` fits on. Below 8 training items the crate
/// returns its defaults untouched and below 64 it fits only the four
/// initial stabilities; 400 is the floor Anki (24.04 on) asks before it
/// optimizes, since fewer answers fit noise.
pub const MIN_REVIEWS: usize = 400;
/// The fewest cards those reviews must come from: the crate fits the
/// initial stabilities on each card's second answer after dropping the 20
/// in its rarest (first grade, interval) groups as outliers, so a log of
/// a few cards leaves it nothing to start from.
pub const MIN_CARDS: usize = 50;

/// The log as the crate's training items, with what it was made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingSet {
    /// One item per qualifying review: the card's scheduled answers up to it.
    pub items: Vec<FSRSItem>,
    /// Which card each item is of, as the card's place in the set (the
    /// crate groups a card's items by it).
    pub card_ids: Vec<i64>,
    /// Cards with at least one item.
    pub cards: usize,
    /// Cards left out: their log starts with an import, not an answer.
    pub skipped_cards: usize,
    /// The scheduled answers of those cards.
    pub skipped_answers: usize,
}

impl TrainingSet {
    /// The reviews the fit learns from (one per item).
    pub fn reviews(&self) -> usize {
        self.items.len()
    }

    /// Whether there is enough to fit on ([`MIN_REVIEWS`], [`MIN_CARDS`]).
    pub fn is_enough(&self) -> bool {
        self.reviews() >= MIN_REVIEWS && self.cards >= MIN_CARDS
    }
}

/// The crate's 1–4 for a rating.
fn crate_rating(rating: Rating) -> u32 {
    match rating {
        Rating::Again => 1,
        Rating::Hard => 2,
        Rating::Good => 3,
        Rating::Easy => 4,
    }
}

/// One card's history as it is folded into items.
#[derive(Default)]
struct CardHistory {
    reviews: Vec<FSRSReview>,
    last: Option<Day>,
    /// The log began with an import: no items from this card.
    unknown_start: bool,
    answers: usize,
}

/// The training set of a whole log, grouped by card and in replay order
/// within a card (`sql/log/all_by_card.sql`'s order).
pub fn training_set<'a>(log: impl IntoIterator<Item = &'a LogEntry>) -> TrainingSet {
    let mut set = TrainingSet::default();
    let mut card: Option<CardId> = None;
    let mut rows: Vec<&LogEntry> = Vec::new();
    for entry in log {
        if card.is_some_and(|c| c != entry.card) {
            add_card(&mut set, &rows);
            rows.clear();
        }
        card = Some(entry.card);
        rows.push(entry);
    }
    add_card(&mut set, &rows);
    set
}

/// Adds one card's items (its rows in replay order) to `set`.
fn add_card(set: &mut TrainingSet, rows: &[&LogEntry]) {
    if rows.is_empty() {
        return;
    }
    let undone: HashSet<_> = rows
        .iter()
        .filter_map(|e| match e.event {
            Event::Undo { target } => Some(target),
            _ => None,
        })
        .collect();
    let mut history = CardHistory::default();
    let before = set.items.len();
    for entry in rows.iter().filter(|e| !undone.contains(&e.id)) {
        match &entry.event {
            Event::Import { .. } if history.reviews.is_empty() => history.unknown_start = true,
            Event::Answer {
                quality,
                effect: Effect::Schedule,
            } => {
                history.answers += 1;
                if history.unknown_start {
                    continue;
                }
                let delta_t = history
                    .last
                    .map_or(0, |last| u32::try_from(entry.day.since(last)).unwrap_or(0));
                history.reviews.push(FSRSReview {
                    rating: crate_rating(Rating::from_quality(*quality)),
                    delta_t,
                });
                history.last = Some(entry.day);
                if history.reviews.len() > 1 {
                    set.items.push(FSRSItem {
                        reviews: history.reviews.clone(),
                    });
                    // The crate only groups by it: the card's place in the set.
                    set.card_ids.push(set.cards as i64);
                }
            }
            _ => {}
        }
    }
    if history.unknown_start && history.answers > 0 {
        set.skipped_cards += 1;
        set.skipped_answers += history.answers;
    }
    if set.items.len() > before {
        set.cards += 1;
    }
}

/// How well a set of parameters predicts the log.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Evaluation {
    /// Mean log loss of the predicted recall (lower is better).
    pub log_loss: f32,
    /// RMSE of predicted against actual recall over the crate's bins.
    pub rmse: f32,
}

/// The fitted parameters and the evaluation before and after.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fit {
    pub parameters: Vec<f32>,
    /// With the crate's default parameters.
    pub before: Evaluation,
    /// With the fitted parameters.
    pub after: Evaluation,
}

/// Why there is no fit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error(
        "optimize needs at least {MIN_REVIEWS} reviews on {MIN_CARDS} cards; this collection \
         has {reviews} on {cards}"
    )]
    TooFew { reviews: usize, cards: usize },
    #[error("the FSRS optimizer failed: {0}")]
    Optimizer(String),
}

fn optimizer_error(e: fsrs::FSRSError) -> FitError {
    FitError::Optimizer(e.to_string())
}

/// Fits the parameters to `set` with the crate's optimizer (reporting to
/// `progress` as it trains) and evaluates the defaults and the fit.
pub fn fit(
    set: &TrainingSet,
    progress: Option<Arc<Mutex<CombinedProgressState>>>,
) -> Result<Fit, FitError> {
    let too_few = || FitError::TooFew {
        reviews: set.reviews(),
        cards: set.cards,
    };
    if !set.is_enough() {
        return Err(too_few());
    }
    let parameters = fsrs::compute_parameters(ComputeParametersInput {
        train_set: set.items.clone(),
        card_ids: Some(set.card_ids.clone()),
        progress,
        ..ComputeParametersInput::default()
    })
    .map_err(|e| match e {
        fsrs::FSRSError::NotEnoughData => too_few(),
        other => optimizer_error(other),
    })?;
    Ok(Fit {
        before: evaluate(set, &fsrs::DEFAULT_PARAMETERS)?,
        after: evaluate(set, &parameters)?,
        parameters,
    })
}

/// Log loss and RMSE of `parameters` on `set` (the crate's `evaluate`).
pub fn evaluate(set: &TrainingSet, parameters: &[f32]) -> Result<Evaluation, FitError> {
    let model = FSRS::new(parameters).map_err(optimizer_error)?;
    let e = model
        .evaluate_with_card_ids(set.items.clone(), set.card_ids.clone(), |_| true)
        .map_err(optimizer_error)?;
    Ok(Evaluation {
        log_loss: e.log_loss,
        rmse: e.rmse_bins,
    })
}

#[cfg(test)]
mod tests;
