//! The bulk write of `recall import` (migration 014): the origins and the
//! new_cards rows it fills in one statement each must be those the per-row
//! triggers give, and nothing of it may outlive a failed import.

use super::*;
use crate::history::{Effect, Event};
use crate::import::{ImportedCard, ImportedDeck, ImportedEvent, Plan};
use crate::progress::Silent;
use crate::sched::Sm2State;

const DECK: &str = "anki-bulk";

fn answer(at_ms: i64, day: i32, quality: u8) -> ImportedEvent {
    ImportedEvent {
        at_ms,
        day: Day(day),
        event: Event::Answer {
            quality: q(quality),
            effect: Effect::Schedule,
        },
        elapsed_ms: Some(4_000),
    }
}

/// Card `n` of the imported deck with `events`.
fn imported(n: u64, events: Vec<ImportedEvent>) -> ImportedCard {
    let mut c = card(100 + n, DECK);
    c.topic = format!("{DECK}/1");
    ImportedCard {
        card: c,
        events,
        tags: vec!["bulk".into()],
        anki: None,
    }
}

/// Three cards: two answered (times out of order across cards, one repeated,
/// some before the store's newest clock) and ending in Anki's state, one new.
fn plan() -> Plan {
    let state = Sm2State {
        reps: 2,
        ef: crate::sched::Ef(crate::sched::INITIAL_EF),
        interval: 6,
        due: Some(Day(30)),
        lapses: 0,
    };
    let import = |at_ms, memory| ImportedEvent {
        at_ms,
        day: Day(20),
        event: Event::Import { state, memory },
        elapsed_ms: None,
    };
    // Anki's FSRS memory on one card: the bulk path logs it too.
    let memory = Some(crate::sched::fsrs::Memory {
        stability: 6.5,
        difficulty: 5.25,
    });
    Plan {
        decks: vec![ImportedDeck {
            section: DECK.into(),
            name: "Bulk".into(),
        }],
        cards: vec![
            imported(
                1,
                vec![
                    answer(9_000, 9, 4),
                    answer(9_000, 9, 4),
                    import(9_500, None),
                ],
            ),
            imported(
                2,
                vec![
                    answer(500, 1, 2),
                    answer(70_000, 12, 5),
                    import(70_000, memory),
                ],
            ),
            imported(3, Vec::new()),
        ],
        ..Plan::default()
    }
}

/// A collection with answers of its own, the newest at 50 s.
fn answered() -> Store {
    let mut store = store_with(2);
    for (n, at_ms) in [(1, 20_000), (2, 50_000)] {
        record_answer(&mut store, review_answer(card(n, "x").id, 4, at_ms, 5)).unwrap();
    }
    store
}

/// Every origin as (log id, seq, clock, from this device).
fn origins(store: &Store) -> Vec<(i64, i64, i64, bool)> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT log_id, seq, clock_ms, device = (SELECT value FROM meta WHERE key = 'device_id')
             FROM event_origin ORDER BY log_id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// Every index of the schema with its statement.
fn indexes(store: &Store) -> Vec<(String, Option<String>)> {
    let mut stmt = store
        .conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn new_cards(store: &Store) -> Vec<(i64, CardId)> {
    let mut stmt = store
        .conn
        .prepare("SELECT ord, card_id FROM new_cards ORDER BY ord, card_id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The plan written row by row, each row through the triggers: what the
/// bulk write must equal.
fn by_trigger(store: &mut Store, plan: &Plan) {
    let mut plan = plan.clone();
    let mut cards = crate::store::import_plan::PlanCards::take(&mut plan);
    store
        .write("test", |db| {
            db.import(&mut plan, &mut cards, 90_000, &mut Silent)
        })
        .unwrap();
}

#[test]
fn a_bulk_import_gives_the_origins_and_new_cards_the_triggers_give() {
    let (mut bulk, mut rowwise) = (answered(), answered());
    let before = indexes(&bulk);
    assert!(before.iter().any(|(name, _)| name == "review_log_by_day"));
    bulk.import(&mut plan(), 90_000, &mut Silent).unwrap();
    // More rows than the log held: its indexes were dropped and built again.
    assert_eq!(indexes(&bulk), before);
    by_trigger(&mut rowwise, &plan());
    let got = origins(&bulk);
    assert_eq!(got.len(), 8, "{got:?}");
    assert_eq!(got, origins(&rowwise));
    assert_eq!(new_cards(&bulk), new_cards(&rowwise));
    assert_eq!(rows(&bulk, "bulk_append"), 0);
    assert_eq!(rows(&bulk, "import_memory"), 1);
    assert_eq!(rows(&rowwise, "import_memory"), 1);
    let report = bulk.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
}

#[test]
fn a_merge_and_a_later_answer_get_their_origins_in_log_order() {
    let (mut bulk, mut rowwise) = (answered(), answered());
    bulk.import(&mut plan(), 90_000, &mut Silent).unwrap();
    by_trigger(&mut rowwise, &plan());
    // Card 3 answered in Anki since: the merge appends to a present card
    // after the new cards of the same import.
    let mut again = plan();
    again.cards[2].events = vec![answer(80_000, 13, 4)];
    again.cards.push(imported(4, vec![answer(85_000, 13, 3)]));
    bulk.import(&mut again.clone(), 95_000, &mut Silent)
        .unwrap();
    by_trigger(&mut rowwise, &again);
    for store in [&mut bulk, &mut rowwise] {
        let id = imported(4, Vec::new()).card.id;
        record_answer(store, review_answer(id, 4, 99_000, 14)).unwrap();
    }
    assert_eq!(origins(&bulk), origins(&rowwise));
    assert_eq!(new_cards(&bulk), new_cards(&rowwise));
    let report = bulk.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
}

#[test]
fn an_import_that_fails_midway_leaves_nothing_not_even_the_flag() {
    let mut store = answered();
    let schema = indexes(&store);
    let before = (rows(&store, "review_log"), rows(&store, "event_origin"));
    let mut broken = plan();
    // A negative answer time breaks the log's CHECK at the third card.
    broken.cards[2].events = vec![ImportedEvent {
        elapsed_ms: Some(-1),
        ..answer(1_000, 1, 4)
    }];
    assert!(store.import(&mut broken, 90_000, &mut Silent).is_err());
    assert_eq!(
        (rows(&store, "review_log"), rows(&store, "event_origin")),
        before
    );
    assert_eq!(rows(&store, "bulk_append"), 0);
    assert_eq!(indexes(&store), schema);
    assert_eq!(rows(&store, "cards"), 2);
    // The triggers are back for the next write.
    record_answer(&mut store, review_answer(card(1, "x").id, 4, 60_000, 6)).unwrap();
    assert_eq!(rows(&store, "event_origin"), before.1 + 1);
}

#[test]
fn a_batch_after_a_row_without_an_origin_leaves_the_fill_to_the_query() {
    let (mut bulk, mut rowwise) = (answered(), answered());
    let id = card(1, "x").id;
    let event = || Event::Answer {
        quality: q(4),
        effect: Effect::Schedule,
    };
    rowwise
        .write("test", |db| {
            db.add_log(id, event(), 10_000, Day(6), None, None)?;
            db.add_log(id, event(), 60_000, Day(6), None, None)
        })
        .unwrap();
    // Both rows logged in a bulk write (no origins from the trigger); the
    // second is given its batch's origins, but the first still lacks one:
    // the query fills both, as the triggers would have.
    bulk.write("test", |db| {
        db.conn
            .execute("INSERT INTO bulk_append (one) VALUES (1)", [])
            .unwrap();
        db.add_log(id, event(), 10_000, Day(6), None, None)?;
        let second = db.add_log(id, event(), 60_000, Day(6), None, None)?;
        db.add_origins(second.id.0, &[60_000])?;
        db.conn.execute("DELETE FROM bulk_append", []).unwrap();
        Ok(())
    })
    .unwrap();
    assert_eq!(origins(&bulk).len(), 4);
    assert_eq!(origins(&bulk), origins(&rowwise));
}

/// A source of the plan's cards that skips the middle one, as a planner
/// skips a card it cannot make (it counts as taken, never handed over).
struct SkipsOne {
    cards: Vec<ImportedCard>,
    taken: u64,
}

impl crate::import::CardSource for SkipsOne {
    fn next_card(
        &mut self,
        _: &mut Plan,
    ) -> Result<Option<crate::import::PlannedCard>, StoreError> {
        if self.taken == 1 {
            self.taken += 1;
        }
        let Some(card) = (!self.cards.is_empty()).then(|| self.cards.remove(0)) else {
            return Ok(None);
        };
        self.taken += 1;
        Ok(Some(crate::import::PlannedCard {
            card,
            notetype: None,
            note: None,
        }))
    }

    fn log_rows(&self) -> usize {
        6
    }

    fn taken(&self) -> u64 {
        self.taken
    }
}

/// The stages and steps a command reports, as (stage total, steps done).
#[derive(Default)]
struct Counted(Vec<(u64, u64)>);

impl crate::progress::Progress for Counted {
    fn stage(&mut self, _: &str, total: u64) {
        self.0.push((total, 0));
    }

    fn advance(&mut self, n: u64) {
        if let Some(last) = self.0.last_mut() {
            last.1 += n;
        }
    }
}

#[test]
fn the_import_progress_counts_skipped_cards_up_to_its_total() {
    let mut store = store_with(0);
    let mut plan = plan();
    let mut cards = std::mem::take(&mut plan.cards);
    cards.remove(1);
    let mut source = SkipsOne { cards, taken: 0 };
    let mut progress = Counted::default();
    let report = store
        .import_streamed(&mut plan, &mut source, 3, 90_000, &mut progress)
        .unwrap();
    assert_eq!(report.cards_added, 2);
    assert_eq!(progress.0, [(3, 3)]);
}
