//! Card identity across edits: a typo fix or a rewording keeps the card (its
//! id, SM-2 state and log); a different question is a new card; `--no-rename`
//! and explicit `ID:`s. The rule is in docs/deck-format.md, Identity.

use crate::env::{spawn_pty_at, TestEnv, SMALL_DECK};
use serde_json::Value;

const MOVED: &str = "What happens to a `String` assigned to another variable?";

fn card_by_prompt(env: &TestEnv, start: &str) -> Value {
    env.json(&["cards", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["prompt"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no card starting {start:?}"))
        .clone()
}

/// The log rows (day, event, quality) of a card, straight from the collection.
fn history(env: &TestEnv, id: &str) -> Vec<(i64, String, Option<i64>)> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let id = i64::from_str_radix(id, 16).unwrap();
    let mut stmt = conn
        .prepare("SELECT day, event, quality FROM review_log WHERE card_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The small course with three answers on the "moved" card, on three days.
fn answered_three_times(env: &mut TestEnv) -> String {
    env.compile_small();
    let id = card_by_prompt(env, MOVED)["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (now, grade) in [
        ("2026-11-25T09:00:00+01:00", "4"),
        ("2026-11-26T09:00:00+01:00", "3"),
        ("2026-12-02T09:00:00+01:00", "5"),
    ] {
        env.now = now.into();
        env.ok(&["answer", &id, grade]);
    }
    id
}

fn edit_deck(env: &TestEnv, from: &str, to: &str) {
    let path = env.path("course/decks/stage-1.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in the deck");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

fn scheduling(card: &Value) -> [Value; 5] {
    ["reps", "interval", "ef", "lapses", "due"].map(|k| card[k].clone())
}

#[test]
fn a_typo_fix_in_the_prompt_keeps_the_card_state_and_history() {
    let mut env = TestEnv::new();
    let id = answered_three_times(&mut env);
    let before = card_by_prompt(&env, MOVED);
    assert_eq!(before["reps"], 3);
    let log_before = history(&env, &id);
    assert_eq!(log_before.len(), 3);

    edit_deck(&env, "assigned to another", "asigned to another");
    let out = env.compile_course();
    assert!(out.contains("renamed 1 · retired 0"), "{out}");
    assert!(out.contains("added 0"), "{out}");
    assert!(
        out.contains(&format!(
            "renamed (edited, history kept; `recall compile --no-rename` makes them new cards):\n  {id} \"{MOVED}\" → \"What happens to a `String` asigned to another variable?\"\n"
        )),
        "{out}"
    );

    let after = card_by_prompt(&env, "What happens to a `String` asigned");
    assert_eq!(after["id"], before["id"], "the edited card keeps its id");
    assert_eq!(scheduling(&after), scheduling(&before));
    assert_eq!(history(&env, &id), log_before);
    assert!(env.ok(&["check"]).starts_with("ok:"));

    // The next compile knows the new text: nothing changes.
    let again = env.compile_course();
    assert!(again.starts_with("nothing changed"), "{again}");
    // And putting the typo back is the same card again, too.
    edit_deck(&env, "asigned to another", "assigned to another");
    env.compile_course();
    assert_eq!(card_by_prompt(&env, MOVED)["id"], before["id"]);
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_rewording_keeps_the_card() {
    let mut env = TestEnv::new();
    let id = answered_three_times(&mut env);
    edit_deck(
        &env,
        MOVED,
        "What happens to a `String` value when it is assigned to another variable?",
    );
    let out = env.compile_course();
    assert!(out.contains("renamed 1"), "{out}");
    let after = card_by_prompt(&env, "What happens to a `String` value");
    assert_eq!(after["id"], id.as_str());
    assert_eq!(after["reps"], 3);
}

#[test]
fn a_rewrite_to_a_different_question_is_a_new_card() {
    let mut env = TestEnv::new();
    let id = answered_three_times(&mut env);
    edit_deck(
        &env,
        "Q: What happens to a `String` assigned to another variable?\nA: It is moved; the first variable can no longer be used.",
        "Q: Which keyword makes a binding mutable?\nA: mut",
    );
    let out = env.compile_course();
    assert!(
        out.contains("added 1 · updated 0 · renamed 0 · retired 1"),
        "{out}"
    );
    let new = card_by_prompt(&env, "Which keyword");
    assert_ne!(new["id"], id.as_str());
    assert_eq!(new["reps"], 0);
    assert_eq!(history(&env, &id).len(), 3, "the old card keeps its log");
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn no_rename_makes_an_edited_card_a_new_one() {
    let mut env = TestEnv::new();
    let id = answered_three_times(&mut env);
    edit_deck(&env, "assigned to another", "asigned to another");
    let roadmap = env.path("course/roadmap.md");
    let decks = env.path("course/decks");
    let out = env.ok(&[
        "compile",
        "--no-rename",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    assert!(
        out.contains("added 1 · updated 0 · renamed 0 · retired 1"),
        "{out}"
    );
    let new = card_by_prompt(&env, "What happens to a `String` asigned");
    assert_ne!(new["id"], id.as_str());
    assert_eq!(new["reps"], 0);
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_cloze_edit_keeps_each_sibling_its_own_identity() {
    let env = TestEnv::new();
    env.compile_small();
    let cards = env.json(&["cards", "--json"]);
    let siblings: Vec<Value> = cards
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "cloze")
        .cloned()
        .collect();
    assert_eq!(siblings.len(), 2);
    let (first, second) = (
        siblings[0]["id"].as_str().unwrap(),
        siblings[1]["id"].as_str().unwrap(),
    );
    env.ok(&["answer", first, "5"]);
    env.ok(&["answer", second, "2"]);
    edit_deck(&env, "A `&mut` borrow is", "A `&mut` borrow is always");
    let out = env.compile_course();
    assert!(out.contains("renamed 2 · retired 0"), "{out}");
    let after = env.json(&["cards", "--json"]);
    let by_id = |id: &str| {
        after
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(first)["answer"], "exclusive");
    assert_eq!(by_id(second)["answer"], "shared");
    assert_eq!(by_id(first)["interval"], 1);
    assert_eq!(by_id(second)["reps"], 0);
    assert!(by_id(first)["prompt"].as_str().unwrap().contains("always"));
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn two_similar_cards_edited_at_once_keep_their_own_histories() {
    let env = TestEnv::new();
    env.small_course();
    let deck = SMALL_DECK.replace(
        "### 1.1 Moves\n",
        "### 1.1 Moves\n\n\
         T: Which trait lets a value be duplicated with `.clone()`?\nA: Clone\n\n\
         T: Which trait lets a value be dropped with custom code?\nA: Drop\n\n",
    );
    env.write("course/decks/stage-1.md", &deck);
    env.compile_course();
    let clone = card_by_prompt(&env, "Which trait lets a value be duplicated");
    let drop = card_by_prompt(&env, "Which trait lets a value be dropped");
    env.ok(&["answer", clone["id"].as_str().unwrap(), "5"]);
    edit_deck(
        &env,
        "duplicated with `.clone()`?",
        "duplicated explicitly with `.clone()`?",
    );
    edit_deck(
        &env,
        "dropped with custom code?",
        "dropped with custom cleanup code?",
    );
    let out = env.compile_course();
    assert!(out.contains("renamed 2"), "{out}");
    assert_eq!(
        card_by_prompt(&env, "Which trait lets a value be duplicated")["id"],
        clone["id"]
    );
    assert_eq!(
        card_by_prompt(&env, "Which trait lets a value be dropped")["id"],
        drop["id"]
    );
    assert_eq!(
        card_by_prompt(&env, "Which trait lets a value be duplicated")["reps"],
        1
    );
}

#[test]
fn an_explicit_id_keeps_the_card_through_a_rewrite() {
    let env = TestEnv::new();
    env.small_course();
    let deck = SMALL_DECK.replace(
        "T: Which trait makes assignment copy instead of move?\n",
        "T: Which trait makes assignment copy instead of move?\nID: copy-trait\n",
    );
    env.write("course/decks/stage-1.md", &deck);
    env.compile_course();
    let before = card_by_prompt(&env, "Which trait makes");
    env.ok(&["answer", before["id"].as_str().unwrap(), "4"]);
    edit_deck(
        &env,
        "Which trait makes assignment copy instead of move?",
        "Name the marker trait for types that are duplicated bit for bit",
    );
    let out = env.compile_course();
    assert!(out.contains("updated 1 · renamed 0"), "{out}");
    let after = card_by_prompt(&env, "Name the marker trait");
    assert_eq!(after["id"], before["id"]);
    assert_eq!(after["reps"], 1);
}

#[test]
fn an_explicit_id_used_twice_is_an_error_naming_both() {
    let env = TestEnv::new();
    env.small_course();
    let deck = SMALL_DECK
        .replace(
            "Q: Stage 1 · Ownership: what does it cover?\n",
            "Q: Stage 1 · Ownership: what does it cover?\nID: twice\n",
        )
        .replace(
            "T: Which trait makes assignment copy instead of move?\n",
            "T: Which trait makes assignment copy instead of move?\nID: twice\n",
        );
    env.write("course/decks/stage-1.md", &deck);
    let roadmap = env.path("course/roadmap.md");
    let decks = env.path("course/decks");
    let (code, err) = env.fails(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("stage-1.md:19:5: `ID: twice` is used twice: the card at line 9 has it too"),
        "{err}"
    );
    assert!(
        !env.db().exists()
            || env
                .json(&["cards", "--json"])
                .as_array()
                .unwrap()
                .is_empty()
    );
}

#[test]
fn e_keeps_the_edited_card_through_a_rewrite_and_asks_it_next() {
    let env = TestEnv::new();
    env.compile_small();
    let first = card_by_prompt(&env, "Stage 1 · Ownership");
    let ids = env.card_ids();
    // An "editor" that rewrites the prompt into words the similarity rule
    // alone would call another card: `e` says which card it is.
    let script = env.write(
        "editor.sh",
        "sed -i 's/^Q: Stage 1 · Ownership: what does it cover?/Q: Name both halves of the ownership rules/' \"$2\"\n",
    );
    let editor = format!("sh {}", script.display());
    let mut s = spawn_pty_at(
        &env,
        env.dir.path(),
        &["review", "--plain"],
        &[("EDITOR", editor.as_str())],
        std::time::Duration::from_secs(20),
    );
    let mut seen = String::new();
    for (wait_for, line) in [
        ("[Space] show answer", "e"),
        ("recompiled", ""),
        ("[0–5] grade", "4"),
        ("[Space] show answer", "q"),
    ] {
        let shown = s
            .expect(wait_for)
            .unwrap_or_else(|e| panic!("{e:?} waiting for {wait_for:?} after:\n{seen}"));
        seen.push_str(&String::from_utf8_lossy(shown.as_bytes()));
        s.send_line(line).unwrap();
    }
    let rest = s
        .expect(expectrl::Eof)
        .unwrap_or_else(|e| panic!("{e:?} waiting for the end after:\n{seen}"));
    seen.push_str(&String::from_utf8_lossy(rest.as_bytes()));
    assert!(
        seen.contains("Name both halves of the ownership rules"),
        "{seen}"
    );
    assert!(!seen.contains("this is a new card"), "{seen}");
    let after = card_by_prompt(&env, "Name both halves");
    assert_eq!(after["id"], first["id"], "`e` keeps the card's identity");
    assert_eq!(after["reps"], 1, "the answer after the edit went to it");
    assert_eq!(env.card_ids(), ids, "no card added or retired");
    assert!(env.ok(&["check"]).starts_with("ok:"));
}
