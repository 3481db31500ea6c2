use crate::env::TestEnv;

fn first_id(env: &TestEnv) -> String {
    env.json(&["cards", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn answering_q3_five_times_on_due_days_follows_sm2() {
    let mut env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let mut intervals = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    for _ in 0..5 {
        env.now = format!("{day}T09:00:00+01:00");
        let state = env.json(&["answer", &id, "3", "--json"]);
        assert_eq!(state["effect"], "schedule");
        let interval = state["interval"].as_u64().unwrap();
        intervals.push(interval);
        day += chrono::Duration::days(interval as i64);
        assert_eq!(state["due"], day.to_string());
    }
    assert_eq!(intervals, [1, 6, 13, 27, 52]);
    let card = &env.json(&["cards", "--json"])[0];
    assert_eq!(card["ef"], 1.8);
    env.ok(&["check"]);
}

#[test]
fn a_second_answer_the_same_day_is_a_repeat_that_keeps_the_schedule() {
    let env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let first = env.json(&["answer", &id, "2", "--json"]);
    let again = env.json(&["answer", &id, "5", "--json"]);
    assert_eq!(again["effect"], "repeat");
    assert_eq!(again["ef"], first["ef"]);
    assert_eq!(again["due"], first["due"]);
}

#[test]
fn a_unique_prefix_names_a_card() {
    let env = TestEnv::new();
    env.compile_small();
    let id = first_id(&env);
    let out = env.ok(&["answer", &id[..6], "4"]);
    assert!(out.starts_with(&id), "{out}");
}

const PYTHON_DECK: &str = "\
---
case: sensitive
---

# Stage 1 — Basics

## 1 Ownership

T: Which function gives the last component of a path string?
A: path.basename

T: Which decorator validates one Pydantic field?
A: field_validator

T: Which shortcut opens the VS Code Command Palette?
A: Ctrl+Shift+P
A: F1

T: Make `x` the list of 1 and 2.
A: x = [1, 2]

T: Greet the world.
A: print('Hello')

Q: What does a move do?
A: It moves.
";

/// A course whose typed cards answer in Python: `(prompt start, id)`.
fn python_course(env: &TestEnv) -> Vec<(String, String)> {
    env.write("course/roadmap.md", crate::env::SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", PYTHON_DECK);
    env.compile_course();
    env.json(&["cards", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["prompt"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn id_of(cards: &[(String, String)], prompt: &str) -> String {
    cards
        .iter()
        .find(|(p, _)| p.starts_with(prompt))
        .map(|(_, id)| id.clone())
        .unwrap_or_else(|| panic!("no card {prompt:?}"))
}

#[test]
fn a_typed_answer_is_graded_as_the_review_grades_it_and_recorded() {
    let env = TestEnv::new();
    let cards = python_course(&env);
    let table = [
        (
            "Which function",
            "os.path.basename",
            true,
            "qualified_name",
            0,
        ),
        ("Which function", "basename", true, "qualified_name", 0),
        ("Which decorator", "@field_validator", true, "decorator", 0),
        ("Which shortcut", "ctrl+shift+p", true, "key_chord", 0),
        ("Which shortcut", "f1", false, "", 0),
        ("Make `x`", "x=[1,2]", true, "python_tokens", 0),
        ("Greet", "print(\"Hello\")", true, "python_tokens", 0),
        ("Greet", "print('hello')", false, "", 0),
    ];
    for (prompt, typed, correct, rule, _) in table {
        let id = id_of(&cards, prompt);
        let out = env.json(&["answer", &id, "--typed", typed, "--json"]);
        let check = &out["check"];
        assert_eq!(check["correct"], correct, "{typed}: {out}");
        assert_eq!(check["typed"], typed);
        if correct {
            assert_eq!(check["rule"], rule, "{typed}");
            assert_eq!(check["suggested"], 5, "a quick right answer");
            assert_eq!(check["diff"], serde_json::json!([{ "same": typed }]));
        } else {
            assert!(check["rule"].is_null() && check["matched"].is_null());
            assert!(check["suggested"].as_u64().unwrap() <= 2, "{out}");
            assert!(check["diff"].as_array().unwrap().len() > 1, "{out}");
        }
        // What is recorded is the suggested grade, with the typed text.
        assert_eq!(out["quality"], check["suggested"]);
    }
    // The alternative that matched is named.
    let id = id_of(&cards, "Which shortcut");
    let out = env.json(&["answer", &id, "--typed", "F1", "--json"]);
    assert_eq!(out["check"]["matched"], "F1");
    assert_eq!(out["check"]["alternative"], 1);
    assert!(env.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_typed_answer_reads_in_words() {
    let env = TestEnv::new();
    let cards = python_course(&env);
    let id = id_of(&cards, "Which function");
    let right = env.ok(&["answer", &id, "--typed", "os.path.basename"]);
    let wrong = env.ok(&["answer", &id, "--typed", "dirname", "--secs", "30"]);
    let slow = env.ok(&["answer", &id, "--typed", "basename", "--secs", "30"]);
    let graded = env.ok(&["answer", &id, "4", "--typed", "nonsense"]);
    insta::assert_snapshot!(
        "answer_typed_text",
        format!("{right}---\n{wrong}---\n{slow}---\n{graded}").replace(&id, "<id>")
    );
}

#[test]
fn a_typed_answer_to_a_basic_card_is_refused_and_writes_nothing() {
    let env = TestEnv::new();
    let cards = python_course(&env);
    let id = id_of(&cards, "What does a move do?");
    let before = env.bytes(&env.db());
    let (code, err) = env.fails(&["answer", &id, "--typed", "It moves."]);
    assert_eq!(code, 2);
    assert!(err.contains("basic card") && err.contains("hint:"), "{err}");
    let (code, err) = env.fails(&["answer", &id]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn exact_takes_only_the_text_as_the_card_has_it() {
    let env = TestEnv::new();
    let cards = python_course(&env);
    let id = id_of(&cards, "Which function");
    let out = env.json(&["answer", &id, "--typed", "basename", "--exact", "--json"]);
    assert_eq!(out["check"]["correct"], false, "{out}");
    let out = env.json(&[
        "answer",
        &id,
        "--typed",
        " path.basename",
        "--exact",
        "--json",
    ]);
    assert_eq!(out["check"]["rule"], "exact", "{out}");
}

const EXACT_DECK: &str = "\
---
case: sensitive
---

# Stage 1 — Basics

## 1 Ownership

T: Which function gives the last component of a path string, exactly?
A: os.path.basename
Match: exact

T: Which function gives the last component of a path string?
A: os.path.basename
";

#[test]
fn a_card_marked_exact_refuses_what_an_unmarked_one_accepts() {
    let env = TestEnv::new();
    env.write("course/roadmap.md", crate::env::SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", EXACT_DECK);
    env.compile_course();
    let cards = env.json(&["cards", "--json"]);
    let cards: Vec<(String, String)> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["prompt"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let exact = id_of(
        &cards,
        "Which function gives the last component of a path string, exactly",
    );
    let loose = id_of(
        &cards,
        "Which function gives the last component of a path string?",
    );
    let out = env.json(&["answer", &exact, "--typed", "basename", "--json"]);
    assert_eq!(out["check"]["correct"], false, "{out}");
    let out = env.json(&["answer", &loose, "--typed", "basename", "--json"]);
    assert_eq!(out["check"]["correct"], true, "{out}");
    assert_eq!(out["check"]["rule"], "qualified_name", "{out}");
    // The review compares as `answer` does: one wrong, one right.
    let env = TestEnv::new();
    env.write("course/roadmap.md", crate::env::SMALL_ROADMAP);
    env.write("course/decks/stage-1.md", EXACT_DECK);
    env.compile_course();
    let out = env.session(&["review"], "basename\n\nbasename\n\nq\n");
    let exact_at = out.find("exactly?").expect("the exact card was asked");
    let loose_at = out.find("string?").expect("the other card was asked");
    let (first, second) = if exact_at < loose_at {
        (&out[exact_at..loose_at], &out[loose_at..])
    } else {
        (&out[exact_at..], &out[loose_at..exact_at])
    };
    assert!(first.contains("✗") && !first.contains("✓"), "{out}");
    assert!(second.contains("✓"), "{out}");
}
