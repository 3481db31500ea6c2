//! Note shapes both ways with the real Anki library
//! (tests/tools/anki_shapes.py): code blocks, lists, nested and repeated
//! cloze, a five-field template and a learning card come into recall as a
//! terminal shows them, and recall's package passes Anki's Check Database;
//! the text formats carry notes and alternatives; the export summary.

use crate::anki::python;
use crate::env::{TestEnv, SMALL_ROADMAP};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn shapes(args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/anki_shapes.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "anki_shapes.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("anki_shapes.py prints JSON")
}

/// A collection that imported Anki's package of note shapes, its clock a
/// second after Anki's last answer (Anki moves answers logged in its future
/// to the time it imports them).
fn imported() -> (TestEnv, Vec<Value>) {
    let mut env = TestEnv::new();
    let package = env.path("shapes.apkg").display().to_string();
    let made = shapes(&["build", &package]);
    assert_eq!(made["cards"], 6, "{made}");
    let answered = made["answered_ms"].as_i64().unwrap();
    env.now = chrono::DateTime::from_timestamp_millis(answered + 1000)
        .unwrap()
        .to_rfc3339();
    let out = env.ok(&["import", &package]);
    assert!(out.contains("imported 6 cards"), "{out}");
    let cards = env.json(&["cards", "--json"]).as_array().unwrap().clone();
    (env, cards)
}

fn card<'a>(cards: &'a [Value], prompt: &str) -> &'a Value {
    cards
        .iter()
        .find(|c| c["prompt"] == prompt)
        .unwrap_or_else(|| panic!("no card {prompt:?} in {cards:#?}"))
}

#[test]
fn anki_note_shapes_come_in_as_the_terminal_shows_them() {
    let (env, cards) = imported();
    let code = card(
        &cards,
        "What does this print?\n```\nprint(1)\nprint(2)\n```",
    );
    assert_eq!(code["answer"], "1\n2");
    let list = card(&cards, "Name the **two** kinds:\n- one\n- other");
    assert_eq!(list["answer"], "both", "an answer is typed without marks");
    let outer = card(&cards, "[...]");
    assert_eq!(outer["answer"], "Ownership moves values");
    let inner = card(&cards, "Ownership [...] values");
    assert_eq!(inner["answer"], "moves");
    let repeated = card(&cards, "A [...] grows; a [...] borrows.");
    assert_eq!(
        (repeated["answer"].clone(), repeated["note"].clone()),
        (Value::from("Vec, slice"), Value::from("std"))
    );
    let vocab = card(&cards, "comer\nHint: food");
    assert_eq!(vocab["answer"], "to eat");
    assert_eq!(
        vocab["note"],
        "Example: Quiero comer.\nAudio: [audio: comer.mp3]"
    );
    // The drill shows the code block on lines of its own.
    let shown = env.session(&["drill", "--limit", "6"], &"\n".repeat(40));
    assert!(
        shown.contains("What does this print?\n```\nprint(1)\nprint(2)\n```"),
        "{shown}"
    );
}

/// `export --json` of `env` to `name`: the summary.
fn export_json(env: &TestEnv, name: &str, extra: &[&str]) -> (String, Value) {
    let path = env.path(name).display().to_string();
    let mut args = vec!["export", "--format", "apkg", "-o", &path, "--json"];
    args.extend_from_slice(extra);
    let summary: Value = serde_json::from_str(&env.ok(&args)).expect("summary JSON");
    (path, summary)
}

#[test]
fn recalls_package_passes_ankis_check_database_with_learning_cards_and_every_answer() {
    let (env, cards) = imported();
    // Two cards answered in recall after Anki's answer.
    for prompt in ["[...]", "A [...] grows; a [...] borrows."] {
        let id = card(&cards, prompt)["id"].as_str().unwrap().to_string();
        env.ok(&["answer", &id, "4"]);
    }
    let answers = 3; // one from Anki (the learning card's Good), two here
    let (package, summary) = export_json(&env, "back.apkg", &["--with-scheduling"]);
    assert_eq!(summary["review_log_rows"], answers, "{summary}");
    assert_eq!(summary["cards"], 6);
    assert_eq!(summary["dropped"], Value::Array(vec![]), "{summary}");
    let anki = shapes(&["check", &package]);
    assert_eq!(anki["problems"], Value::Array(vec![]), "{anki}");
    assert_eq!(anki["revlog"], answers);
    let by_guid = anki["by_guid"].as_object().unwrap();
    let field = |c: &Value| c["fields"][0].as_str().unwrap().to_string();
    let learning: Vec<&Value> = by_guid.values().filter(|c| c["type"] == 1).collect();
    assert_eq!(learning.len(), 1, "{by_guid:?}");
    assert_eq!(learning[0]["queue"], 3, "learning, due on a day");
    assert!(field(learning[0]).starts_with("comer"), "{}", learning[0]);
    assert!(
        by_guid
            .values()
            .all(|c| c["type"] != 2 || c["ivl"].as_i64().unwrap() > 0),
        "no review card with interval 0: {by_guid:?}"
    );
    let code = by_guid
        .values()
        .find(|c| field(c).starts_with("What does this print?"))
        .unwrap();
    assert_eq!(
        field(code),
        "What does this print?<pre><code>print(1)\nprint(2)</code></pre>",
        "the code block goes back to Anki as it came"
    );
    let repeated = by_guid
        .values()
        .find(|c| field(c).contains("grows"))
        .unwrap();
    assert_eq!(
        field(repeated),
        "A {{c1::Vec}} grows; a {{c1::slice}} borrows."
    );
}

#[test]
fn a_unit_separator_in_card_text_keeps_ankis_fields_apart() {
    let env = TestEnv::new();
    let tsv = "#separator:tab\nBasic\tfront\u{1f}side\tback\n";
    let path = env.write("sep.tsv", &tsv.replace("Basic\t", ""));
    env.ok(&["import", path.to_str().unwrap()]);
    let (package, summary) = export_json(&env, "sep.apkg", &[]);
    assert_eq!(summary["changed"][0]["count"], 1, "{summary}");
    assert!(
        summary["changed"][0]["why"]
            .as_str()
            .unwrap()
            .contains("U+001F"),
        "{summary}"
    );
    let anki = shapes(&["check", &package]);
    assert_eq!(anki["problems"], Value::Array(vec![]), "{anki}");
    let note = anki["by_guid"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(note["fields"].as_array().unwrap().len(), 3, "{note}");
    assert_eq!(note["fields"][1], "back");
}

const NOTED_DECK: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: What does a move do?
A: transfers ownership
N: the old binding is unusable

T: Which trait copies?
A: Copy
A: std::marker::Copy
N: a marker trait

### 1.1 Moves

E: What does this print?
```python
print(1 + 1)
```
A: 2
N: integer addition
";

fn noted() -> TestEnv {
    let env = TestEnv::new();
    let roadmap = env.write("course/roadmap.md", SMALL_ROADMAP);
    let decks = env.path("course/decks");
    env.write("course/decks/stage-1.md", NOTED_DECK);
    env.ok(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    env
}

#[test]
fn tsv_and_csv_round_trips_keep_notes_and_alternatives() {
    let env = noted();
    for format in ["tsv", "csv"] {
        let text = env.ok(&["export", "--format", format]);
        let path = env.write(&format!("cards.{format}"), &text);
        let fresh = TestEnv::new();
        fresh.ok(&["import", path.to_str().unwrap()]);
        let cards = fresh.json(&["cards", "--json"]);
        let cards = cards.as_array().unwrap();
        let by_answer = |a: &str| cards.iter().find(|c| c["answer"] == a).unwrap().clone();
        let basic = by_answer("transfers ownership");
        assert_eq!(basic["note"], "the old binding is unusable", "{format}");
        let typed = by_answer("Copy");
        assert_eq!(typed["note"], "a marker trait", "{format}");
        assert_eq!(
            typed["alternatives"],
            serde_json::json!(["std::marker::Copy"])
        );
        let eval = by_answer("2");
        assert_eq!(eval["note"], "integer addition", "{format}");
        assert_eq!(
            eval["kind"], "typed",
            "{format}: an eval card comes back typed"
        );
        assert!(eval["prompt"].as_str().unwrap().contains("print(1 + 1)"));
    }
}

#[test]
fn the_summary_counts_what_an_export_drops_and_strict_writes_nothing() {
    let env = noted();
    let id = env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["answer", &id, "0"]);
    let out = env.path("cards.tsv");
    let path = out.to_str().unwrap();
    let args = ["export", "--format", "tsv", "--with-scheduling", "-o", path];
    let (code, err) = env.fails(&[&args[..], &["--strict"]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(err.contains("1 × SM-2 state and review history"), "{err}");
    assert!(!out.exists(), "--strict wrote {path}");
    let summary: Value = serde_json::from_str(&env.ok(&[&args[..], &["--json"]].concat())).unwrap();
    assert_eq!(summary["format"], "tsv");
    assert_eq!(summary["cards"], 3);
    assert_eq!(summary["dropped"][0]["count"], 1, "{summary}");
    assert!(summary["dropped"][0]["examples"][0]
        .as_str()
        .unwrap()
        .contains("What does a move do?"));
    assert_eq!(
        summary["changed"][0]["count"], 1,
        "the eval card: {summary}"
    );
    assert!(out.exists());
    // An apkg with scheduling drops nothing, so --strict writes it; the
    // grade 0 is named as changed (Anki's Again comes back as 1).
    let apkg = env.path("cards.apkg");
    let text = env.ok(&[
        "export",
        "--format",
        "apkg",
        "--with-scheduling",
        "--strict",
        "-o",
        apkg.to_str().unwrap(),
    ]);
    assert!(
        text.starts_with("exported 3 cards and 1 review log rows"),
        "{text}"
    );
    assert!(
        text.contains("1 × answers graded 0 or 2 go out as Again"),
        "{text}"
    );
    assert!(apkg.exists());
}

#[test]
fn revlog_rows_are_the_answers_only_and_anki_finds_nothing_to_fix() {
    let mut env = TestEnv::new();
    env.ok(&["compile"]);
    let ids: Vec<String> = env.json(&["cards", "--json"]).as_array().unwrap()[..4]
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids[..3] {
        env.ok(&["answer", id, "4"]);
    }
    env.now = "2026-11-26T09:00:00+01:00".into();
    env.ok(&["answer", &ids[0], "1"]);
    {
        use recall::history::Event;
        let mut store = recall::store::Store::open_existing(&env.db()).unwrap();
        let suspended = store.cards().find(&ids[3]).unwrap().card.id;
        let buried = store.cards().find(&ids[1]).unwrap().card.id;
        store
            .record(suspended, Event::Suspend, 0, recall::day::Day(20_783))
            .unwrap();
        store
            .record(
                buried,
                Event::Bury {
                    until: recall::day::Day(20_784),
                },
                0,
                recall::day::Day(20_783),
            )
            .unwrap();
    }
    let (package, summary) = export_json(&env, "sched.apkg", &["--with-scheduling"]);
    assert_eq!(summary["review_log_rows"], 4, "answers only: {summary}");
    let anki = shapes(&["check", &package]);
    assert_eq!(anki["problems"], Value::Array(vec![]), "{anki}");
    assert_eq!(anki["revlog"], 4);
    // Without scheduling every card is new, and just as clean.
    let (package, summary) = export_json(&env, "new.apkg", &[]);
    assert_eq!(summary["review_log_rows"], 0, "{summary}");
    let anki = shapes(&["check", &package]);
    assert_eq!(anki["problems"], Value::Array(vec![]), "{anki}");
    assert_eq!(anki["cards"], summary["cards"]);
}
