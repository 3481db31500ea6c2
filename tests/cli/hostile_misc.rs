//! Issue 18, findings 8 and 9: input that used to be misread in silence, and
//! messages that sent the user the wrong way. Each case runs the real binary;
//! the messages are insta snapshots (`hostile_misc__*`), with the temp
//! directory written `[TMP]`. Fixtures: `tests/fixtures/hostile-misc/`.

use crate::env::TestEnv;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile-misc")
        .join(name)
}

/// stderr with the temp dir and the fixtures dir written as placeholders.
fn scrub(env: &TestEnv, stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .replace(env.dir.path().to_str().unwrap(), "[TMP]")
        .replace(fixture("").to_str().unwrap(), "[FIXTURES]/")
}

/// Runs `recall args…`; asserts a clean failure (an exit code, `error:` and
/// a hint, no panic) and returns (code, scrubbed stderr).
fn refused(env: &TestEnv, args: &[&str]) -> (i32, String) {
    let out = env.cmd(args).output().unwrap();
    let stderr = scrub(env, &out.stderr);
    assert!(!out.status.success(), "recall {args:?} succeeded: {stderr}");
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("crashed: {stderr}"));
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("\nhint: "), "no hint: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

// ---- finding 8: a BOM, unknown headers, a file that makes no card ----

#[test]
fn a_tsv_with_a_byte_order_mark_imports_its_notes() {
    let env = TestEnv::new();
    let file = fixture("bom.tsv");
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert!(out.starts_with("imported 4 cards"), "{out}");
    assert!(out.contains("deck anki-spanish ← Spanish"), "{out}");
    assert!(!out.contains("skipped"), "{out}");
    let cards = env.json(&["cards", "--json"]);
    assert_eq!(cards[0]["prompt"], "to eat");
    assert_eq!(cards[0]["answer"], "comer");
}

#[test]
fn a_tsv_of_only_unusable_lines_fails_and_says_why() {
    let env = TestEnv::new();
    let file = fixture("unusable.tsv");
    let (code, err) = refused(&env, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(!env.db().exists(), "a failed import created the collection");
    insta::assert_snapshot!("import_unusable_lines", err);

    // Into an existing collection: byte-identical after.
    env.compile_small();
    let before = env.bytes(&env.db());
    refused(&env, &["import", file.to_str().unwrap()]);
    assert_eq!(env.bytes(&env.db()), before);
}

#[test]
fn an_unknown_header_is_refused_at_its_line() {
    let env = TestEnv::new();
    let file = fixture("unknown-header.tsv");
    let (code, err) = refused(&env, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(!env.db().exists());
    insta::assert_snapshot!("import_unknown_header", err);
}

// ---- finding 9: messages that misled ----

#[test]
fn now_past_the_last_supported_year_is_refused_with_the_range() {
    let mut env = TestEnv::new();
    env.compile_small();
    let before = env.bytes(&env.db());
    let mut report = String::new();
    for now in [
        "9999-12-31T23:59:59+00:00",
        "1969-12-31T23:59:59Z",
        "9998-12-31T23:30:00-01:00",
    ] {
        env.now = now.to_string();
        let out = env.cmd(&["due"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{now}");
        assert!(out.stdout.is_empty(), "{now}");
        report.push_str(&scrub(&env, &out.stderr));
    }
    assert!(!report.contains("+10000"), "{report}");
    assert_eq!(env.bytes(&env.db()), before);
    insta::assert_snapshot!("now_out_of_range", report);
    // The last day of the range still works.
    env.now = "9998-12-31T12:00:00Z".to_string();
    let out = env.ok(&["due"]);
    assert!(out.contains("(9998-12-31)"), "{out}");
}

#[test]
fn invalid_utf8_on_stdin_is_invalid_input_not_a_terminal_fault() {
    let env = TestEnv::new();
    env.compile_small();
    let out = env
        .cmd(&["review", "--plain"])
        .write_stdin(b"\n\xff\xfe answer\n".to_vec())
        .output()
        .unwrap();
    let err = scrub(&env, &out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("cannot write to the terminal"), "{err}");
    insta::assert_snapshot!("stdin_not_utf8", err);
    // Nothing half-done: the collection still checks out.
    env.ok(&["check"]);
}
