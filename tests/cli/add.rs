//! `recall add`: scripted and interactive, under the right heading, compiled,
//! and nothing written on an error.

use crate::env::{TestEnv, SMALL_DECK};

fn deck(env: &TestEnv) -> String {
    std::fs::read_to_string(env.path("course/decks/stage-1.md")).unwrap()
}

fn prompts(env: &TestEnv) -> Vec<String> {
    env.json(&["cards", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["prompt"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_scripted_add_appends_under_the_topic_and_compiles() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.compile_small();
    let file = env.path("course/decks/stage-1.md");
    let mode = std::fs::Permissions::from_mode(0o640);
    std::fs::set_permissions(&file, mode).unwrap();
    let out = env.ok(&[
        "add",
        "--topic",
        "stage-1/2",
        "--kind",
        "typed",
        "--prompt",
        "Which operator passes an error up to the caller?",
        "--answer",
        "?",
        "--alt",
        "the ? operator",
        "--note",
        "It returns early with the Err.",
    ]);
    assert!(out.starts_with("added typed card "), "{out}");
    // The deck file is replaced whole, and keeps its mode.
    let after = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(after & 0o777, 0o640);
    assert!(out.contains("stage-1.md:33 (topic stage-1/2)"), "{out}");
    assert!(
        out.contains("compiled: added 1 · updated 0 · renamed 0 · retired 0"),
        "{out}"
    );
    let text = deck(&env);
    let (before, card_text) = text.split_at(text.find("T: Which operator passes").unwrap());
    assert!(
        before.contains("## 2 Errors\n") && before.ends_with("A: question mark\n\n"),
        "{text}"
    );
    assert_eq!(
        card_text,
        "T: Which operator passes an error up to the caller?\nA: ?\nA: the ? operator\nN: It returns early with the Err.\n"
    );
    let card = env
        .json(&["cards", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["prompt"] == "Which operator passes an error up to the caller?")
        .unwrap()
        .clone();
    assert_eq!(card["alternatives"][0], "the ? operator");
    assert_eq!(card["topic"], "stage-1/2");
    assert!(env.ok(&["check"]).starts_with("ok:"));
    // The file compiles as it is now: nothing left to do.
    assert!(env.compile_course().starts_with("nothing changed"));
}

#[test]
fn a_missing_topic_heading_is_written_in_roadmap_order() {
    let env = TestEnv::new();
    env.small_course();
    let without = SMALL_DECK.replace(
        "### 1.1 Moves\n\nT: Which trait makes assignment copy instead of move?\nA: Copy\n\n",
        "",
    );
    env.write("course/decks/stage-1.md", &without);
    env.compile_course();
    env.ok(&[
        "add",
        "--topic",
        "stage-1/1.1",
        "--kind",
        "basic",
        "--prompt",
        "Is a move a copy?",
        "--answer",
        "No",
    ]);
    assert!(
        deck(&env).contains("can no longer be used.\n\n### 1.1 Moves\n\nQ: Is a move a copy?\nA: No\n\n### 1.2 Borrows"),
        "{}",
        deck(&env)
    );
    assert!(prompts(&env).contains(&"Is a move a copy?".to_string()));
}

#[test]
fn an_interactive_add_asks_each_field() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env.session(
        &["add"],
        "stage-1/2\ntyped\nWhich macro stops the program with a message?\npanic!\npanic\n\n\n",
    );
    assert!(out.contains("topic (e.g. phase-2/5)"), "{out}");
    assert!(out.contains("added typed card"), "{out}");
    assert!(
        deck(&env)
            .contains("T: Which macro stops the program with a message?\nA: panic!\nA: panic\n"),
        "{}",
        deck(&env)
    );
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn an_interactive_add_cancelled_writes_nothing() {
    let env = TestEnv::new();
    env.compile_small();
    let before = deck(&env);
    let out = env.session(&["add"], "stage-1/2\nbasic\n\n");
    assert!(out.contains("cancelled: nothing added"), "{out}");
    assert_eq!(deck(&env), before);
}

#[test]
fn add_errors_name_the_problem_and_write_nothing() {
    let env = TestEnv::new();
    env.compile_small();
    let before = deck(&env);
    let db_before = env.bytes(&env.db());
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &[
                "add",
                "--topic",
                "stage-1/9",
                "--prompt",
                "p",
                "--answer",
                "a",
            ],
            "topic \"stage-1/9\" is not in the roadmap",
            "hint: the nearest topics are: stage-1/1, stage-1/2",
        ),
        (
            &[
                "add",
                "--topic",
                "stage-1/2",
                "--prompt",
                "  ",
                "--answer",
                "a",
            ],
            "empty prompt",
            "hint: ",
        ),
        (
            &["add", "--topic", "stage-1/2", "--prompt", "p"],
            "--answer is needed",
            "hint: ",
        ),
        (
            &[
                "add",
                "--topic",
                "stage-1/2",
                "--kind",
                "cloze",
                "--prompt",
                "no deletion here",
            ],
            "stage-1.md:33:4: cloze card without a `{{…}}` deletion",
            "hint: mark the text",
        ),
        (
            &[
                "add",
                "--topic",
                "stage-1/2",
                "--kind",
                "basic",
                "--prompt",
                "What happens to a `String` assigned to another variable?",
                "--answer",
                "a",
            ],
            "same prompt as the card at",
            "hint: ",
        ),
    ];
    for (args, message, hint) in cases {
        let (_, err) = env.fails(args);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(err.contains(hint), "{args:?}: {err}");
        assert_eq!(deck(&env), before, "{args:?} changed the deck");
        assert_eq!(
            env.bytes(&env.db()),
            db_before,
            "{args:?} changed the collection"
        );
    }
}

#[test]
fn an_explicit_id_twice_is_refused() {
    let env = TestEnv::new();
    env.compile_small();
    env.ok(&[
        "add",
        "--topic",
        "stage-1/2",
        "--prompt",
        "Which type holds an error?",
        "--answer",
        "Result",
        "--id",
        "result-type",
    ]);
    assert!(
        deck(&env).contains("T: Which type holds an error?\nID: result-type\nA: Result\n"),
        "{}",
        deck(&env)
    );
    let before = deck(&env);
    let (_, err) = env.fails(&[
        "add",
        "--topic",
        "stage-1/2",
        "--prompt",
        "Another?",
        "--answer",
        "x",
        "--id",
        "result-type",
    ]);
    assert!(err.contains("`ID: result-type` is used twice"), "{err}");
    assert_eq!(deck(&env), before);
}

#[test]
fn add_to_bundled_decks_not_ejected_says_how() {
    let env = TestEnv::new();
    env.ok(&["compile"]);
    let db_before = env.bytes(&env.db());
    let (code, err) = env.fails(&[
        "add",
        "--topic",
        "phase-2/5",
        "--prompt",
        "p",
        "--answer",
        "a",
    ]);
    assert!(
        err.contains("the bundled decks are built into recall"),
        "{err}"
    );
    assert!(
        err.contains("hint: `recall decks eject` copies them"),
        "{err}"
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(env.bytes(&env.db()), db_before);

    // Ejected, the card goes into the copy.
    env.ok(&["decks", "eject"]);
    let out = env.ok(&[
        "add",
        "--topic",
        "phase-2/5",
        "--prompt",
        "Which module reads CSV files?",
        "--answer",
        "csv",
    ]);
    assert!(
        out.contains(&format!("{}:", env.path("decks/phase-2.md").display())),
        "{out}"
    );
    let copy = std::fs::read_to_string(env.path("decks/phase-2.md")).unwrap();
    assert!(copy.contains("T: Which module reads CSV files?\nA: csv\n"));
}
