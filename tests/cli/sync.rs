//! `recall sync`: three collections ("devices") answer through days and sync
//! in different orders through a plain folder and a bare git repository;
//! they end with the same cards and the same log, `check` passes on each,
//! and every acknowledged answer is there exactly once. Then the faults.

use crate::env::{recall_process, TestEnv};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn devices(n: usize) -> Vec<TestEnv> {
    (0..n)
        .map(|_| {
            let env = TestEnv::new();
            env.compile_small();
            env
        })
        .collect()
}

fn at(env: &mut TestEnv, day: u32, hour: u32) {
    env.now = format!("2026-11-{day:02}T{hour:02}:00:00+01:00");
}

/// A minute on. A pinned clock runs on from its instant in each process, so
/// two commands pinned at one instant log times in the order their
/// processes reach the write, and a loaded machine makes that "the device's
/// clock went back": a device's commands each get their own minute.
fn tick(env: &mut TestEnv) {
    let now = chrono::DateTime::parse_from_rfc3339(&env.now).unwrap();
    env.now = (now + chrono::Duration::minutes(1)).to_rfc3339();
}

fn sync(env: &TestEnv, dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["sync", dir.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    env.json(&args)
}

/// `cards --json` without the source path, which is each device's own.
fn cards(env: &TestEnv) -> Value {
    let mut cards = env.json(&["cards", "--json"]);
    for card in cards.as_array_mut().unwrap() {
        card.as_object_mut().unwrap().remove("source");
    }
    cards
}

fn checked(env: &TestEnv) {
    let out = env.ok(&["check"]);
    assert!(out.starts_with("ok:"), "{out}");
}

/// The log as every device must hold it: rows by global id, in replay order.
fn global_log(env: &TestEnv) -> Vec<(String, i64, String, String, Option<i64>)> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT o.device, o.seq, printf('%012x', r.card_id), r.event, r.quality
             FROM review_log r JOIN event_origin o ON o.log_id = r.id
             ORDER BY r.card_id, o.clock_ms, o.device, o.seq",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn device_id(env: &TestEnv) -> String {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
        r.get(0)
    })
    .unwrap()
}

/// An answer, acknowledged: returns its (device, seq).
fn answer(env: &TestEnv, card: &str, grade: u8) -> (String, i64) {
    env.ok(&["answer", card, &grade.to_string()]);
    last_answer(env)
}

/// The (device, seq) of the last answer logged.
fn last_answer(env: &TestEnv) -> (String, i64) {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(
        "SELECT o.device, o.seq FROM review_log r JOIN event_origin o ON o.log_id = r.id
         WHERE r.event = 'answer' ORDER BY r.id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn assert_all_agree(devs: &[TestEnv], acknowledged: &[(String, i64)]) {
    let first = cards(&devs[0]);
    let log = global_log(&devs[0]);
    for env in devs {
        checked(env);
        assert_eq!(cards(env), first);
        assert_eq!(global_log(env), log);
    }
    for id in acknowledged {
        let n = log.iter().filter(|r| (&r.0, r.1) == (&id.0, id.1)).count();
        assert_eq!(n, 1, "answer {id:?} is in the log {n} times");
    }
    let answers = log.iter().filter(|r| r.3 == "answer").count();
    assert_eq!(answers, acknowledged.len());
}

/// Three devices answer over three days; each day they sync in another
/// order through `sync` (a plain folder, or git clones of one bare repo).
fn days_of_answers(folders: &[PathBuf], git: bool) {
    let mut devs = devices(3);
    let ids = devs[0].card_ids();
    let extra: &[&str] = if git { &["--git"] } else { &[] };
    let mut acknowledged = Vec::new();
    let orders = [[0, 1, 2], [2, 0, 1], [1, 2, 0]];
    // On the first morning device 0 answers in the review and takes it
    // back with `u`: the undo travels too, naming its answer.
    at(&mut devs[0], 25, 7);
    let out = devs[0].session(&["review"], "\n4\nu\nq\n");
    assert!(out.contains("undone"), "{out}");
    acknowledged.push(last_answer(&devs[0]));
    for (d, order) in orders.iter().enumerate() {
        let day = 25 + u32::try_from(d).unwrap();
        for (i, env) in devs.iter_mut().enumerate() {
            at(env, day, 8 + u32::try_from(i).unwrap());
            // The same card on every device the same day, and one of its own.
            acknowledged.push(answer(env, &ids[0], [5, 2, 4][i]));
            tick(env);
            acknowledged.push(answer(env, &ids[1 + i], [3, 4, 1][(i + d) % 3]));
            tick(env);
        }
        devs[1].ok(&["suspend", &ids[5]]);
        devs[2].ok(&["bury", &ids[6]]);
        for &i in order {
            let report = sync(&devs[i], &folders[i], extra);
            assert_eq!(report["warnings"], Value::Array(vec![]), "{report}");
        }
    }
    // One more round so that the first of the last order sees the others.
    for (i, env) in devs.iter().enumerate() {
        sync(env, &folders[i], extra);
    }
    assert_all_agree(&devs, &acknowledged);
    let again = sync(&devs[0], &folders[0], extra);
    assert_eq!(
        (again["pulled"].as_u64(), again["pushed"].as_u64()),
        (Some(0), Some(0))
    );
    // Every device's answers to the card, in time order, and the undone one.
    let shown = devs[2].json(&["show", &ids[0], "--json"]);
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.len(), 11, "{shown}");
    assert_eq!(
        (history[0]["undone"].as_bool(), history[1]["event"].as_str()),
        (Some(true), Some("undo"))
    );
}

#[test]
fn three_devices_through_days_of_answers_agree_whatever_the_sync_order() {
    let shared = TempDir::new().unwrap();
    let folder = shared.path().to_path_buf();
    days_of_answers(&[folder.clone(), folder.clone(), folder], false);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(git_env())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git_env() -> [(&'static str, &'static str); 6] {
    [
        ("GIT_AUTHOR_NAME", "recall test"),
        ("GIT_AUTHOR_EMAIL", "test@example.org"),
        ("GIT_COMMITTER_NAME", "recall test"),
        ("GIT_COMMITTER_EMAIL", "test@example.org"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_CONFIG_NOSYSTEM", "1"),
    ]
}

#[test]
fn three_devices_sync_through_a_local_bare_git_repository() {
    let root = TempDir::new().unwrap();
    let bare = root.path().join("shared.git");
    std::fs::create_dir(&bare).unwrap();
    git(
        &bare,
        &["init", "--quiet", "--bare", "--initial-branch=main"],
    );
    let clones: Vec<PathBuf> = (0..3)
        .map(|i| {
            let clone = root.path().join(format!("clone-{i}"));
            git(
                root.path(),
                &[
                    "clone",
                    "--quiet",
                    bare.to_str().unwrap(),
                    clone.to_str().unwrap(),
                ],
            );
            git(&clone, &["symbolic-ref", "HEAD", "refs/heads/main"]);
            // recall runs the user's git: its identity is the clone's.
            git(&clone, &["config", "user.name", "recall test"]);
            git(&clone, &["config", "user.email", "test@example.org"]);
            clone
        })
        .collect();
    days_of_answers(&clones, true);
    let log = Command::new("git")
        .arg("-C")
        .arg(&bare)
        .args(["log", "--oneline", "main"])
        .output()
        .unwrap();
    let commits = String::from_utf8_lossy(&log.stdout).lines().count();
    assert!(commits >= 9, "one commit per device and day: {commits}");
}

/// A device that answered `n` times and synced into `dir`: (env, its segment).
fn published(dir: &Path, n: usize) -> (TestEnv, PathBuf) {
    let mut env = devices(1).pop().unwrap();
    let ids = env.card_ids();
    for (i, id) in ids.iter().take(n).enumerate() {
        at(&mut env, 25, 8 + u32::try_from(i).unwrap());
        env.ok(&["answer", id, "4"]);
    }
    sync(&env, dir, &[]);
    let segment = dir
        .join("devices")
        .join(device_id(&env))
        .join("000000000001.jsonl");
    assert!(segment.is_file());
    (env, segment)
}

#[test]
fn a_truncated_segment_is_reported_with_its_line_and_the_next_sync_reads_on() {
    let shared = TempDir::new().unwrap();
    let (_b, segment) = published(shared.path(), 4);
    let whole = std::fs::read_to_string(&segment).unwrap();
    let cut = whole.len() - 20;
    std::fs::write(&segment, &whole[..cut]).unwrap();
    let a = devices(1).pop().unwrap();
    let report = sync(&a, shared.path(), &[]);
    assert_eq!(report["pulled"], 3, "{report}");
    let warning = report["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains("000000000001.jsonl:5") && warning.contains("truncated"),
        "{warning}"
    );
    checked(&a);
    std::fs::write(&segment, &whole).unwrap();
    let report = sync(&a, shared.path(), &[]);
    assert_eq!(
        (
            report["pulled"].as_u64(),
            report["warnings"].as_array().unwrap().len()
        ),
        (Some(1), 0)
    );
    checked(&a);
}

#[test]
fn a_hand_edited_line_and_a_newer_version_are_named_and_nothing_past_them_is_read() {
    let shared = TempDir::new().unwrap();
    let (_b, segment) = published(shared.path(), 3);
    let whole = std::fs::read_to_string(&segment).unwrap();
    std::fs::write(
        &segment,
        whole.replacen("\"quality\":4", "\"quality\":9", 2),
    )
    .unwrap();
    let a = devices(1).pop().unwrap();
    let before = a.ok(&["cards", "--json"]);
    let report = sync(&a, shared.path(), &[]);
    assert_eq!(report["pulled"], 0, "{report}");
    let warning = report["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains("000000000001.jsonl:2") && warning.contains("quality"),
        "{warning}"
    );
    assert_eq!(a.ok(&["cards", "--json"]), before);
    std::fs::write(
        &segment,
        whole.replacen("\"recall_sync\":1", "\"recall_sync\":7", 1),
    )
    .unwrap();
    let report = sync(&a, shared.path(), &[]);
    let warning = report["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains(":1: format version 7 is newer"),
        "{warning}"
    );
    assert_eq!(a.ok(&["cards", "--json"]), before);
    checked(&a);
}

#[test]
fn a_copied_collection_is_a_device_id_collision_and_changes_nothing() {
    let shared = TempDir::new().unwrap();
    let (mut b, _) = published(shared.path(), 1);
    let copy = TestEnv::new();
    std::fs::copy(b.db(), copy.db()).unwrap();
    let ids = b.card_ids();
    at(&mut b, 26, 9);
    b.ok(&["answer", &ids[1], "5"]);
    sync(&b, shared.path(), &[]);
    copy.ok(&["answer", &ids[2], "3"]);
    let before = copy.ok(&["cards", "--json"]);
    let (code, err) = copy.fails(&["sync", shared.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("device id collision"), "{err}");
    assert_eq!(copy.ok(&["cards", "--json"]), before);
    checked(&copy);
}

/// A copy of `env`'s collection, as another machine would get it.
fn copied(env: &TestEnv) -> TestEnv {
    let copy = TestEnv::new();
    std::fs::copy(env.db(), copy.db()).unwrap();
    copy
}

#[test]
fn a_copy_given_a_new_device_id_syncs_as_a_device_of_its_own() {
    let shared = TempDir::new().unwrap();
    let dir = shared.path().to_str().unwrap();
    let (mut b, _) = published(shared.path(), 2);
    let mut copy = copied(&b);
    let old = device_id(&b);
    let out = copy.ok(&["sync", dir, "--new-device-id"]);
    let new = device_id(&copy);
    assert_ne!(new, old);
    assert!(
        out.contains(&format!(
            "this collection is now device {new} (it was {old}, whose events it keeps as {old}'s)"
        )),
        "{out}"
    );
    let ids = b.card_ids();
    at(&mut b, 26, 9);
    at(&mut copy, 26, 10);
    // Both hold b's two published answers, which stay b's (old, 1) and (old, 2).
    let mut acknowledged = vec![(old.clone(), 1), (old.clone(), 2)];
    acknowledged.push(answer(&b, &ids[3], 4));
    acknowledged.push(answer(&copy, &ids[4], 5));
    assert_eq!(acknowledged[3], (new.clone(), 1));
    let report = sync(&copy, shared.path(), &[]);
    assert_eq!(report["device"], Value::from(new.clone()));
    assert_eq!(report["renamed_from"], Value::Null);
    assert_eq!(report["pushed"], 1);
    sync(&b, shared.path(), &[]);
    sync(&copy, shared.path(), &[]);
    assert_all_agree(&[b, copy], &acknowledged);
}

#[test]
fn a_new_device_id_waits_until_every_event_of_the_old_id_is_in_the_folder() {
    let shared = TempDir::new().unwrap();
    let dir = shared.path().to_str().unwrap();
    let (mut b, _) = published(shared.path(), 1);
    let ids = b.card_ids();
    at(&mut b, 26, 9);
    b.ok(&["answer", &ids[1], "5"]);
    let copy = copied(&b);
    let before = std::fs::read(copy.db()).unwrap();
    let (code, err) = copy.fails(&["sync", dir, "--new-device-id"]);
    assert_eq!(code, 2);
    let old = device_id(&b);
    assert!(
        err.contains(&format!(
            "1 of its events as {old} (from {old}-2) are not in"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "run `recall sync {dir}` with the collection that keeps device id {old} first"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(copy.db()).unwrap(), before);
    sync(&b, shared.path(), &[]);
    let report = sync(&copy, shared.path(), &["--new-device-id"]);
    assert_eq!(report["renamed_from"], Value::from(old));
    assert_eq!(report["device"], Value::from(device_id(&copy)));
    assert_eq!(report["pulled"], 0);
    checked(&copy);
}

#[test]
fn a_copy_that_answered_under_the_old_id_is_refused_a_new_one_and_changes_nothing() {
    let shared = TempDir::new().unwrap();
    let (mut b, _) = published(shared.path(), 1);
    let copy = copied(&b);
    let ids = b.card_ids();
    at(&mut b, 26, 9);
    b.ok(&["answer", &ids[1], "5"]);
    sync(&b, shared.path(), &[]);
    copy.ok(&["answer", &ids[2], "3"]);
    let before = std::fs::read(copy.db()).unwrap();
    let (code, err) = copy.fails(&["sync", shared.path().to_str().unwrap(), "--new-device-id"]);
    assert_eq!(code, 2);
    let old = device_id(&b);
    assert!(
        err.contains(&format!(
            "holds event {old}-2, which this collection logged differently"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(copy.db()).unwrap(), before);
}

#[test]
fn an_unwritable_folder_fails_and_changes_nothing() {
    let shared = TempDir::new().unwrap();
    let (_b, _) = published(shared.path(), 2);
    let a = devices(1).pop().unwrap();
    a.ok(&["answer", &a.first_card_id(), "4"]);
    // A file where a's folder should go: cannot be written, even by root.
    std::fs::write(shared.path().join("devices").join(device_id(&a)), "").unwrap();
    let before = a.ok(&["cards", "--json"]);
    let (code, err) = a.fails(&["sync", shared.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(a.ok(&["cards", "--json"]), before);
    let (code, err) = a.fails(&["sync", shared.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not a folder"), "{err}");
}

#[test]
fn a_clock_that_ran_backwards_is_reported_and_the_devices_still_agree() {
    let shared = TempDir::new().unwrap();
    let mut devs = devices(2);
    let ids = devs[0].card_ids();
    at(&mut devs[1], 26, 12);
    let mut acknowledged = vec![answer(&devs[1], &ids[0], 4)];
    at(&mut devs[1], 25, 9);
    acknowledged.push(answer(&devs[1], &ids[1], 2));
    at(&mut devs[0], 26, 10);
    acknowledged.push(answer(&devs[0], &ids[1], 5));
    sync(&devs[1], shared.path(), &[]);
    let report = sync(&devs[0], shared.path(), &[]);
    let warning = report["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains("000000000001.jsonl:3") && warning.contains("clock went back"),
        "{warning}"
    );
    sync(&devs[1], shared.path(), &[]);
    assert_all_agree(&devs, &acknowledged);
}

#[test]
fn decks_out_of_step_warn_and_a_missing_card_waits_until_it_is_compiled() {
    let shared = TempDir::new().unwrap();
    let mut devs = devices(2);
    // Device 0 has one more card, and another answer for a card both have.
    let deck = devs[0].path("course/decks/stage-1.md");
    let text = std::fs::read_to_string(&deck).unwrap();
    let more = text.replace("A: Copy\n", "A: Copy (and Clone)\n")
        + "\nQ: Which keyword makes a binding mutable?\nA: mut\n";
    std::fs::write(&deck, &more).unwrap();
    devs[0].compile_course();
    let ids = devs[0].card_ids();
    at(&mut devs[0], 25, 9);
    for id in &ids {
        devs[0].ok(&["answer", id, "4"]);
        tick(&mut devs[0]);
    }
    sync(&devs[0], shared.path(), &[]);
    let report = sync(&devs[1], shared.path(), &[]);
    assert_eq!(report["pending"], 1, "{report}");
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("another answer") && warnings.contains("waits"),
        "{warnings}"
    );
    checked(&devs[1]);
    std::fs::write(devs[1].path("course/decks/stage-1.md"), &more).unwrap();
    devs[1].compile_course();
    let report = sync(&devs[1], shared.path(), &[]);
    assert_eq!(
        (
            report["applied_from_pending"].as_u64(),
            report["pending"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(cards(&devs[1]), cards(&devs[0]));
    checked(&devs[1]);
    at(&mut devs[1], 25, 10);
    assert!(devs[1]
        .ok(&["sync", shared.path().to_str().unwrap()])
        .starts_with("pulled 0 events from 0 devices, pushed 0, 0 cards changed"));
}

#[test]
fn a_sync_killed_at_any_moment_is_finished_by_the_next_one() {
    let shared = TempDir::new().unwrap();
    let (b, _) = published(shared.path(), 5);
    let mut a = devices(1).pop().unwrap();
    let ids = a.card_ids();
    at(&mut a, 26, 9);
    let mut acknowledged = Vec::new();
    for id in &ids[..3] {
        acknowledged.push(answer(&a, id, 3));
        tick(&mut a);
    }
    // A temp file a killed writer left in a's folder is never read.
    let own = shared.path().join("devices").join(device_id(&a));
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join(".tmp-killed.jsonl"), "{\"recall_sync\":1,").unwrap();
    for delay_ms in [0u64, 2, 5, 10, 20, 40] {
        let mut child = recall_process(&a.db(), &a.now, &["sync", shared.path().to_str().unwrap()])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        checked(&a);
    }
    let report = sync(&a, shared.path(), &[]);
    assert_eq!(report["warnings"], Value::Array(vec![]), "{report}");
    assert!(!own.join(".tmp-killed.jsonl").exists());
    sync(&b, shared.path(), &[]);
    let b_answers: Vec<(String, i64)> = global_log(&b)
        .into_iter()
        .filter(|r| r.3 == "answer")
        .map(|r| (r.0, r.1))
        .collect();
    assert_eq!(b_answers.len(), 8);
    assert_all_agree(&[a, b], &b_answers);
    assert!(acknowledged.iter().all(|id| b_answers.contains(id)));
}

#[test]
fn the_report_says_what_was_pulled_pushed_and_changed_and_names_each_fault() {
    let shared = TempDir::new().unwrap();
    let (b, segment) = published(shared.path(), 3);
    let whole = std::fs::read_to_string(&segment).unwrap();
    std::fs::write(&segment, &whole[..whole.len() - 20]).unwrap();
    let a = devices(1).pop().unwrap();
    a.ok(&["answer", &a.first_card_id(), "4"]);
    let out = a
        .ok(&["sync", shared.path().to_str().unwrap()])
        .replace(shared.path().to_str().unwrap(), "[DIR]")
        .replace(&device_id(&b), "[B]");
    insta::assert_snapshot!("sync_report_with_a_fault", out);
}
