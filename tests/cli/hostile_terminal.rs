//! Issue 18, findings 4–6: hostile text meets the terminal. Every C0 and C1
//! control, OSC 0/8/52 and the bidi overrides, from a deck, a roadmap, a TSV
//! and a package (raw and as HTML entities), go through every command that
//! prints, and none reaches stdout or stderr raw. A typed answer of a
//! megabyte, or one against a 60 KB answer, gets a verdict; `e` on pipes is
//! refused instead of running `$EDITOR` on them.
//!
//! The crafted deck and roadmap are `tests/fixtures/hostile-terminal/`
//! (`payload.txt` is the hostile text they carry); the package is made here
//! from recall's own export plus SQL.

use crate::env::{spawn_pty, TestEnv};
use expectrl::{Eof, Session};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Generous: a healthy run answers in milliseconds; a hang is what fails.
const PATIENCE: Duration = Duration::from_secs(120);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-terminal")
}

fn payload() -> String {
    std::fs::read_to_string(fixtures().join("payload.txt")).unwrap()
}

/// A character a terminal would obey: C0 but `\n` and `\t`, DEL, C1, and
/// the bidi overrides and isolates. (Written out here, not taken from recall.)
fn obeyed(c: char) -> bool {
    let u = u32::from(c);
    (u < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

/// Fails with where and what if `bytes` hold a raw control character.
fn assert_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| obeyed(c)) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!("{what}: raw {c:?} at byte {i}, after {:?}", &text[from..i]);
    }
}

/// Runs `recall args…` with `stdin`; checks stdout and stderr; returns the run.
fn run_safe(env: &TestEnv, args: &[&str], stdin: &str) -> Output {
    let out = env
        .cmd(args)
        .write_stdin(stdin.to_string())
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c != 101),
        "recall {args:?} crashed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_safe(&format!("stdout of {args:?}"), &out.stdout);
    assert_safe(&format!("stderr of {args:?}"), &out.stderr);
    out
}

fn stdout_safe(env: &TestEnv, args: &[&str], stdin: &str) -> String {
    let out = run_safe(env, args, stdin);
    assert!(
        out.status.success(),
        "recall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// How the payload's first controls look once shown: caret notation.
const SHOWN: &str = "X^A^B^C^D^E^F^G^H\t^K^L^M^N";
const SHOWN_OSC: &str = "^[]0;pwned-title^G^[]8;;https://evil.example/^[\\click";
const SHOWN_BIDI: &str = "<U+202E>evil<U+202C><U+2066>iso<U+2069>Y";

fn hostile_course() -> TestEnv {
    let env = TestEnv::new();
    let f = fixtures();
    let out = stdout_safe(
        &env,
        &[
            "compile",
            "--roadmap",
            f.join("roadmap.md").to_str().unwrap(),
            f.join("decks").to_str().unwrap(),
        ],
        "",
    );
    assert!(out.contains("compiled 4 cards"), "{out}");
    env
}

/// One line per key or answer; " " reveals a basic card and is a (wrong)
/// answer to a typed one, and "4" grades either.
fn script(cards: usize) -> String {
    " \n4\n".repeat(cards)
}

#[test]
fn hostile_deck_text_is_shown_never_obeyed_by_every_command() {
    let env = hostile_course();
    let cards = stdout_safe(&env, &["cards"], "");
    assert!(cards.contains("Basic X^A^B"), "{cards}");
    let listed = stdout_safe(&env, &["cards", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&listed).expect("cards --json parses");
    let prompts: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["prompt"].as_str().unwrap())
        .collect();
    // Escaped for the terminal, exact for the script that parses it.
    assert!(
        prompts.contains(&format!("Basic {} prompt?", payload()).as_str()),
        "{prompts:?}"
    );
    assert!(listed.contains("\\u009b") && listed.contains("\\u202e"));
    stdout_safe(&env, &["next"], "");
    let next = stdout_safe(&env, &["next", "--json"], "");
    serde_json::from_str::<serde_json::Value>(&next).expect("next --json parses");
    let stats = stdout_safe(&env, &["stats", "--phase", "stage-1"], "");
    assert!(stats.contains("A small CLI X^A^B"), "{stats}");
    stdout_safe(&env, &["stats"], "");
    let stats_json = stdout_safe(&env, &["stats", "--phase", "stage-1", "--json"], "");
    serde_json::from_str::<serde_json::Value>(&stats_json).expect("stats --json parses");

    let review = stdout_safe(&env, &["review", "--plain"], &script(4));
    assert!(review.contains("answered 4"), "{review}");
    for shown in [SHOWN, SHOWN_OSC, SHOWN_BIDI, "<U+0085><U+0086>"] {
        assert!(review.contains(shown), "{shown:?} not in {review}");
    }
    // The typed card's verdict and diff carry the payload too.
    assert!(review.contains("expected: typedX^A"), "{review}");
    let prompt = review.lines().find(|l| l.starts_with("Basic X")).unwrap();
    insta::assert_snapshot!("hostile_prompt_as_shown", prompt);
    let drill = stdout_safe(&env, &["drill", "--plain"], &script(4));
    assert!(drill.contains("Drill over"), "{drill}");
    stdout_safe(&env, &["due"], "");
}

#[test]
fn export_to_a_pipe_is_data_and_to_a_file_too() {
    let env = hostile_course();
    // Documented in docs/export.md: only a terminal gets the shown form.
    for format in ["md", "tsv"] {
        let out = env.cmd(&["export", "--format", format]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(&format!("Basic {} prompt?", payload())),
            "{format}"
        );
        let file = env.path(&format!("out.{format}"));
        let done = stdout_safe(
            &env,
            &["export", "--format", format, "-o", file.to_str().unwrap()],
            "",
        );
        assert!(done.starts_with("exported 4 cards"), "{done}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
}

fn spawn(env: &TestEnv, args: &[&str]) -> Session {
    spawn_pty(env, args, PATIENCE)
}

/// What a terminal session printed may hold recall's own escape codes (the
/// screen clears of the prompter, `\r` of the terminal's line discipline),
/// but nothing the payload carries: no OSC, no BEL, no C1, no bidi control.
fn assert_no_payload_escapes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains("\x1b]"),
        "{what}: an OSC sequence reached the terminal"
    );
    assert!(
        !text.contains("\x1bP") && !text.contains("\x1b\\"),
        "{what}: DCS/ST"
    );
    let own = |c: char| c == '\x1b' || c == '\r' || c == '\x08';
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| obeyed(c) && !own(c)) {
        panic!("{what}: raw {c:?} at byte {i}");
    }
}

#[test]
fn export_and_review_on_a_terminal_show_controls_visibly() {
    let env = hostile_course();
    for format in ["md", "tsv"] {
        let mut s = spawn(&env, &["export", "--format", format]);
        let out = s.expect(Eof).unwrap();
        let bytes = out.as_bytes();
        // No escape codes of its own: nothing but `\r\n` line ends may be there.
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        assert_safe(
            &format!("export --format {format} on a terminal"),
            text.as_bytes(),
        );
        assert!(text.contains(SHOWN_OSC), "{text}");
    }
    let mut s = spawn(&env, &["review"]);
    let mut seen = Vec::new();
    {
        seen.extend_from_slice(s.expect("[Space] show answer").unwrap().as_bytes());
        s.send(" ").unwrap();
        seen.extend_from_slice(s.expect("[0–5] grade").unwrap().as_bytes());
        s.send("4").unwrap();
        seen.extend_from_slice(s.expect("saved 4").unwrap().as_bytes());
    }
    seen.extend_from_slice(s.expect("type the answer").unwrap().as_bytes());
    s.send("wrong\r").unwrap();
    seen.extend_from_slice(s.expect("expected: ").unwrap().as_bytes());
    seen.extend_from_slice(s.expect("[Enter]").unwrap().as_bytes());
    s.send("q").unwrap();
    seen.extend_from_slice(s.expect(Eof).unwrap().as_bytes());
    assert_no_payload_escapes("review on a terminal", &seen);
    let text = String::from_utf8_lossy(&seen);
    assert!(
        text.contains(SHOWN_OSC) && text.contains(SHOWN_BIDI),
        "{text}"
    );
}

/// The payload without `\r` and the unit separator, which TSV and Anki
/// fields use as structure; HTML entities for ESC, BEL, NUL, CSI and DEL.
fn package_payload() -> String {
    payload().replace(['\r', '\x1f'], "")
}
const ENTITIES: &str = "Entity &#27;]0;pwned&#7; &#0; &#x9b;2J &#127; &#x1B;]52;c;eA==&#x07;";

fn hostile_package(dir: &Path) -> PathBuf {
    let source = TestEnv::new();
    source.compile_small();
    let apkg = source.path("plain.apkg");
    source.ok(&["export", "--format", "apkg", "-o", apkg.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&apkg).unwrap()).unwrap();
    let mut collection = Vec::new();
    zip.by_name("collection.anki21")
        .unwrap()
        .read_to_end(&mut collection)
        .unwrap();
    let db = dir.join("collection.anki21");
    std::fs::write(&db, &collection).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    // The first field gets entities and raw bytes; the answer field too.
    conn.execute(
        "UPDATE notes SET flds = ?1 || flds || ?2",
        (
            format!("{ENTITIES} {} ", package_payload()),
            format!(" &#0;{ENTITIES}"),
        ),
    )
    .unwrap();
    // Deck names are JSON in `col.decks`: an escaped ESC decodes to a raw one.
    conn.execute(
        "UPDATE col SET decks = replace(decks, '\"name\":\"', '\"name\":\"\\u001b]0;deck\\u0007')",
        (),
    )
    .unwrap();
    drop(conn);
    let path = dir.join("hostile.apkg");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    out.start_file("collection.anki21", options).unwrap();
    out.write_all(&std::fs::read(&db).unwrap()).unwrap();
    out.start_file("media", options).unwrap();
    out.write_all(b"{}").unwrap();
    out.finish().unwrap();
    path
}

#[test]
fn imported_tsv_and_package_text_is_shown_never_obeyed() {
    let env = TestEnv::new();
    let tsv = env.path("notes.tsv");
    let p = package_payload();
    std::fs::write(
        &tsv,
        format!(
            "#separator:tab\n#html:false\nTSV front {p}\tTSV back {p}\nsecond {p}\tanswer two\n"
        ),
    )
    .unwrap();
    let imported = stdout_safe(&env, &["import", tsv.to_str().unwrap()], "");
    assert!(imported.contains("imported 2 cards"), "{imported}");
    let package = hostile_package(env.dir.path());
    // The import border may refuse or clean what it reads (another part of
    // issue 18): whatever it says, it says it safely.
    let out = run_safe(&env, &["import", package.to_str().unwrap()], "");
    let said = String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        assert!(
            said.contains("^[]0;deck^G") || !said.contains("deck"),
            "{said}"
        );
    }
    stdout_safe(&env, &["cards"], "");
    stdout_safe(&env, &["next"], "");
    let json: serde_json::Value =
        serde_json::from_str(&stdout_safe(&env, &["cards", "--json"], "")).unwrap();
    for card in json.as_array().unwrap() {
        for field in ["prompt", "answer"] {
            let text = card[field].as_str().unwrap();
            // Entities never decode to a control character (U+FFFD instead).
            assert!(
                !text.contains("Entity \x1b") && !text.contains('\0'),
                "{text:?}"
            );
        }
    }
    let review = stdout_safe(&env, &["review", "--plain"], &script(12));
    assert!(review.contains("Session over"), "{review}");
    stdout_safe(&env, &["drill", "--plain"], &script(12));
    stdout_safe(&env, &["stats"], "");
}

#[test]
fn an_error_quoting_hostile_text_is_safe_on_stderr() {
    let env = TestEnv::new();
    let (roadmap, _) = env.small_course();
    // Errors quote file names, and a directory listing is hostile input too.
    let name = format!("{}.md", payload().replace('/', ""));
    let deck = env.write(
        &format!("bad/{name}"),
        "# Stage 1 — Basics\n\n## 9 Nowhere\n\nQ: q?\nA: a\n",
    );
    for path in [deck.clone(), deck.with_extension("gone.md")] {
        let out = run_safe(
            &env,
            &[
                "compile",
                "--roadmap",
                roadmap.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
            "",
        );
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(SHOWN), "{stderr}");
    }
}

/// The small course's third card is typed (`Copy`).
const TO_THE_TYPED_CARD: &str = " \n4\n \n4\n";

#[test]
fn a_long_typed_answer_is_refused_in_line_mode_and_the_session_goes_on() {
    let env = TestEnv::new();
    env.compile_small();
    let long = "Copy ".repeat(200_000); // 1 MB on one line
    let stdin = format!("{TO_THE_TYPED_CARD}{long}\nCopy\n\n");
    let out = stdout_safe(&env, &["review", "--plain"], &stdin);
    assert!(
        out.contains("that answer is 1000000 bytes; a typed answer has at most 4096 (4 KiB)"),
        "{out}"
    );
    assert!(out.contains("✓ correct · your answer: Copy"), "{out}");
    assert!(out.contains("answered 3"), "{out}");
    let said = out
        .lines()
        .find(|l| l.starts_with("that answer is"))
        .unwrap();
    insta::assert_snapshot!("typed_answer_too_long", said);
    // Topic 1.1 holds the typed card alone.
    let drill = stdout_safe(
        &env,
        &["drill", "--topic", "stage-1/1.1", "--plain"],
        &format!("{long}\nCpoy\n4\n"),
    );
    assert!(drill.contains("a typed answer has at most 4096"), "{drill}");
    assert!(
        drill.contains("expected: Copy") && drill.contains("score 1/1"),
        "{drill}"
    );
}

#[test]
fn a_typed_answer_against_a_60_kb_answer_gets_a_verdict() {
    let env = TestEnv::new();
    let (roadmap, _) = env.small_course();
    let expected = format!("{}{}", "a".repeat(30_000), "b".repeat(30_000));
    let deck = env.write(
        "long/stage-1.md",
        &format!("# Stage 1 — Basics\n\n## 1 Ownership\n\nT: the long one?\nA: {expected}\n"),
    );
    env.ok(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        deck.to_str().unwrap(),
    ]);
    // The typed card: 4 KiB typed, all wrong.
    let typed = "c".repeat(4_000);
    let out = stdout_safe(&env, &["review", "--plain"], &format!("{typed}\n1\n"));
    assert!(out.contains("✗ wrong · your answer: "), "{out}");
    assert!(
        out.contains(&format!("[-{typed}-]{{+{expected}+}}")),
        "linear diff"
    );
    assert!(out.contains("saved 1"), "{out}");
}

#[test]
fn e_in_a_piped_session_is_refused_and_returns() {
    let env = TestEnv::new();
    env.compile_small();
    // `e` on the first card (before and after the reveal), Esc then `e` on the typed one.
    let out = env
        .cmd(&["review"])
        .env("EDITOR", "sleep 1000")
        .write_stdin("e\n \ne\n4\n \n4\n\x1b\ne\nq\n")
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let refused = "e opens $EDITOR, which needs a terminal: input or output here is a pipe";
    assert_eq!(stdout.matches(refused).count(), 3, "{stdout}");
    let at = stdout.find(refused).unwrap();
    let said: Vec<&str> = stdout[at..].lines().take(2).collect();
    let said = said
        .join("\n")
        .replace(env.dir.path().to_str().unwrap(), "[TMP]");
    insta::assert_snapshot!("e_refused_on_pipes", said);
    // Where to edit instead: the card's source, as `cards --json` gives it.
    assert_eq!(
        stdout
            .matches("yourself, then run `recall compile` again")
            .count(),
        3,
        "{stdout}"
    );
    assert!(stdout.contains("answered 2"), "{stdout}");
}
