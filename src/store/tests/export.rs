//! What the export cursor reads of each card.

use super::*;

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
    read.each_card(false, |c, _| -> Result<(), StoreError> {
        seen.push((c.record.card.id, c.record.leech));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![(leech, true), (card(2, "x").id, false)]);
}
