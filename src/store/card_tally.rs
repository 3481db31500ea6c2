//! What `recall stats` counts per card — the collection's counts, ease and
//! interval distributions, leeches, the due forecast and each deck's stages —
//! folded from one pass over the cards (`sql/reports/card_pass.sql`) instead
//! of one query each: at 100k cards every pass of card_state joined to
//! cards_queue costs 50–80 ms, and stats made seven of them.
//!
//! Each field means exactly what its own query meant before (the tests
//! compare them with those queries: `store/tests/report.rs`).

use super::{Counts, Leech, Stages, ValueCount, MATURE_INTERVAL};
use crate::card::CardId;
use crate::day::Day;
use rusqlite::Row;
use std::collections::{BTreeMap, HashMap};

pub(super) const CARD_PASS: &str = include_str!("sql/reports/card_pass.sql");
pub(super) const LEECH_CARD: &str = include_str!("sql/reports/leech_card.sql");

/// What the pass asks for: the day, the forecast's end, the leech rule.
#[derive(Debug, Clone, Copy)]
pub(super) struct TallyQuery {
    pub today: Day,
    /// Due cards are forecast when due before this day.
    pub due_until: Day,
    pub leech_threshold: u32,
    pub leeches_shown: u32,
}

/// A leech the pass chose, before its topic and prompt are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WorstLeech {
    pub lapses: u32,
    pub ord: i64,
    pub id: CardId,
    pub suspended: bool,
}

impl WorstLeech {
    /// Most lapses first, then introduction order (leeches.sql's ORDER BY).
    fn rank(&self) -> (std::cmp::Reverse<u32>, i64, CardId) {
        (std::cmp::Reverse(self.lapses), self.ord, self.id)
    }

    pub fn into_leech(self, topic: String, prompt: String) -> Leech {
        Leech {
            id: self.id,
            topic,
            prompt,
            lapses: self.lapses,
            suspended: self.suspended,
        }
    }
}

/// The per-card aggregates of one pass. `counts` has no `due_today` or
/// `reviewed_today` (indexed counts, asked apart).
#[derive(Debug, Clone, Default)]
pub(super) struct CardTally {
    pub counts: Counts,
    /// Scheduled active cards by ease (hundredths) and by interval (days).
    pub ef: BTreeMap<u32, u64>,
    pub intervals: BTreeMap<u32, u64>,
    pub leech_count: u64,
    /// The worst leeches, best-ranked first, at most `leeches_shown`.
    pub worst: Vec<WorstLeech>,
    /// Active, unsuspended cards due before `due_until`, by the day they show
    /// up: overdue ones on today, buried ones on the day they come back.
    pub due_by_day: BTreeMap<Day, u64>,
    /// Active cards by stage, per deck.
    pub decks: HashMap<String, Stages>,
}

/// One card as the pass reads it.
struct PassCard<'r> {
    retired: bool,
    deck: &'r str,
    ord: i64,
    id: CardId,
    due: Option<Day>,
    interval: u32,
    ef: u32,
    lapses: u32,
    suspended: bool,
    buried_until: Option<Day>,
}

impl<'r> PassCard<'r> {
    fn from_row(row: &'r Row<'_>) -> rusqlite::Result<PassCard<'r>> {
        Ok(PassCard {
            retired: row.get(0)?,
            // Borrowed: this runs once per card.
            deck: row.get_ref(1)?.as_str()?,
            ord: row.get(2)?,
            id: row.get(3)?,
            due: row.get(4)?,
            interval: row.get(5)?,
            ef: row.get(6)?,
            lapses: row.get(7)?,
            suspended: row.get(8)?,
            buried_until: row.get(9)?,
        })
    }
}

impl CardTally {
    /// Adds the card of a `card_pass.sql` row.
    pub fn add_row(&mut self, row: &Row<'_>, q: &TallyQuery) -> rusqlite::Result<()> {
        let card = PassCard::from_row(row)?;
        self.add(&card, q);
        Ok(())
    }

    fn add(&mut self, card: &PassCard<'_>, q: &TallyQuery) {
        if card.retired {
            self.counts.retired += 1;
            return;
        }
        let stage = Stages {
            new: u64::from(card.due.is_none()),
            learning: u64::from(card.due.is_some() && card.interval < MATURE_INTERVAL),
            mature: u64::from(card.due.is_some() && card.interval >= MATURE_INTERVAL),
            suspended: u64::from(card.suspended),
        };
        self.counts.total += 1;
        self.counts.new += stage.new;
        self.counts.learning += stage.learning;
        self.counts.mature += stage.mature;
        self.counts.suspended += stage.suspended;
        match self.decks.get_mut(card.deck) {
            Some(stages) => stages.add(&stage),
            None => {
                self.decks.insert(card.deck.to_string(), stage);
            }
        }
        if let Some(due) = card.due {
            *self.ef.entry(card.ef).or_default() += 1;
            *self.intervals.entry(card.interval).or_default() += 1;
            if !card.suspended && due < q.due_until {
                let shows = due.max(card.buried_until.unwrap_or(due)).max(q.today);
                *self.due_by_day.entry(shows).or_default() += 1;
            }
        }
        if card.lapses >= q.leech_threshold {
            self.leech_count += 1;
            self.keep_if_worst(card, q.leeches_shown);
        }
    }

    fn keep_if_worst(&mut self, card: &PassCard<'_>, shown: u32) {
        let leech = WorstLeech {
            lapses: card.lapses,
            ord: card.ord,
            id: card.id,
            suspended: card.suspended,
        };
        let at = self.worst.partition_point(|w| w.rank() < leech.rank());
        if at < usize::try_from(shown).unwrap_or(usize::MAX) {
            self.worst.insert(at, leech);
            self.worst
                .truncate(usize::try_from(shown).unwrap_or(usize::MAX));
        }
    }
}

/// `(value, count)` pairs in value order, as the store returns them.
pub(super) fn value_counts(map: &BTreeMap<u32, u64>) -> Vec<ValueCount> {
    map.iter()
        .map(|(&value, &cards)| ValueCount { value, cards })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: u64, lapses: u32, ord: i64) -> PassCard<'static> {
        PassCard {
            retired: false,
            deck: "d",
            ord,
            id: CardId(id),
            due: Some(Day(10)),
            interval: 3,
            ef: 250,
            lapses,
            suspended: false,
            buried_until: None,
        }
    }

    #[test]
    fn worst_leeches_rank_by_lapses_then_order_and_keep_only_the_shown() {
        let q = TallyQuery {
            today: Day(10),
            due_until: Day(40),
            leech_threshold: 2,
            leeches_shown: 2,
        };
        let mut tally = CardTally::default();
        for c in [card(1, 3, 5), card(2, 9, 7), card(3, 3, 1), card(4, 1, 0)] {
            tally.add(&c, &q);
        }
        let ids: Vec<u64> = tally.worst.iter().map(|w| w.id.0).collect();
        assert_eq!(
            ids,
            [2, 3],
            "9 lapses, then the earlier of the 3-lapse ones"
        );
        assert_eq!(tally.leech_count, 3);
    }

    #[test]
    fn no_leech_is_kept_when_none_is_shown() {
        let q = TallyQuery {
            today: Day(10),
            due_until: Day(40),
            leech_threshold: 0,
            leeches_shown: 0,
        };
        let mut tally = CardTally::default();
        tally.add(&card(1, 3, 5), &q);
        assert!(tally.worst.is_empty());
        assert_eq!(tally.leech_count, 1);
    }
}
