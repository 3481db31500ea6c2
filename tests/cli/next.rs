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

const BASIC_DECK: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: First question?
A: one

Q: Second question?
A: two

Q: Third question?
A: three

Q: Fourth question?
A: four

Q: Fifth question?
A: five

Q: Sixth question?
A: six
";

/// Six reviews due the same day (so their order is the seed's).
fn due_together(env: &mut TestEnv) {
    env.write("course/roadmap.md", crate::env::SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", BASIC_DECK);
    env.compile_course();
    for id in env.card_ids() {
        env.ok(&["answer", &id, "4"]);
    }
    env.now = "2026-11-26T09:00:00+01:00".into();
}

#[test]
fn next_names_the_card_the_session_shows_also_after_quitting_and_resuming() {
    let mut whole = TestEnv::new();
    due_together(&mut whole);
    // One session through all six: the order it asks them in.
    let transcript = whole.session(&["review"], &"\n4\n".repeat(6));
    let mut order: Vec<(usize, String)> = (1..=6)
        .map(|n| {
            let prompt = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"][n - 1];
            (transcript.find(prompt).expect("asked"), prompt.to_string())
        })
        .collect();
    order.sort();
    // The same day again, one card per session: `next` names each in turn.
    let mut env = TestEnv::new();
    due_together(&mut env);
    for (_, prompt) in &order {
        let next = env.json(&["next", "--json"]);
        assert!(
            next["prompt"]
                .as_str()
                .unwrap()
                .starts_with(prompt.as_str()),
            "next names {} where the session asks {prompt}",
            next["prompt"]
        );
        let one = env.session(&["review"], "\n4\nq\n");
        let shown = one.find("question?").map(|i| &one[..i]).unwrap_or_default();
        assert!(shown.ends_with(&format!("{prompt} ")), "{one}");
    }
    assert_eq!(env.json(&["next", "--json"]), Value::Null);
}
