//! The hostile-input corpus (`tests/fixtures/`): malformed decks and
//! roadmaps, big generated inputs, and broken collections. Each is refused
//! with a clear message (`file:line:col` where it applies; snapshots), a
//! non-zero exit, and a collection left byte-identical.

use crate::env::TestEnv;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// A line of 100 MB: refused at its line without reading it all.
const HUGE_LINE_BYTES: usize = 100 * 1024 * 1024;
/// `{{` nested this deep in one cloze (a line just under the length limit).
const NESTING: usize = 30_000;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The files of a fixture directory, by name.
fn corpus(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {dir}");
    names
}

/// Runs `recall args…` in the fixtures directory on a compiled small
/// collection; asserts failure and an untouched collection; returns stderr
/// with the temp dir written `[TMP]`.
fn refused(env: &TestEnv, args: &[&str]) -> String {
    let before = env.bytes(&env.db());
    let out = env.cmd(args).current_dir(fixtures()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "recall {args:?} succeeded");
    assert!(
        out.status.code().is_some(),
        "recall {args:?} crashed: {stderr}"
    );
    assert_eq!(
        env.bytes(&env.db()),
        before,
        "recall {args:?} changed the collection"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("\nhint: "), "no hint: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr.replace(env.dir.path().to_str().unwrap(), "[TMP]")
}

fn compiled() -> TestEnv {
    let env = TestEnv::new();
    env.compile_small();
    env
}

/// `error: <path>:<line>:<col>: …`
fn points_at_a_line(stderr: &str, path: &str) {
    let rest = stderr
        .strip_prefix(&format!("error: {path}:"))
        .unwrap_or_else(|| panic!("no {path}:line:col in {stderr}"));
    let mut parts = rest.splitn(3, ':');
    for _ in 0..2 {
        let n = parts.next().unwrap();
        assert!(n.parse::<u32>().is_ok_and(|n| n > 0), "{stderr}");
    }
}

fn compile_deck(env: &TestEnv, deck: &str) -> String {
    let (roadmap, _) = env.small_course();
    refused(
        env,
        &["compile", "--roadmap", roadmap.to_str().unwrap(), deck],
    )
}

fn compile_roadmap(env: &TestEnv, roadmap: &str) -> String {
    let (_, decks) = env.small_course();
    refused(
        env,
        &["compile", "--roadmap", roadmap, decks.to_str().unwrap()],
    )
}

#[test]
fn malformed_decks_are_refused_at_their_line() {
    let env = compiled();
    for name in corpus("decks") {
        let path = format!("decks/{name}");
        let err = compile_deck(&env, &path);
        points_at_a_line(&err, &path);
        insta::assert_snapshot!(format!("deck_{name}"), err);
    }
}

#[test]
fn malformed_roadmaps_are_refused_at_their_line() {
    let env = compiled();
    for name in corpus("roadmaps") {
        let path = format!("roadmaps/{name}");
        let err = compile_roadmap(&env, &path);
        points_at_a_line(&err, &path);
        insta::assert_snapshot!(format!("roadmap_{name}"), err);
    }
}

/// `head`, then `fill` repeated `count` times, then `tail`, written in chunks.
fn generate(path: &Path, head: &str, fill: &str, count: usize, tail: &str) {
    let mut file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    file.write_all(head.as_bytes()).unwrap();
    let chunk = fill.repeat(4096);
    for _ in 0..count / 4096 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    file.write_all(fill.repeat(count % 4096).as_bytes())
        .unwrap();
    file.write_all(tail.as_bytes()).unwrap();
}

const DECK_HEAD: &str = "# Stage 1 — Basics\n\n## 1 Ownership\n\n";

#[test]
fn huge_and_absurdly_nested_inputs_are_refused_at_their_line() {
    let env = compiled();
    let huge = env.path("huge-line.md");
    generate(
        &huge,
        &format!("{DECK_HEAD}Q: "),
        "a",
        HUGE_LINE_BYTES,
        "?\nA: y\n",
    );
    let err = compile_deck(&env, huge.to_str().unwrap());
    insta::assert_snapshot!("deck_100mb_line", err);

    let nested = env.path("nested.md");
    generate(&nested, &format!("{DECK_HEAD}C: "), "{{", NESTING, "x\n");
    let err = compile_deck(&env, nested.to_str().unwrap());
    insta::assert_snapshot!("deck_30k_nested_cloze", err);

    let roadmap = env.path("huge-roadmap.md");
    generate(
        &roadmap,
        "# R\n\n## Stage 1 — Basics\n\n",
        "#",
        HUGE_LINE_BYTES,
        "\n",
    );
    let err = compile_roadmap(&env, roadmap.to_str().unwrap());
    insta::assert_snapshot!("roadmap_100mb_line", err);

    let deep = env.path("deep-roadmap.md");
    let numbering = "1.".repeat(NESTING / 10);
    generate(
        &deep,
        "# R\n\n## Stage 1 — Basics\n\n**Goal:** g\n\n1. **One** — a\n   ",
        &numbering,
        1,
        "1 deep\n",
    );
    let err = compile_roadmap(&env, deep.to_str().unwrap());
    assert!(err.contains("numbered deeper than a subtopic"), "{err}");

    let err = compile_deck(&env, "/dev/zero");
    insta::assert_snapshot!("deck_dev_zero", err);
}

/// Broken import packages come with the import command: a `PACKAGES` table
/// over `tests/fixtures/packages/` belongs here, run like the decks above.
#[test]
fn the_package_corpus_has_its_place() {
    assert!(fixtures().join("packages/README.md").exists());
}

/// What every command says about a broken collection file.
fn every_command_refuses(env: &TestEnv) -> String {
    let mut report = String::new();
    let (roadmap, decks) = env.small_course();
    let commands: [&[&str]; 6] = [
        &["next"],
        &["answer", "0000000000ab", "4"],
        &["review"],
        &[
            "compile",
            "--roadmap",
            roadmap.to_str().unwrap(),
            decks.to_str().unwrap(),
        ],
        &["check"],
        &["backup"],
    ];
    for args in commands {
        report.push_str(&format!("$ recall {}\n", args[0]));
        report.push_str(&refused(env, args));
    }
    report
}

fn broken_collection(case: &str, env: &TestEnv) {
    env.compile_small();
    let db = env.db();
    match case {
        "truncated" => {
            let bytes = fs::read(&db).unwrap();
            fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
        }
        "random-bytes" => {
            let mut bytes = vec![0u8; 64 * 1024];
            StdRng::seed_from_u64(7).fill_bytes(&mut bytes);
            fs::write(&db, bytes).unwrap();
        }
        "newer-schema" => {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("PRAGMA user_version = 99;").unwrap();
        }
        "read-only" => {
            fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).unwrap();
        }
        other => panic!("no case {other}"),
    }
}

#[test]
fn broken_collections_are_refused_untouched_by_every_command() {
    for case in ["truncated", "random-bytes", "newer-schema", "read-only"] {
        let env = TestEnv::new();
        broken_collection(case, &env);
        let report = every_command_refuses(&env);
        insta::assert_snapshot!(format!("collection_{case}"), report);
    }
}

#[test]
fn a_missing_directory_is_reported_and_not_created_by_readers() {
    let env = TestEnv::new();
    let missing = env.path("no/such/dir");
    for args in [
        &["next"][..],
        &["answer", "0000000000ab", "4"],
        &["check"],
        &["backup"],
    ] {
        let out = assert_cmd::Command::cargo_bin("recall")
            .unwrap()
            .arg("--db")
            .arg(missing.join("collection.sqlite"))
            .args(args)
            .env_remove("RECALL_DB")
            .output()
            .unwrap();
        let err =
            String::from_utf8_lossy(&out.stderr).replace(env.dir.path().to_str().unwrap(), "[TMP]");
        assert!(!out.status.success());
        assert!(
            err.starts_with("error: no collection at [TMP]/no/such/dir/collection.sqlite"),
            "{err}"
        );
        assert!(
            err.contains("hint: run `recall compile` or `recall review`"),
            "{err}"
        );
    }
    assert!(!env.path("no").exists());
    // A directory where the collection should be.
    fs::create_dir(env.db()).unwrap();
    let err = refused(&env, &["next"]);
    insta::assert_snapshot!("collection_is_a_directory", err);
}
