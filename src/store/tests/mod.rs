//! Store tests, on temporary files and in memory. Fixtures live here.

mod backup;
mod check;
mod day_stats;
mod export;
mod import;
mod log;
mod new_cards;
mod open;
mod plan;
mod report;
mod reschedule;
mod sync;
mod sync_log;

use super::*;
use crate::card::{CardKind, DeckPattern, SourcePos};
use crate::history::LogEntry;
use crate::roadmap::{Roadmap, Section, Topic};
use crate::sched::leech::LeechRule;
use crate::sched::Quality;

pub(super) fn topic(id: &str, number: &str, subtopics: Vec<Topic>) -> Topic {
    Topic {
        id: id.into(),
        number: number.into(),
        title: format!("Topic {number}"),
        detail: format!("`detail {number}`"),
        line: 1,
        subtopics,
    }
}

pub(super) fn roadmap() -> Roadmap {
    let section = |id: &str, topics| Section {
        id: id.into(),
        title: format!("Section {id}"),
        goal: Some(format!("Goal of {id}")),
        topics,
        milestones: Vec::new(),
        line: 1,
    };
    Roadmap {
        title: "Python".into(),
        sections: vec![
            section(
                "phase-0",
                vec![topic(
                    "phase-0/1",
                    "1",
                    vec![topic("phase-0/1.2", "1.2", Vec::new())],
                )],
            ),
            section("phase-1", vec![topic("phase-1/1", "1", Vec::new())]),
            section("track-a", vec![topic("track-a/1", "1", Vec::new())]),
        ],
    }
}

/// A card with id `0x1000_0000_0000 + n`, so tests control the printed ids.
pub(super) fn card(n: u64, deck: &str) -> Card {
    Card {
        id: CardId(0x1000_0000_0000 + n),
        kind: CardKind::Typed,
        deck: deck.into(),
        topic: format!("{deck}/1"),
        ord: i64::try_from(n).unwrap() * 10,
        prompt: format!("prompt {n}"),
        code: None,
        answer: format!("answer {n}"),
        alternatives: vec![format!("alt {n}")],
        note: Some(format!("note {n}")),
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: format!("decks/{deck}.md"),
            line: u32::try_from(n).unwrap(),
        },
    }
}

/// Cards 1..=n, alternating between `phase-0` and `phase-1`.
pub(super) fn cards(n: u64) -> Vec<Card> {
    (1..=n)
        .map(|i| card(i, if i % 2 == 1 { "phase-0" } else { "phase-1" }))
        .collect()
}

/// Undoes migration 010, for tests that make a file of an older schema.
pub(super) const DROP_NEW_CARDS: &str = "DROP TRIGGER new_cards_state_added;
    DROP TRIGGER new_cards_state_changed; DROP TRIGGER new_cards_state_removed;
    DROP TRIGGER new_cards_card_changed; DROP TABLE new_cards;";

/// Undoes migration 012 (the FSRS memory), for tests that make a file of an
/// older schema. `difficulty` carries the pair's CHECK, so it goes first.
pub(super) const DROP_FSRS_MEMORY: &str = "ALTER TABLE card_state DROP COLUMN difficulty;
    ALTER TABLE card_state DROP COLUMN stability; DELETE FROM meta WHERE key = 'scheduler';
    DROP TABLE IF EXISTS import_memory;";

pub(super) fn store_with(n: u64) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.sync(&roadmap(), &cards(n), 1_000).unwrap();
    store
}

/// Records `answer` through [`Store::record_answer`] under a rule that never
/// makes a leech: the row and the state after it.
pub(super) fn record_answer(
    store: &mut Store,
    answer: NewAnswer<'_>,
) -> Result<(LogEntry, CardState), StoreError> {
    store
        .record_answer(&answer, &LeechRule::NEVER)
        .map(|a| (a.entry, a.state))
}

/// A scheduled review answer with no timing and nothing typed.
pub(super) fn review_answer(card: CardId, quality: u8, at_ms: i64, day: i32) -> NewAnswer<'static> {
    NewAnswer {
        card,
        quality: q(quality),
        mode: AnswerMode::Review,
        at_ms,
        day: Day(day),
        elapsed_ms: None,
        typed: None,
    }
}

pub(super) fn q(value: u8) -> Quality {
    Quality::new(value).unwrap()
}

/// Rows of `table`, by raw SQL.
pub(super) fn rows(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
