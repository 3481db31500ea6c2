//! The bundled decks: coverage, counts, and every checkable answer verified
//! on each CPython 3.11+ on this machine, the library cards in the deck venv.
//!
//! The deck venv has the libraries the eval cards use, pinned in
//! `tests/tools/deck-requirements.txt`; it is named by `RECALL_DECK_PYTHON`
//! (CI sets it) or made once under `target/deck-venv/` on first use, the way
//! `anki.rs` makes the Anki venv.

use crate::env::TestEnv;
use crate::venv::make_venv;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The CPython versions the answers are checked on when the machine has them.
const CHECKED_PYTHONS: [&str; 3] = ["3.11", "3.12", "3.13"];
/// Holds the requirements the venv was made from, so a changed list redoes it.
const READY: &str = "recall-deck-ready";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The oldest Python the bundled decks hold for: every deck says which
/// versions it holds for (`python: "3.11"`, `">=3.12"`, `">=3.11,<3.12"`).
fn deck_python_version() -> String {
    let mut versions: Vec<String> = std::fs::read_dir(manifest().join("decks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| !p.ends_with("README.md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let line = text
                .lines()
                .find(|l| l.starts_with("python:"))
                .unwrap_or_else(|| panic!("{} does not say its Python version", p.display()));
            let range = line["python:".len()..].trim().trim_matches('"');
            let since = range.split(',').find(|p| !p.trim().starts_with('<'));
            let since = since.unwrap_or_else(|| panic!("{}: no lower bound", p.display()));
            since.trim().trim_start_matches(">=").to_string()
        })
        .collect();
    versions.sort_by_key(|v| {
        v.split('.')
            .map(|n| n.parse::<u32>().unwrap())
            .collect::<Vec<_>>()
    });
    versions.remove(0)
}

/// The bundled cards of every checked version's compile: a deck for some
/// versions only (`phase-2.python-3.12.md`) is in the compiles of those.
fn cards_of_every_version() -> String {
    let mut seen = std::collections::HashSet::new();
    let mut all = Vec::new();
    for version in CHECKED_PYTHONS {
        let env = TestEnv::new();
        let config = env.write("config.toml", &format!("python = \"{version}\"\n"));
        let compile = env
            .cmd(&["compile"])
            .env("RECALL_CONFIG", &config)
            .output()
            .unwrap();
        assert!(compile.status.success(), "{compile:?}");
        for card in env.json(&["cards", "--json", "--all"]).as_array().unwrap() {
            let key = (card["id"].to_string(), card["source"].to_string());
            if seen.insert(key) {
                all.push(card.clone());
            }
        }
    }
    serde_json::Value::Array(all).to_string()
}

/// The deck venv's python; panics with how to provide one.
fn deck_venv() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let requirements = manifest().join("tests/tools/deck-requirements.txt");
    let found = PYTHON.get_or_init(|| match std::env::var_os("RECALL_DECK_PYTHON") {
        Some(p) => Ok(PathBuf::from(p)),
        None => std::fs::read_to_string(&requirements)
            .map_err(|e| e.to_string())
            .and_then(|wanted| {
                make_venv(
                    &manifest().join("target/deck-venv"),
                    READY,
                    &wanted,
                    &[OsStr::new("-r"), requirements.as_os_str()],
                )
            }),
    });
    match found {
        Ok(p) => p,
        Err(e) => panic!(
            "the library eval cards need a venv with the deck libraries and could not make one:\n{e}\n\
             Set RECALL_DECK_PYTHON to a python that has them, e.g.\n  \
             python3 -m venv /tmp/deck && /tmp/deck/bin/pip install -r {}\n  \
             RECALL_DECK_PYTHON=/tmp/deck/bin/python cargo test",
            requirements.display()
        ),
    }
}

#[test]
fn every_eval_answer_and_stdlib_name_holds_in_cpython() {
    let cards = cards_of_every_version();
    let script = manifest().join("tests/tools/check_deck_answers.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args(["--min-python", &deck_python_version()])
        .arg("--venv")
        .arg(deck_venv())
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
    let checked: Vec<_> = CHECKED_PYTHONS
        .iter()
        .filter(|v| {
            let line = format!("python {v}.");
            report.lines().any(|l| l.starts_with(&line))
        })
        .collect();
    for v in CHECKED_PYTHONS.iter().filter(|v| !checked.contains(v)) {
        eprintln!("deck answers not checked on Python {v}: none found on this machine");
    }
    assert!(
        !checked.is_empty(),
        "none of Python {CHECKED_PYTHONS:?} found (python3, python3.N on PATH, or pyenv); \
         install one to check the deck answers\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("\n0 contradictions"), "{report}");
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
