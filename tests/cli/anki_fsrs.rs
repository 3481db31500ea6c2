//! FSRS's memory reaches Anki: under FSRS an export writes each reviewed
//! card's stability and difficulty into `cards.data` beside `lrt`, and the
//! real Anki library reads them as the card's memory state.

use crate::anki;
use crate::env::TestEnv;
use crate::optimize::generated_collection;
use recall::history::Scheduler;
use recall::sched::fsrs::Fsrs;
use recall::store::Store;
use serde_json::Value;

fn export(env: &TestEnv, name: &str) -> String {
    let path = env.path(name).display().to_string();
    env.ok(&[
        "export",
        "--format",
        "apkg",
        "-o",
        &path,
        "--with-scheduling",
    ]);
    path
}

#[test]
fn under_fsrs_an_export_gives_anki_each_cards_memory() {
    let env = TestEnv::new();
    generated_collection(&env, 8, 5);
    let sm2 = anki::check(&["import", &export(&env, "sm2.apkg"), "--with-scheduling"]);
    env.write("xdg-config/recall/config.toml", "scheduler = \"fsrs\"\n");
    let mut store = Store::open_existing(&env.db()).unwrap();
    store
        .reschedule(&Scheduler::Fsrs(Fsrs::new(0.9).unwrap()))
        .unwrap();
    let apkg = export(&env, "fsrs.apkg");
    let imported = anki::check(&["import", &apkg, "--with-scheduling"]);
    let cards = store.cards().list(&Default::default()).unwrap();
    assert_eq!(cards.len(), 8);
    for record in &cards {
        let guid = format!("recall:{}/0", record.card.id);
        assert!(sm2["by_guid"][&guid]["memory"].is_null(), "SM-2 has none");
        let memory = record.state.memory.unwrap();
        let theirs = &imported["by_guid"][&guid]["memory"];
        let near = |i: usize, ours: f32| {
            let t = theirs[i].as_f64().unwrap();
            assert!(
                (t - f64::from(ours)).abs() < 0.001,
                "{guid}: {theirs} vs {memory:?}"
            );
        };
        near(0, memory.stability);
        near(1, memory.difficulty);
    }
}

#[test]
fn anki_fsrs_memory_is_kept_through_import_and_export() {
    let env = TestEnv::new();
    let package = env.path("anki-fsrs.apkg").display().to_string();
    let source = anki::check(&["export", &package, "--fsrs"]);
    let remembered: Vec<(String, Value)> = source["by_guid"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, c)| !c["memory"].is_null())
        .map(|(guid, c)| (guid.clone(), c["memory"].clone()))
        .collect();
    assert!(remembered.len() >= 6, "{source}");
    env.write("xdg-config/recall/config.toml", "scheduler = \"fsrs\"\n");
    let out = env.ok(&["import", &package]);
    assert!(
        out.contains(&format!("FSRS memory kept for {} cards", remembered.len())),
        "{out}"
    );
    // What Anki keeps beside the memory and recall does not is named.
    assert!(
        out.contains("left out: card data recall does not keep")
            && out.contains(": decay, dr, pos\n"),
        "{out}"
    );
    let mut store = Store::open_existing(&env.db()).unwrap();
    store
        .reschedule(&Scheduler::Fsrs(Fsrs::new(0.9).unwrap()))
        .unwrap();
    // The stored states are the replay under FSRS, imported memories and all
    // (checked by this store, which applies FSRS since the reschedule).
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.mismatches.first());
    drop(store);
    let back = anki::check(&["import", &export(&env, "back.apkg"), "--with-scheduling"]);
    for (guid, memory) in &remembered {
        let theirs = &back["by_guid"][guid]["memory"];
        for i in 0..2 {
            let (a, b) = (memory[i].as_f64().unwrap(), theirs[i].as_f64().unwrap());
            assert!((a - b).abs() < 0.001, "{guid}: {memory} → {theirs}");
        }
    }
}
