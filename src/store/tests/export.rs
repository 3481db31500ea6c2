//! What the export cursor reads of each card.

use super::*;
use crate::history::Event;
use crate::store::CardRead;

#[test]
fn an_exported_card_is_a_leech_only_when_it_has_the_tag() {
    let mut store = store_with(2);
    let leech = card(1, "x").id;
    store
        .write("test", |db| {
            db.add_tag(leech, crate::store::record::LEECH_TAG, 2_000)
        })
        .unwrap();
    let read = store.export_read(None).unwrap();
    let mut seen = Vec::new();
    read.each_card(CardRead::Cards, |c, _| -> Result<(), StoreError> {
        seen.push((c.record.card.id, c.record.leech));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![(leech, true), (card(2, "x").id, false)]);
}

#[test]
fn an_import_rows_fsrs_memory_reaches_every_log_reader() {
    let mut store = store_with(1);
    let id = card(1, "x").id;
    let memory = crate::sched::fsrs::Memory {
        stability: 12.5,
        difficulty: 4.25,
    };
    let import = Event::Import {
        state: crate::sched::Sm2State::default(),
        memory: Some(memory),
    };
    let day = Day(20_000);
    store
        .write("test", |db| db.add_log(id, import, 1_000, day, None, None))
        .unwrap();
    let carried = |log: &[LogEntry]| {
        log.iter()
            .filter_map(|e| match &e.event {
                Event::Import { memory, .. } => Some(memory.map(|m| m.stability)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let mut exported = Vec::new();
    let read = store.export_read(None).unwrap();
    read.each_card(CardRead::Log, |_, log| -> Result<(), StoreError> {
        exported.extend(carried(log));
        Ok(())
    })
    .unwrap();
    assert_eq!(exported, vec![Some(12.5)]);
    assert_eq!(carried(&store.log().day(day).unwrap()), vec![Some(12.5)]);
    assert_eq!(carried(&store.log().card(id).unwrap()), vec![Some(12.5)]);
}

#[test]
fn each_card_gets_its_own_tags_in_the_order_they_were_added() {
    let mut store = store_with(3);
    let (first, second, third) = (card(1, "x").id, card(2, "x").id, card(3, "x").id);
    store
        .write("test", |db| {
            db.add_tag(first, "zeta", 3_000)?;
            db.add_tag(first, "alpha", 5_000)?;
            db.add_tag(third, "beta", 1_000)?;
            db.add_tag(third, "alpha", 1_000)
        })
        .unwrap();
    let read = store.export_read(None).unwrap();
    let mut seen = Vec::new();
    read.each_card(CardRead::Cards, |c, _| -> Result<(), StoreError> {
        seen.push((c.record.card.id, c.tags.clone()));
        Ok(())
    })
    .unwrap();
    let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        seen,
        vec![
            (first, tags(&["zeta", "alpha"])),
            (second, tags(&[])),
            (third, tags(&["alpha", "beta"])),
        ]
    );
}
