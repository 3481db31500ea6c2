//! Which retiring card an added card is, when a compile sees a card vanish and
//! a new one appear in the same topic: the edits people make (a typo fix, a
//! rewording, a clarified prompt) must not cost the card its history.
//!
//! Pure and deterministic: the pairs depend on the cards' texts only, never
//! on the order they come in. Each card is in at most one pair. The rule (also
//! in `docs/deck-format.md`, Identity):
//!
//! - only cards of the same topic and kind are compared;
//! - their text (prompt, code and first answer; case and runs of white space
//!   ignored) is compared by the mean of its normalized Levenshtein similarity
//!   (edits of characters) and its Sørensen–Dice similarity (shared pairs of
//!   characters, which forgives an added clause), in thousandths;
//! - a pair needs at least [`THRESHOLD`], and each of its cards must prefer
//!   the other to every other candidate by at least [`MARGIN`]: where two
//!   pairings are about as good, neither is made, so two similar cards edited
//!   at once are matched right or not at all, never crosswise. Pairs made
//!   take their cards out of the running, and the rest is looked at again.

use crate::card::{Card, CardId};
use std::collections::{BTreeMap, BTreeSet};

/// The least similarity (thousandths) of a rename: a typo fix scores over
/// 900, a rewording or an added clause 700 to 850; a different question of
/// the same topic and shape (`len()` → `sum()`) about 620.
pub const THRESHOLD: u32 = 650;

/// How much better (thousandths) a pair must be than each card's next best.
pub const MARGIN: u32 = 50;

/// A retiring card (`from`, its stored id) that is the added card `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rename {
    pub from: CardId,
    pub to: CardId,
    /// The similarity, in thousandths.
    pub score: u32,
}

/// The text a card is compared by.
fn text(card: &Card) -> String {
    let mut s = card.prompt.clone();
    if let Some(code) = &card.code {
        s.push('\n');
        s.push_str(code);
    }
    s.push('\n');
    s.push_str(&card.answer);
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How alike two cards' texts are, in thousandths.
pub fn similarity(a: &Card, b: &Card) -> u32 {
    score(&text(a), &text(b))
}

fn score(a: &str, b: &str) -> u32 {
    let s = (strsim::normalized_levenshtein(a, b) + strsim::sorensen_dice(a, b)) / 2.0;
    // Rounded to thousandths so that ties are ties, whatever the platform.
    (s * 1000.0).round().clamp(0.0, 1000.0) as u32
}

/// The renames among `retiring` (stored cards missing from the compile) and
/// `added` (compiled cards the collection does not know).
pub fn renames(retiring: &[&Card], added: &[&Card]) -> Vec<Rename> {
    let added_text: Vec<String> = added.iter().map(|c| text(c)).collect();
    // Every candidate pair, keyed by (retiring id, added id).
    let mut pairs: BTreeMap<(CardId, CardId), u32> = BTreeMap::new();
    for r in retiring {
        let r_text = text(r);
        for (a, a_text) in added.iter().zip(&added_text) {
            if r.topic == a.topic && r.kind == a.kind {
                let s = score(&r_text, a_text);
                if s >= THRESHOLD {
                    pairs.insert((r.id, a.id), s);
                }
            }
        }
    }
    let mut made = Vec::new();
    loop {
        let chosen = clear_pairs(&pairs);
        if chosen.is_empty() {
            break;
        }
        let from: BTreeSet<CardId> = chosen.iter().map(|r| r.from).collect();
        let to: BTreeSet<CardId> = chosen.iter().map(|r| r.to).collect();
        pairs.retain(|(r, a), _| !from.contains(r) && !to.contains(a));
        made.extend(chosen);
    }
    made.sort();
    made
}

/// The best and second-best score of each card among `pairs`.
#[derive(Default, Clone, Copy)]
struct Best {
    best: Option<(CardId, u32)>,
    second: u32,
}

impl Best {
    fn offer(&mut self, other: CardId, s: u32) {
        match self.best {
            Some((_, b)) if s <= b => self.second = self.second.max(s),
            Some((_, b)) => {
                self.second = b;
                self.best = Some((other, s));
            }
            None => self.best = Some((other, s)),
        }
    }

    /// Whether `other` is the clear favourite at score `s`.
    fn clearly(&self, other: CardId, s: u32) -> bool {
        self.best == Some((other, s)) && s >= self.second + MARGIN
    }
}

/// The pairs in which each card is the other's clear favourite.
fn clear_pairs(pairs: &BTreeMap<(CardId, CardId), u32>) -> Vec<Rename> {
    let mut by_from: BTreeMap<CardId, Best> = BTreeMap::new();
    let mut by_to: BTreeMap<CardId, Best> = BTreeMap::new();
    for (&(r, a), &s) in pairs {
        by_from.entry(r).or_default().offer(a, s);
        by_to.entry(a).or_default().offer(r, s);
    }
    pairs
        .iter()
        .filter(|(&(r, a), &s)| {
            by_from.get(&r).is_some_and(|b| b.clearly(a, s))
                && by_to.get(&a).is_some_and(|b| b.clearly(r, s))
        })
        .map(|(&(from, to), &score)| Rename { from, to, score })
        .collect()
}

#[cfg(test)]
mod tests;
