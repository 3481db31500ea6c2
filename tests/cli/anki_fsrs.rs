//! FSRS's memory reaches Anki: under FSRS an export writes each reviewed
//! card's stability and difficulty into `cards.data` beside `lrt`, and the
//! real Anki library reads them as the card's memory state.

use crate::anki;
use crate::env::TestEnv;
use crate::optimize::generated_collection;
use recall::history::Scheduler;
use recall::sched::fsrs::Fsrs;
use recall::store::Store;

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
