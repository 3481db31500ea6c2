//! The bundled decks: coverage, counts, and every checkable answer verified
//! against the CPython on this machine.

use crate::env::TestEnv;
use std::io::Write;
use std::process::{Command, Stdio};

/// The one Python version every bundled deck says its answers hold for.
fn deck_python_version() -> String {
    let mut versions: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/decks"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let line = text
                    .lines()
                    .find(|l| l.starts_with("python:"))
                    .unwrap_or_else(|| panic!("{} does not say its Python version", p.display()));
                line["python:".len()..].trim().trim_matches('"').to_string()
            })
            .collect();
    versions.sort();
    versions.dedup();
    assert_eq!(
        versions.len(),
        1,
        "decks disagree on the Python version: {versions:?}"
    );
    versions.remove(0)
}

#[test]
fn every_eval_answer_and_stdlib_name_holds_in_cpython() {
    let env = TestEnv::new();
    env.ok(&["compile"]);
    let cards = env.ok(&["cards", "--json", "--all"]);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/tools/check_deck_answers.py"
    );
    let mut child = Command::new("python3")
        .arg(script)
        .args(["--python", &deck_python_version()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is needed to verify deck answers (.ci/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cards.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains(" 0 contradictions"), "{report}");
}

#[test]
fn bundled_decks_have_enough_cards_per_topic() {
    let env = TestEnv::new();
    env.ok(&["compile"]);
    let cards = env.json(&["cards", "--json"]);
    let cards = cards.as_array().unwrap();
    let authored: Vec<_> = cards
        .iter()
        .filter(|c| c["source"].as_str().unwrap().starts_with("decks/"))
        .collect();
    assert!(authored.len() >= 600, "{} authored cards", authored.len());
    let mut per_topic = std::collections::HashMap::new();
    for c in &authored {
        *per_topic
            .entry(c["topic"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    assert_eq!(per_topic.len(), 130);
    let thin: Vec<_> = per_topic.iter().filter(|(_, &n)| n < 4).collect();
    assert!(thin.is_empty(), "topics with fewer than 4 cards: {thin:?}");
    let drills = authored
        .iter()
        .filter(|c| c["kind"] == "typed" && c["deck"] == "phase-2")
        .count();
    assert!(drills >= 300, "{drills} phase-2 drill cards");
}
