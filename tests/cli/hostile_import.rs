//! Hostile Anki packages and text files (issue 18): what an import lets in
//! can never crash a later command, SQL inside a package never runs, fields
//! are capped, and an interrupted import leaves no temp file behind.
//! Every package is made here: recall's own export, edited with SQL.

use crate::env::TestEnv;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const COLLECTION_ENTRY: &str = "collection.anki21";

/// A package recall exported from the small course, with history.
fn exported(name: &str) -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    env.compile_small();
    let ids = env.card_ids();
    env.ok(&["answer", &ids[0], "4"]);
    let path = env.path(name);
    env.ok(&[
        "export",
        "--format",
        "apkg",
        "-o",
        path.to_str().unwrap(),
        "--with-scheduling",
    ]);
    (env, path)
}

/// A copy of the package at `src` as `name`, its collection changed by `sql`.
fn edited(env: &TestEnv, src: &Path, name: &str, sql: &str) -> PathBuf {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((entry.name().to_string(), bytes));
    }
    let db = env.path(&format!("{name}.anki21"));
    let (_, collection) = entries
        .iter_mut()
        .find(|(n, _)| n == COLLECTION_ENTRY)
        .expect("a collection entry");
    std::fs::write(&db, &collection).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    *collection = std::fs::read(&db).unwrap();
    std::fs::remove_file(&db).unwrap();
    let out = env.path(name);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for (entry, bytes) in &entries {
        writer
            .start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    out
}

/// Runs `recall args` and fails the test on a panic (exit 101) or any failure.
fn runs(env: &TestEnv, args: &[&str], stdin: &str) -> String {
    let out = env
        .cmd(args)
        .write_stdin(stdin.to_string())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "recall {args:?} panicked: {stderr}"
    );
    assert!(
        out.status.success(),
        "recall {args:?} failed ({:?}): {stderr}",
        out.status.code()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn huge_due_and_interval_values_import_clamped_and_every_command_still_runs() {
    let (source, package) = exported("mine.apkg");
    let cases = [
        ("far-due.apkg", 999_999_999i64, 10i64),
        ("huge-ivl.apkg", 0, 2_147_483_647),
        ("negative-due.apkg", -999_999_999, 10),
    ];
    for (name, due, ivl) in cases {
        let hostile = edited(
            &source,
            &package,
            name,
            &format!("UPDATE cards SET type = 2, queue = 2, due = {due}, ivl = {ivl};"),
        );
        let env = TestEnv::new();
        let hostile = hostile.to_str().unwrap();
        let summary = runs(&env, &["import", hostile], "");
        assert!(summary.contains("imported 7 cards"), "{name}: {summary}");
        assert!(
            summary.contains("clamped") && summary.contains("outside"),
            "{name}: the clamping is reported: {summary}"
        );
        if name == "far-due.apkg" {
            let dir = source.dir.path().display().to_string();
            insta::assert_snapshot!("package_far_due_clamped", summary.replace(&dir, "<dir>"));
        }
        let check = runs(&env, &["check"], "");
        assert!(check.starts_with("ok:"), "{name}: {check}");
        let ids = env.card_ids();
        let apkg = env.path("again.apkg");
        for args in [
            &["cards"][..],
            &["cards", "--json"],
            &["export", "--format", "json", "--with-scheduling"],
            &["next", "--json"],
            &["stats"],
            &["export", "--format", "apkg", "-o", apkg.to_str().unwrap()],
            &["answer", &ids[0], "4"],
        ] {
            runs(&env, args, "");
            let _ = std::fs::remove_file(&apkg);
        }
        let far = TestEnv {
            now: "9998-12-30T09:00:00+00:00".into(),
            ..TestEnv::new()
        };
        runs(&far, &["import", hostile], "");
        runs(&far, &["review", "--plain"], "4\n4\n4\n4\nq\n");
        runs(&far, &["cards", "--json"], "");
    }
}

#[test]
fn a_stored_day_past_9999_is_reported_by_check_and_repaired() {
    let (env, _) = exported("mine.apkg");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("UPDATE card_state SET due = 999999999 WHERE rowid = (SELECT min(rowid) FROM card_state WHERE due IS NOT NULL);")
        .unwrap();
    drop(conn);
    runs(&env, &["cards", "--json"], "");
    let out = env.cmd(&["check"]).output().unwrap();
    assert!(!out.status.success());
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("is outside 1970-01-01..=9999-12-31"),
        "{report}"
    );
    runs(&env, &["check", "--repair"], "");
    let after = runs(&env, &["check"], "");
    assert!(after.starts_with("ok:"), "{after}");
}

/// Packages whose collection holds SQL that would run as it is read.
#[test]
fn sql_inside_a_package_is_refused_before_it_runs() {
    let (source, package) = exported("mine.apkg");
    let revlog_columns = "id, cid, usn, ease, ivl, lastIvl, factor, time, type";
    let cases = [
        (
            "recursive-view.apkg",
            format!(
                "DROP TABLE revlog; CREATE VIEW revlog AS WITH RECURSIVE r(x) AS \
                 (SELECT 1 UNION ALL SELECT x + 1 FROM r) \
                 SELECT x AS id, x AS cid, 0 AS usn, 3 AS ease, 1 AS ivl, 0 AS lastIvl, \
                 2500 AS factor, 1000 AS time, 1 AS type FROM r; -- {revlog_columns}"
            ),
            "view named \"revlog\"",
        ),
        (
            "zeroblob-view.apkg",
            "ALTER TABLE notes RENAME TO real_notes; CREATE VIEW notes AS \
             SELECT id, guid, mid, mod, usn, tags, flds || zeroblob(400000000) AS flds, \
             sfld, csum, flags, data FROM real_notes;"
                .to_string(),
            "view named \"notes\"",
        ),
        (
            "trigger.apkg",
            "CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END;".to_string(),
            "trigger named \"t\"",
        ),
        (
            "generated.apkg",
            "ALTER TABLE cards ADD COLUMN boom BLOB GENERATED ALWAYS AS (zeroblob(400000000)) VIRTUAL;"
                .to_string(),
            "cards.boom is computed",
        ),
    ];
    let mut report = String::new();
    for (name, sql, message) in cases {
        let hostile = edited(&source, &package, name, &sql);
        let env = TestEnv::new();
        let (code, err) = env.fails(&["import", hostile.to_str().unwrap()]);
        let dir = source.dir.path().display().to_string();
        report.push_str(&format!(
            "$ recall import {name}\n{}\n",
            err.replace(&dir, "<dir>")
        ));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains("no SQL from a package runs"), "{name}: {err}");
        assert!(!env.db().exists(), "{name}: nothing is written");
        let left: Vec<_> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".recall-import-")
            })
            .collect();
        assert!(left.is_empty(), "{name}: {left:?}");
    }
    insta::assert_snapshot!("package_sql_refused", report);
}

#[test]
fn an_oversized_field_skips_its_card_with_the_reason() {
    let (source, package) = exported("mine.apkg");
    let big = 200_000;
    let hostile = edited(
        &source,
        &package,
        "big-field.apkg",
        &format!(
            "UPDATE notes SET flds = flds || hex(zeroblob({})) \
             WHERE id = (SELECT min(id) FROM notes);",
            big / 2
        ),
    );
    let env = TestEnv::new();
    let out = runs(&env, &["import", hostile.to_str().unwrap()], "");
    assert!(out.contains("imported 6 cards"), "{out}");
    assert!(out.contains("skipped 1 notes"), "{out}");
    assert!(
        out.contains("more than the 65536 a field may hold"),
        "{out}"
    );
    // A note past what recall reads of one (4 MiB): read without its fields
    // (SQLite never loads them), skipped with its size.
    let huge = edited(
        &source,
        &package,
        "huge-note.apkg",
        "UPDATE notes SET flds = flds || hex(zeroblob(2600000)) \
         WHERE id = (SELECT min(id) FROM notes);",
    );
    let env = TestEnv::new();
    let out = runs(&env, &["import", huge.to_str().unwrap()], "");
    assert!(out.contains("imported 6 cards"), "{out}");
    assert!(out.contains("more than recall reads of a note"), "{out}");
    let tsv = env.write(
        "big.tsv",
        &format!(
            "#separator:tab\nfront\t{}\nsmall\tanswer\n",
            "x".repeat(60_000) + &"y".repeat(10_000)
        ),
    );
    let env = TestEnv::new();
    let out = runs(&env, &["import", tsv.to_str().unwrap()], "");
    assert!(out.contains("imported 1 cards"), "{out}");
    assert!(
        out.contains("more than the 65536 a field may hold"),
        "{out}"
    );
}

#[test]
fn sigterm_during_an_import_leaves_no_temp_file() {
    // A package whose collection unpacks to 512 MiB of zeros (zstd makes it
    // a few kilobytes): the unpacking takes long enough to be interrupted,
    // and the temp directory it goes to is beside the collection.
    let env = TestEnv::new();
    let zeros = vec![0u8; 1 << 20];
    let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), 3).unwrap();
    for _ in 0..512 {
        encoder.write_all(&zeros).unwrap();
    }
    let packed = encoder.finish().unwrap();
    let path = env.path("slow.apkg");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("meta", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(&[0x08, 0x03]).unwrap();
    zip.start_file(
        "collection.anki21b",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(&packed).unwrap();
    zip.finish().unwrap();

    let temps = || -> Vec<PathBuf> {
        std::fs::read_dir(env.dir.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".recall-import-")
            })
            .map(|e| e.path())
            .collect()
    };
    let mut child =
        crate::env::recall_process(&env.db(), &env.now, &["import", path.to_str().unwrap()])
            .spawn()
            .unwrap();
    // Wait (unbounded in steps, bounded by the harness) for the temp file.
    let mut seen = false;
    while child.try_wait().unwrap().is_none() {
        if temps().iter().any(|d| d.join("collection").exists()) {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(seen, "the import unpacks beside the collection");
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: signalling our own child by its pid.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    assert!(temps().is_empty(), "{:?}", temps());
    assert!(!env.db().exists());
}

/// Two answers a minute apart, pinned in two time zones (issue 18, 9): the
/// days are counted in the process's zone from the instants, so one day.
#[test]
fn two_answers_a_minute_apart_in_two_zones_are_one_day_of_streak() {
    let env = TestEnv::new();
    env.compile_small();
    let ids = env.card_ids();
    let answer = |now: &str, id: &str| {
        let out = env
            .cmd(&["answer", id, "4"])
            .env("TZ", "UTC")
            .args(["--now", now])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // 00:59:30 and 01:00:30 UTC: both before the 04:00 rollover of 25 November.
    answer("2026-11-25T23:59:30-01:00", &ids[0]);
    answer("2026-11-26T10:00:30+09:00", &ids[1]);
    let out = env
        .cmd(&["stats", "--json"])
        .env("TZ", "UTC")
        .args(["--now", "2026-11-26T10:01:00+09:00"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["streak"]["current"], 1, "{json}");
    assert_eq!(json["streak"]["longest"], 1, "{json}");
}

/// The log and the states of the collection at `db`, row by row, as text.
/// An import event's time is the import's own moment (a pinned clock runs
/// on in each process), so two imports of one package differ there alone:
/// it reads `now`.
fn log_and_states(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for table in ["review_log", "card_state"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let at = stmt.column_index("at_ms").ok();
        let rows = stmt
            .query_map([], |r| {
                let import = table == "review_log" && r.get::<_, String>("event")? == "import";
                (0..n)
                    .map(|i| match at {
                        Some(at) if import && i == at => Ok("now".to_string()),
                        _ => Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)),
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}: {}", row.unwrap().join(" ")));
        }
    }
    out
}

#[test]
fn a_revlog_out_of_card_order_and_without_its_index_imports_as_an_indexed_one() {
    let (source, package) = exported("mine.apkg");
    // Three days of answers to every card: the rows of each card far apart.
    let answers = "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) \
         SELECT 1700000000000 + k * 86400000 + rn, id, -1, 3, 1, 0, 2500, 4000, 1 \
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM cards), \
              (SELECT 1 AS k UNION SELECT 2 UNION SELECT 3);";
    let indexed = edited(&source, &package, "indexed.apkg", answers);
    // The same rows in a table with no key and no index, in reverse order.
    let bare = edited(
        &source,
        &package,
        "bare.apkg",
        &format!(
            "{answers} DROP INDEX IF EXISTS ix_revlog_cid; \
             CREATE TABLE shuffled AS SELECT * FROM revlog ORDER BY cid DESC, id DESC; \
             DROP TABLE revlog; ALTER TABLE shuffled RENAME TO revlog;"
        ),
    );
    let (a, b) = (TestEnv::new(), TestEnv::new());
    runs(&a, &["import", indexed.to_str().unwrap()], "");
    runs(&b, &["import", bare.to_str().unwrap()], "");
    let (rows_a, rows_b) = (log_and_states(&a.db()), log_and_states(&b.db()));
    let answers = rows_a.iter().filter(|r| r.contains("answer")).count();
    assert!(answers >= 3 * 7, "{answers} answers: {rows_a:#?}");
    assert_eq!(rows_a, rows_b);
    for env in [&a, &b] {
        let check = runs(env, &["check"], "");
        assert!(check.starts_with("ok:"), "{check}");
    }
}

#[test]
fn a_strict_import_that_drops_nothing_writes_what_a_plain_one_does() {
    // `--strict` plans the package once to look, then again to write.
    let (source, package) = exported("mine.apkg");
    let (plain, strict) = (TestEnv::new(), TestEnv::new());
    let package = package.to_str().unwrap();
    let said = runs(&plain, &["import", package], "");
    assert!(said.contains("imported 7 cards"), "{said}");
    let said_strict = runs(&strict, &["import", "--strict", package], "");
    let dbs = |s: &str| {
        s.replace(&plain.db().display().to_string(), "<db>")
            .replace(&strict.db().display().to_string(), "<db>")
    };
    assert_eq!(dbs(&said), dbs(&said_strict));
    assert_eq!(log_and_states(&plain.db()), log_and_states(&strict.db()));
    drop(source);
}
