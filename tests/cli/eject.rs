//! `recall decks eject|status|diff`: the bundled decks edited outside a
//! checkout, and a newer recall that never overwrites the learner's edits.

use crate::env::{spawn_pty_at, TestEnv};
use serde_json::Value;
use std::path::Path;

/// Run from `cwd` (not a checkout of recall: no decks/ there).
fn ok_in(env: &TestEnv, cwd: &Path, args: &[&str]) -> String {
    let out = env.cmd(args).current_dir(cwd).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cards(env: &TestEnv) -> Vec<Value> {
    env.json(&["cards", "--json"]).as_array().unwrap().clone()
}

/// The first card of a bundled deck file and that file in the ejected copy.
fn first_card_in(env: &TestEnv, name: &str) -> Value {
    cards(env)
        .into_iter()
        .find(|c| {
            c["source"]
                .as_str()
                .unwrap()
                .contains(&format!("/decks/{name}:"))
        })
        .unwrap()
}

#[test]
fn ejected_decks_are_edited_and_compiled_outside_a_checkout() {
    let env = TestEnv::new();
    let elsewhere = tempfile::TempDir::new().unwrap();
    let cwd = elsewhere.path();
    ok_in(&env, cwd, &["compile"]);
    let out = ok_in(&env, cwd, &["decks", "eject"]);
    let dir = env.path("decks");
    assert!(out.starts_with("ejected "), "{out}");
    assert!(out.contains(&format!("to {}", dir.display())), "{out}");
    assert!(
        out.contains("compiled the collection from the copy"),
        "{out}"
    );
    assert!(dir.join("phase-2.md").is_file());

    let card = first_card_in(&env, "phase-2.md");
    let id = card["id"].as_str().unwrap().to_string();
    env.ok(&["answer", &id, "4"]);
    let prompt = card["prompt"].as_str().unwrap().to_string();
    let file = dir.join("phase-2.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited_prompt = format!("{prompt} (edited)");
    std::fs::write(&file, text.replacen(&prompt, &edited_prompt, 1)).unwrap();

    let out = ok_in(&env, cwd, &["compile"]);
    assert!(out.contains("renamed 1 · retired 0"), "{out}");
    let after = cards(&env)
        .into_iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(after["prompt"], edited_prompt.as_str());
    assert_eq!(after["reps"], 1);
    assert!(env.ok(&["check"]).starts_with("ok:"));

    let again = ok_in(&env, cwd, &["decks", "eject"]);
    assert!(again.contains("already ejected"), "{again}");
    assert!(again.contains("nothing copied"), "{again}");
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("(edited)"),
        "re-eject kept the edit"
    );
}

/// As if the copy came from an older recall whose phase-2.md differed: the
/// manifest's record of what was copied no longer matches the bundled deck.
fn pretend_upstream_changed(env: &TestEnv, name: &str) {
    let manifest = env.path("decks/.recall-bundled.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    json["files"][name] = Value::from("0".repeat(64));
    std::fs::write(&manifest, json.to_string()).unwrap();
}

#[test]
fn a_changed_bundled_deck_never_overwrites_your_copy() {
    let env = TestEnv::new();
    env.ok(&["decks", "eject"]);
    let file = env.path("decks/phase-2.md");
    let mine = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("\nQ: ", "\nQ: MY EDIT ", 1);
    std::fs::write(&file, &mine).unwrap();
    pretend_upstream_changed(&env, "phase-2.md");

    let out = env.ok(&["compile"]);
    assert!(
        out.contains("note: bundled deck phase-2.md changed upstream; your copy kept (`recall decks diff phase-2.md` shows the change)"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        mine,
        "the copy is untouched"
    );
    assert!(cards(&env)
        .iter()
        .any(|c| c["prompt"].as_str().unwrap().starts_with("MY EDIT ")));

    let status = env.ok(&["decks", "status"]);
    assert!(
        status.contains("phase-2.md") && status.contains("changed upstream and edited by you"),
        "{status}"
    );
    assert!(
        status.contains("phase-1.md") || status.contains("as ejected"),
        "{status}"
    );
    let diff = env.ok(&["decks", "diff", "phase-2.md"]);
    assert!(diff.contains("-Q: MY EDIT "), "{diff}");
    let (code, err) = env.fails(&["decks", "diff", "phase-99.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("hint: the bundled decks are: "), "{err}");
}

#[test]
fn status_before_eject_says_how() {
    let env = TestEnv::new();
    let out = env.ok(&["decks", "status"]);
    assert!(
        out.contains("not ejected") && out.contains("recall decks eject"),
        "{out}"
    );
}

#[test]
fn e_edits_the_ejected_copy_outside_a_checkout_and_keeps_the_card() {
    let env = TestEnv::new();
    let elsewhere = tempfile::TempDir::new().unwrap();
    ok_in(&env, elsewhere.path(), &["compile"]);
    ok_in(&env, elsewhere.path(), &["decks", "eject"]);
    let first = cards(&env)[0].clone();
    let source = first["source"].as_str().unwrap().to_string();
    assert!(
        source.starts_with(&env.path("decks").display().to_string()),
        "{source}"
    );
    // An "editor" that appends to the card's first line, at the line it is given.
    let script = env.write(
        "editor.sh",
        "echo \"$2\" > \"$(dirname \"$0\")/edited-file\"\nsed -i \"${1#+}s/\\$/ (edited)/\" \"$2\"\n",
    );
    let editor = format!("sh {}", script.display());
    let mut s = spawn_pty_at(
        &env,
        elsewhere.path(),
        &["review", "--plain"],
        &[("EDITOR", editor.as_str())],
        std::time::Duration::from_secs(60),
    );
    // A typed line is always an answer: on a typed card the keys come after Esc.
    let keys = if first["kind"] == "basic" {
        ""
    } else {
        "\x1b\n"
    };
    let quit = format!("{keys}q");
    let ready = if keys.is_empty() { "quit" } else { "Esc: keys" };
    s.expect(ready).unwrap();
    s.send_line(format!("{keys}e")).unwrap();
    let shown = s.expect("recompiled").unwrap();
    let mut seen = String::from_utf8_lossy(shown.as_bytes()).into_owned();
    s.expect(ready).unwrap();
    s.send_line(&quit).unwrap();
    let rest = s.expect(expectrl::Eof).unwrap();
    seen.push_str(&String::from_utf8_lossy(rest.as_bytes()));
    let edited_file = std::fs::read_to_string(env.path("edited-file")).unwrap();
    assert_eq!(edited_file.trim(), source.rsplit_once(':').unwrap().0);
    let after = cards(&env)
        .into_iter()
        .find(|c| c["id"] == first["id"])
        .unwrap();
    assert!(
        after["prompt"].as_str().unwrap().ends_with("(edited)"),
        "{after}\n{seen}"
    );
    assert!(env.ok(&["check"]).starts_with("ok:"));
}
