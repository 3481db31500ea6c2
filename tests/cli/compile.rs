use crate::env::TestEnv;

/// The id of the deck card about moving a `String`.
fn string_card(env: &TestEnv) -> String {
    let cards = env.json(&["cards", "--json"]);
    let card = cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["prompt"].as_str().unwrap().contains("`String`"))
        .unwrap();
    card["id"].as_str().unwrap().to_string()
}

#[test]
fn compile_then_again_changes_nothing() {
    let env = TestEnv::new();
    let first = env.compile_small();
    assert!(first.contains("added 7"), "{first}");
    let second = env.compile_small();
    assert!(
        second.starts_with("nothing changed: 7 cards up to date"),
        "{second}"
    );
}

#[test]
fn bundled_compile_covers_every_roadmap_topic() {
    let env = TestEnv::new();
    let out = env.ok(&["compile", "--strict"]);
    assert!(
        out.contains("coverage: 130/130 roadmap topics have cards"),
        "{out}"
    );
    assert!(!out.contains("uncovered"), "{out}");
}

#[test]
fn editing_an_answer_keeps_the_card_and_its_history() {
    let env = TestEnv::new();
    env.compile_small();
    let id = string_card(&env);
    env.ok(&["answer", &id, "4"]);
    let edited = crate::env::SMALL_DECK.replace("It is moved; the first", "It moves; the old");
    env.write("course/decks/stage-1.md", &edited);
    let out = env.compile_course();
    assert!(out.contains("updated 1"), "{out}");
    let after = env.json(&["cards", "--json"]);
    let card = after
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(card["reps"], 1);
    assert_eq!(
        card["answer"],
        "It moves; the old variable can no longer be used."
    );
}

#[test]
fn a_card_rewritten_to_another_question_retires_the_old_one_with_its_history() {
    let env = TestEnv::new();
    env.compile_small();
    let id = string_card(&env);
    env.ok(&["answer", &id, "5"]);
    // A different question (a typo fix would keep the card: tests/cli/identity.rs).
    let edited = crate::env::SMALL_DECK.replace(
        "What happens to a `String` assigned to another variable?\nA: It is moved; the first variable can no longer be used.",
        "Which keyword declares a constant?\nA: const",
    );
    env.write("course/decks/stage-1.md", &edited);
    let out = env.compile_course();
    assert!(
        out.contains("added 1") && out.contains("retired 1"),
        "{out}"
    );
    let all = env.json(&["cards", "--json", "--all"]);
    let old = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(old["retired"], true);
    assert_eq!(old["reps"], 1);
    env.ok(&["check"]);
}

#[test]
fn moving_a_card_to_another_file_keeps_its_id() {
    let env = TestEnv::new();
    env.compile_small();
    let before: Vec<String> = env.card_ids();
    let (head, tail) = crate::env::SMALL_DECK.split_once("## 2 Errors").unwrap();
    env.write("course/decks/stage-1.md", head);
    let front = head.split("## 1 Ownership").next().unwrap();
    env.write(
        "course/decks/stage-1-errors.md",
        &format!("{front}## 2 Errors{tail}"),
    );
    let out = env.compile_course();
    assert!(!out.contains("added") || out.contains("added 0"), "{out}");
    let mut after: Vec<String> = env.card_ids();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

#[test]
fn a_malformed_deck_writes_nothing() {
    let env = TestEnv::new();
    env.compile_small();
    let before = env.bytes(&env.db());
    env.write(
        "course/decks/broken.md",
        "# Stage 1 — Basics\n\n## 1 Ownership\n\nQ: No answer here\n",
    );
    let (roadmap, decks) = (env.path("course/roadmap.md"), env.path("course/decks"));
    let (code, err) = env.fails(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("broken.md:5:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(env.bytes(&env.db()), before);
}
