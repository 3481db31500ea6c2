//! The queue and day queries are index range scans, not table scans.

use super::*;
use crate::store::cards::{DUE, MOST_OVERDUE, NEW};
use crate::store::log::{
    COUNT_ANSWERED_ON, COUNT_INTRODUCED_ON, COUNT_REVIEWED_ON, DAY, DAY_ANSWERS,
};
use rusqlite::ToSql;

fn plan(store: &Store, sql: &str, params: &[&dyn ToSql]) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    stmt.query_map(params, |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn assert_uses(store: &Store, sql: &str, params: &[&dyn ToSql], table: &str, index: &str) {
    let plan = plan(store, sql, params);
    assert!(
        plan.iter()
            .any(|step| step.starts_with(&format!("SEARCH {table} USING")) && step.contains(index)),
        "{table} not searched with {index}: {plan:#?}"
    );
    assert!(
        !plan
            .iter()
            .any(|step| step.starts_with(&format!("SCAN {table}"))),
        "{table} is scanned: {plan:#?}"
    );
}

#[test]
fn queue_queries_search_the_queue_index() {
    let store = store_with(50);
    let decks = Some(r#"["phase-0"]"#.to_string());
    let no_decks: Option<String> = None;
    for d in [&decks, &no_decks] {
        assert_uses(&store, DUE, &[&Day(10), d], "s", "card_state_queue");
        assert_uses(
            &store,
            MOST_OVERDUE,
            &[&Day(10), d, &5],
            "s",
            "card_state_queue",
        );
        // The new cards: new_cards walked in its key order (no sort), each
        // row's state and card found by key, stopping at the limit.
        let steps = plan(&store, NEW, &[&Day(10), d, &20]);
        assert!(steps.iter().any(|s| s.starts_with("SCAN n")), "{steps:#?}");
        assert!(
            steps.iter().all(|s| !s.contains("TEMP B-TREE")),
            "{steps:#?}"
        );
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with("SEARCH s USING INTEGER PRIMARY KEY")),
            "{steps:#?}"
        );
    }
}

#[test]
fn day_queries_search_the_day_index() {
    let store = store_with(5);
    assert_uses(&store, DAY, &[&Day(10)], "r", "review_log_by_day");
    // The day's answers skip its import rows through the partial index.
    assert_uses(
        &store,
        DAY_ANSWERS,
        &[&Day(10)],
        "r",
        "review_log_study_by_day",
    );
    // The day's counts are one row of day_stats.
    for sql in [COUNT_REVIEWED_ON, COUNT_INTRODUCED_ON, COUNT_ANSWERED_ON] {
        let steps = plan(&store, sql, &[&Day(10)]);
        assert!(
            steps.iter().all(|s| !s.contains("review_log")),
            "{steps:#?}"
        );
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with("SEARCH day_stats USING INTEGER PRIMARY KEY")),
            "{steps:#?}"
        );
    }
}

#[test]
fn most_overdue_stops_after_the_day_of_the_limit() {
    let mut store = Store::open_in_memory().unwrap();
    store.fill_synthetic(300, 1_500, 3, Day(20_000)).unwrap();
    let all = store.cards().due(Day(20_000), None).unwrap();
    let first = store.cards().most_overdue(Day(20_000), None, 10).unwrap();
    assert!(
        first.len() >= 10 && first.len() < all.len(),
        "{} of {}",
        first.len(),
        all.len()
    );
    let boundary = first.last().unwrap().due;
    let expected: Vec<_> = all
        .iter()
        .filter(|d| d.due <= boundary)
        .map(|d| d.id)
        .collect();
    assert_eq!(first.iter().map(|d| d.id).collect::<Vec<_>>(), expected);
    assert!(store
        .cards()
        .most_overdue(Day(20_000), None, 0)
        .unwrap()
        .is_empty());
    let everything = store
        .cards()
        .most_overdue(Day(20_000), None, 100_000)
        .unwrap();
    assert_eq!(everything.len(), all.len());

    // A retired card and a deck filter leave the same cards out as due().
    store
        .conn
        .execute("UPDATE cards SET retired = 1 WHERE id = ?1", [first[0].id])
        .unwrap();
    let decks = ["phase-1".to_string()];
    for decks in [None, Some(&decks[..])] {
        let all = store.cards().due(Day(20_000), decks).unwrap();
        let first = store.cards().most_overdue(Day(20_000), decks, 10).unwrap();
        assert!(first.len() >= 10 && first.len() < all.len());
        assert_eq!(first, all[..first.len()], "{decks:?}");
    }
}

/// The work (SQLite VM steps) of one run of `sql` with `params`.
fn vm_steps(store: &Store, sql: &str, params: &[&dyn ToSql]) -> i32 {
    let mut stmt = store.conn.prepare(sql).unwrap();
    let mut rows = stmt.query(params).unwrap();
    while rows.next().unwrap().is_some() {}
    drop(rows);
    stmt.get_status(rusqlite::StatementStatus::VmStep)
}

#[test]
fn most_overdue_walks_only_to_the_day_of_the_limit_not_every_due_card() {
    let mut store = Store::open_in_memory().unwrap();
    store.fill_synthetic(2_000, 10_000, 5, Day(20_000)).unwrap();
    let due = store.cards().due(Day(20_000), None).unwrap().len();
    let no_decks: Option<String> = None;
    let walked = vm_steps(&store, MOST_OVERDUE, &[&Day(20_000), &no_decks, &4]);
    let read = store
        .cards()
        .most_overdue(Day(20_000), None, 5)
        .unwrap()
        .len();
    assert!(due > 10 * read, "a backlog: {due} due, {read} read");
    // A due card costs about ten steps to walk; a cutoff that only filters
    // (the range bounded by today instead) walks all of them.
    assert!(
        (walked as usize) < 3 * due,
        "{walked} VM steps for {read} cards of {due} due"
    );
}

#[test]
fn stats_queries_search_their_indexes() {
    use crate::store::reports::{ANSWERS_BY_DAY, DUE_BY_DAY, DUE_COUNT, RETENTION};
    let store = store_with(5);
    let due = plan(&store, DUE_COUNT, &[&Day(10)]);
    assert!(
        due.iter()
            .any(|s| s.contains("COVERING INDEX card_state_queue")),
        "{due:#?}"
    );
    assert!(
        due.iter()
            .any(|s| s.contains("COVERING INDEX cards_by_ord")),
        "{due:#?}"
    );
    assert!(
        !due.iter()
            .any(|s| s.starts_with("SCAN s") || s.starts_with("SCAN c")),
        "{due:#?}"
    );
    assert_uses(
        &store,
        DUE_BY_DAY,
        &[&Day(10), &Day(40)],
        "s",
        "card_state_queue",
    );
    // The heatmap and retention read a range of day_stats (one row a day),
    // never the log.
    let range: [&dyn ToSql; 2] = [&Day(10), &Day(20)];
    for sql in [ANSWERS_BY_DAY, RETENTION] {
        let steps = plan(&store, sql, &range);
        assert!(
            steps.iter().all(|s| !s.contains("review_log")),
            "{steps:#?}"
        );
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with("SEARCH day_stats USING INTEGER PRIMARY KEY")),
            "{steps:#?}"
        );
    }
}

#[test]
fn empty_means_no_active_card_and_deck_of_reads_a_cards_deck() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store.cards().is_empty().unwrap());
    store.sync(&roadmap(), &cards(2), 1).unwrap();
    assert!(!store.cards().is_empty().unwrap());
    let ids: Vec<CardId> = cards(2).iter().map(|c| c.id).collect();
    assert_eq!(
        store.cards().deck_of(ids[1]).unwrap().as_deref(),
        Some("phase-1")
    );
    assert_eq!(store.cards().deck_of(CardId(7)).unwrap(), None);
    store.sync(&roadmap(), &[], 2).unwrap(); // retires both
    assert!(
        store.cards().is_empty().unwrap(),
        "retired cards are not active"
    );
    assert_eq!(store.cards().count().unwrap(), 0);
}
