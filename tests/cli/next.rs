use crate::env::TestEnv;
use serde_json::Value;

#[test]
fn next_json_gives_the_first_new_card_in_roadmap_order() {
    let env = TestEnv::new();
    env.compile_small();
    let next = env.json(&["next", "--json"]);
    for key in ["id", "kind", "deck", "topic", "prompt"] {
        assert!(next.get(key).is_some(), "missing {key}: {next}");
    }
    assert_eq!(next["deck"], "stage-1");
    assert_eq!(next["slot"], "new");
    // The first card of topic 1 comes first, then the next one.
    assert_eq!(next["topic"], "stage-1/1");
}

#[test]
fn next_json_is_null_when_nothing_is_due() {
    let env = TestEnv::new();
    env.compile_small();
    for _ in 0..20 {
        let next = env.json(&["next", "--json"]);
        if next.is_null() {
            return;
        }
        env.ok(&["answer", next["id"].as_str().unwrap(), "5"]);
    }
    assert_eq!(env.json(&["next", "--json"]), Value::Null);
}

#[test]
fn cards_json_has_the_documented_fields() {
    let env = TestEnv::new();
    env.compile_small();
    let cards = env.json(&["cards", "--json"]);
    let first = &cards[0];
    for key in [
        "id",
        "kind",
        "deck",
        "topic",
        "prompt",
        "answer",
        "reps",
        "ef",
        "interval",
        "due",
        "lapses",
        "suspended",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["ef"], 2.5);
    assert_eq!(first["due"], Value::Null);
}
