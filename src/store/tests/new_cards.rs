//! The `new_cards` table of migration 010: `next`'s new cards come from it,
//! so it must give what the sort of every new card gave, after every kind of
//! write, and `check` must notice when it does not.

use super::*;
use crate::history::Event;
use proptest::prelude::*;

/// `sql/cards/new.sql` before migration 010: every new card, sorted.
const NEW_BY_SORT: &str =
    "SELECT s.card_id FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
  ON c.id = s.card_id
WHERE s.suspended = 0 AND s.due IS NULL
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND c.retired = 0
  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
ORDER BY c.ord, c.id
LIMIT ?3";

fn by_sort(store: &Store, today: Day, limit: u32, deck: Option<&str>) -> Vec<CardId> {
    let decks = deck.map(|d| format!("[\"{d}\"]"));
    let mut stmt = store.conn.prepare(NEW_BY_SORT).unwrap();
    let rows = stmt
        .query_map(rusqlite::params![today, decks, limit], |r| r.get(0))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn assert_same(store: &Store, today: Day) {
    for limit in [1, 3, 100] {
        for deck in [None, Some("phase-0"), Some("phase-1")] {
            let decks = deck.map(|d| vec![d.to_string()]);
            let walked = store
                .cards()
                .new_cards(today, limit, decks.as_deref())
                .unwrap();
            assert_eq!(
                walked,
                by_sort(store, today, limit, deck),
                "limit {limit}, deck {deck:?}"
            );
        }
    }
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
}

/// Cards 1..=n with their `ord` reversed when `reversed`: a compile that
/// moves every card.
fn ordered(n: u64, reversed: bool) -> Vec<Card> {
    let mut all = cards(n);
    if reversed {
        for c in &mut all {
            c.ord = 1_000 - c.ord;
        }
    }
    all
}

#[test]
fn the_walk_gives_the_sorted_new_cards_after_answers_undos_and_compiles() {
    let mut store = store_with(6);
    let ids: Vec<CardId> = cards(6).iter().map(|c| c.id).collect();
    assert_same(&store, Day(10));
    let (entry, _) = record_answer(&mut store, review_answer(ids[0], 4, 1, 10)).unwrap();
    record_answer(&mut store, review_answer(ids[3], 4, 2, 10)).unwrap();
    assert_same(&store, Day(10));
    store
        .record(ids[0], Event::Undo { target: entry.id }, 3, Day(10))
        .unwrap();
    store.record(ids[1], Event::Suspend, 4, Day(10)).unwrap();
    store
        .record(ids[2], Event::Bury { until: Day(12) }, 5, Day(10))
        .unwrap();
    assert_same(&store, Day(10));
    assert_same(&store, Day(12));
    // Moved, then retired (card 6 left the decks), then back.
    store.sync(&roadmap(), &ordered(6, true), 2_000).unwrap();
    assert_same(&store, Day(10));
    store.sync(&roadmap(), &ordered(5, true), 3_000).unwrap();
    assert_same(&store, Day(10));
    store.sync(&roadmap(), &ordered(6, false), 4_000).unwrap();
    assert_same(&store, Day(10));
    let first = store.cards().new_cards(Day(10), 1, None).unwrap();
    assert_eq!(
        first,
        vec![ids[0]],
        "the undone card is new again and first by ord"
    );
}

#[test]
fn check_finds_a_damaged_new_cards_table() {
    let store = store_with(3);
    let ids: Vec<CardId> = cards(3).iter().map(|c| c.id).collect();
    store
        .conn
        .execute("DELETE FROM new_cards WHERE card_id = ?1", [ids[1]])
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.integrity.len(), 1, "{report:?}");
    assert!(
        report.integrity[0].contains(&format!("misses card {}", ids[1].0)),
        "{report:?}"
    );
    store
        .conn
        .execute(
            "UPDATE new_cards SET ord = 999 WHERE card_id = ?1",
            [ids[2]],
        )
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.integrity.len(), 3, "{report:?}");
    assert!(
        report
            .integrity
            .iter()
            .any(|p| p.contains(&format!("lists card {} at position 999", ids[2].0))),
        "{report:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is answered, undone, suspended, buried or recompiled, the walk
    /// gives the cards the sort gave.
    #[test]
    fn the_walk_matches_the_sort(ops in prop::collection::vec((0u8..5, 0usize..4, 0u8..=5), 1..30)) {
        let mut store = store_with(5);
        let ids: Vec<CardId> = cards(5).iter().map(|c| c.id).collect();
        let mut answers = Vec::new();
        let mut at = 10;
        for (kind, card, quality) in ops {
            at += 1;
            match kind {
                0 => answers.push(record_answer(&mut store, review_answer(ids[card], quality, at, 10)).unwrap().0),
                1 => if let Some(last) = answers.pop() {
                    store.record(last.card, Event::Undo { target: last.id }, at, Day(10)).unwrap();
                },
                2 => { store.record(ids[card], Event::Suspend, at, Day(10)).unwrap(); }
                3 => { store.record(ids[card], Event::Bury { until: Day(11) }, at, Day(10)).unwrap(); }
                _ => { store.sync(&roadmap(), &ordered(5 - (card as u64 % 2), quality % 2 == 0), 10_000 + at).unwrap(); }
            }
        }
        assert_same(&store, Day(10));
        assert_same(&store, Day(11));
    }
}
