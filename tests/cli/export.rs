//! `recall export` and `recall import`, proven against the real Anki
//! library (tests/tools/anki_check.py) both ways, and hostile files.

use crate::anki;
use crate::env::TestEnv;
use recall::day::Day;
use recall::history::Event;
use recall::store::Store;
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;

const SECTIONS_IN_THE_BUNDLED_ROADMAP: usize = 16;
const RECALL_NOTETYPES: [&str; 4] = [
    "recall basic",
    "recall cloze",
    "recall eval",
    "recall typed",
];

fn compiled() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["compile"]);
    env
}

fn card_ids(env: &TestEnv) -> Vec<String> {
    env.json(&["cards", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn by_guid(anki: &Value, id: &str) -> Value {
    anki["by_guid"][format!("recall:{id}/0")].clone()
}

fn export(env: &TestEnv, name: &str, extra: &[&str]) -> String {
    let path = env.path(name).display().to_string();
    let mut args = vec!["export", "--format", "apkg", "-o", &path];
    args.extend_from_slice(extra);
    env.ok(&args);
    path
}

#[test]
fn bundled_decks_import_into_anki_as_new_cards() {
    let env = compiled();
    let total = card_ids(&env).len();
    let apkg = export(&env, "python.apkg", &[]);
    let anki = anki::check(&["import", &apkg]);
    assert_eq!(anki["notes"], total);
    assert_eq!(anki["cards"], total);
    let decks: Vec<&str> = anki["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(
        decks.iter().filter(|d| d.starts_with("Python::")).count(),
        SECTIONS_IN_THE_BUNDLED_ROADMAP
    );
    assert!(
        decks.contains(&"Python::Phase 2 — Standard Library Power"),
        "{decks:?}"
    );
    let types: HashSet<&str> = anki["notetypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        RECALL_NOTETYPES.iter().all(|t| types.contains(t)),
        "{types:?}"
    );
    assert_eq!(anki["revlog"], 0);
    let cards = anki["by_guid"].as_object().unwrap();
    assert!(cards
        .values()
        .all(|c| c["type"] == 0 && c["queue"] == 0 && c["reps"] == 0));
    let typed = cards
        .values()
        .find(|c| c["notetype"] == "recall typed")
        .unwrap();
    assert!(typed["tags"][0].as_str().unwrap().contains("::"), "{typed}");
    let cloze = cards
        .values()
        .find(|c| c["notetype"] == "recall cloze")
        .unwrap();
    assert!(
        cloze["fields"][0].as_str().unwrap().contains("{{c1::"),
        "{cloze}"
    );
}

#[test]
fn scheduling_and_history_reach_anki() {
    let mut env = compiled();
    let ids = card_ids(&env);
    // Three cards answered on 25 Nov, one of them failed the next day;
    // a fourth suspended.
    for id in &ids[..3] {
        env.ok(&["answer", id, "4"]);
    }
    env.now = "2026-11-26T09:00:00+01:00".into();
    env.ok(&["answer", &ids[0], "2"]);
    {
        let mut store = Store::open_existing(&env.db()).unwrap();
        let card = store.cards().find(&ids[3]).unwrap().card.id;
        store.record(card, Event::Suspend, 0, Day(20_783)).unwrap();
    }
    let ours = env.json(&["cards", "--json"]);
    let apkg = export(&env, "sched.apkg", &["--with-scheduling"]);
    let anki = anki::check(&["import", &apkg, "--with-scheduling"]);
    assert_eq!(anki["revlog"], 4);
    let mut shifts = HashSet::new();
    for (i, id) in ids[..3].iter().enumerate() {
        let a = by_guid(&anki, id);
        let r = &ours[i];
        assert_eq!(
            (a["type"].clone(), a["queue"].clone()),
            (Value::from(2), Value::from(2)),
            "{a}"
        );
        assert_eq!(a["ivl"], r["interval"], "{id}");
        assert_eq!(
            a["factor"].as_i64().unwrap(),
            (r["ef"].as_f64().unwrap() * 1000.0).round() as i64
        );
        assert_eq!(a["lapses"], r["lapses"]);
        assert_eq!(a["revlog"], if i == 0 { 2 } else { 1 });
        assert_eq!(a["reps"], a["revlog"]);
        let due =
            chrono::NaiveDate::parse_from_str(r["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        shifts.insert(Day::from_date(due).0 as i64 - a["due"].as_i64().unwrap());
    }
    // Anki moves due days to its own collection's day 0; all by the same amount.
    assert_eq!(shifts.len(), 1, "{shifts:?}");
    let failed = by_guid(&anki, &ids[0]);
    assert_eq!(
        (failed["ivl"].clone(), failed["lapses"].clone()),
        (Value::from(1), Value::from(1))
    );
    assert_eq!(by_guid(&anki, &ids[3])["queue"], -1);
    assert_eq!(by_guid(&anki, &ids[4])["type"], 0);
}

#[test]
fn a_second_export_updates_the_notes_in_anki_instead_of_copying_them() {
    let mut env = TestEnv::new();
    env.compile_small();
    let first = export(&env, "one.apkg", &[]);
    // A day later the answer of a card is reworded: same card, newer note.
    env.now = "2026-11-26T09:00:00+01:00".into();
    let deck = crate::env::SMALL_DECK.replace("A: Copy", "A: Copy (the marker trait)");
    env.write("course/decks/stage-1.md", &deck);
    let (roadmap, decks) = (env.path("course/roadmap.md"), env.path("course/decks"));
    env.ok(&[
        "compile",
        "--roadmap",
        roadmap.to_str().unwrap(),
        decks.to_str().unwrap(),
    ]);
    let second = export(&env, "two.apkg", &[]);
    let anki = anki::check(&["import", &first, &second]);
    assert_eq!(anki["notes"], card_ids(&env).len());
    let cards = anki["by_guid"].as_object().unwrap();
    assert!(
        cards
            .values()
            .any(|c| c["fields"][1] == "Copy (the marker trait)"),
        "{cards:?}"
    );
    assert!(!cards.values().any(|c| c["fields"][1] == "Copy"));
}

fn anki_package(env: &TestEnv, name: &str, legacy: bool) -> (String, Value) {
    let path = env.path(name).display().to_string();
    let mut args = vec!["export", path.as_str()];
    if legacy {
        args.push("--legacy");
    }
    let made = anki::check(&args);
    (path, made)
}

fn day_number(due: &Value) -> i64 {
    let date = chrono::NaiveDate::parse_from_str(due.as_str().unwrap(), "%Y-%m-%d").unwrap();
    i64::from(Day::from_date(date).0)
}

fn imports_with_scheduling(name: &str, legacy: bool) {
    let env = TestEnv::new();
    let (path, made) = anki_package(&env, name, legacy);
    let out = env.ok(&["import", &path]);
    assert!(out.contains("imported 8 cards"), "{out}");
    assert!(out.contains("anki-spanish-verbs ← Spanish::Verbs"), "{out}");
    let ours = env.json(&["cards", "--json"]);
    let ours = ours.as_array().unwrap();
    assert_eq!(ours.len(), made["cards"]);
    let mut shifts = HashSet::new();
    for (key, a) in made["by_guid"].as_object().unwrap() {
        let text = &a["fields"][0];
        let r = match a["notetype"].as_str().unwrap() {
            "Cloze" => {
                let prompt = if key.ends_with("/0") {
                    "[...], mundo"
                } else {
                    "Hola, [world]"
                };
                ours.iter().find(|c| c["prompt"] == prompt)
            }
            _ => ours.iter().find(|c| c["answer"] == a["fields"][1]),
        };
        let r = r.unwrap_or_else(|| panic!("no card for {text}"));
        let what = format!("{text}: anki {a}\nrecall {r}");
        assert_eq!(r["suspended"], a["queue"] == -1, "{what}");
        assert_eq!(r["lapses"], a["lapses"], "{what}");
        let factor = a["factor"].as_i64().unwrap();
        let ef = if factor > 0 {
            factor as f64 / 1000.0
        } else {
            2.5
        };
        assert_eq!(r["ef"].as_f64().unwrap(), ef, "{what}");
        match a["type"].as_i64().unwrap() {
            0 => assert_eq!(r["due"], Value::Null, "{what}"),
            2 => {
                assert_eq!(r["interval"], a["ivl"], "{what}");
                shifts.insert(day_number(&r["due"]) - a["due"].as_i64().unwrap());
            }
            _ => assert_eq!(r["interval"], a["ivl"], "{what}"),
        }
    }
    // Anki counts review due days from its collection's creation, recall
    // from 1970: one shift for every card.
    assert_eq!(shifts.len(), 1, "{shifts:?}");
    let kinds: HashSet<&str> = ours.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, HashSet::from(["basic", "typed", "cloze"]));
    assert!(ours.iter().any(|c| c["prompt"] == "word 0 **bold** & more"));
    let check = env.ok(&["check"]);
    assert!(check.starts_with("ok: 8 cards"), "{check}");
    let again = env.ok(&["import", &path]);
    assert!(again.starts_with("nothing changed"), "{again}");
    assert_eq!(env.json(&["cards", "--json"]).as_array().unwrap().len(), 8);
}

#[test]
fn a_legacy_anki_package_imports_with_its_scheduling() {
    imports_with_scheduling("from-anki.apkg", true);
}

#[test]
fn a_current_anki_package_imports_with_its_scheduling() {
    imports_with_scheduling("from-anki.apkg", false);
}

#[test]
fn an_anki_collection_backup_imports_with_its_scheduling() {
    imports_with_scheduling("collection.colpkg", false);
}

#[test]
fn our_own_package_imports_back_into_a_new_collection() {
    let env = compiled();
    let ids = card_ids(&env);
    env.ok(&["answer", &ids[0], "5"]);
    let apkg = export(&env, "mine.apkg", &["--with-scheduling"]);
    let fresh = TestEnv::new();
    let out = fresh.ok(&["import", &apkg]);
    assert!(
        out.contains(&format!("imported {} cards", ids.len())),
        "{out}"
    );
    let card = fresh.json(&["cards", "--json"]);
    let first = card
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == ids[0].as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (first["interval"].clone(), first["ef"].clone()),
        (Value::from(1), Value::from(2.6))
    );
    // The same package into the collection it came from: every card is there.
    let again = env.ok(&["import", &apkg]);
    assert!(again.starts_with("nothing changed"), "{again}");
    // The cards kept their ids, so compiling the decks they came from puts
    // them back in their sections, history and all.
    fresh.ok(&["compile"]);
    let cards = fresh.json(&["cards", "--json"]);
    assert_eq!(cards.as_array().unwrap().len(), ids.len());
    let first = cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == ids[0].as_str())
        .unwrap();
    assert_eq!(
        (first["deck"].clone(), first["ef"].clone()),
        (Value::from("phase-0"), Value::from(2.6))
    );
    assert!(fresh.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn tsv_round_trips_and_reimport_changes_nothing() {
    let env = TestEnv::new();
    env.compile_small();
    let tsv = env.ok(&["export", "--format", "tsv"]);
    insta::assert_snapshot!(tsv);
    let path = env.write("course.tsv", &tsv);
    let fresh = TestEnv::new();
    let out = fresh.ok(&["import", path.to_str().unwrap()]);
    assert!(
        out.contains(&format!("imported {} cards", card_ids(&env).len())),
        "{out}"
    );
    let again = fresh.ok(&["import", path.to_str().unwrap()]);
    assert!(again.starts_with("nothing changed"), "{again}");
    let csv = env.ok(&["export", "--format", "csv"]);
    assert!(csv.starts_with("#separator:comma\n"), "{csv}");
}

#[test]
fn markdown_is_printable_and_in_the_deck_format() {
    let env = TestEnv::new();
    env.compile_small();
    insta::assert_snapshot!(env.ok(&["export", "--format", "md"]));
}

#[test]
fn json_with_scheduling_carries_state_and_log() {
    let env = TestEnv::new();
    env.compile_small();
    let ids = card_ids(&env);
    env.ok(&["answer", &ids[0], "3"]);
    let doc = env.json(&["export", "--format", "json", "--with-scheduling"]);
    assert_eq!(doc["format"], "recall-export");
    let first = &doc["cards"][0];
    assert_eq!(first["state"]["interval"], 1);
    assert_eq!(first["log"][0]["event"]["event"], "answer");
    assert_eq!(first["log"][0]["event"]["quality"], 3);
    let plain = env.json(&["export", "--format", "json"]);
    assert!(plain["cards"][0].get("log").is_none());
}

fn zip_of(env: &TestEnv, name: &str, entries: &[(&str, &[u8])]) -> String {
    let path = env.path(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (entry, bytes) in entries {
        zip.start_file(*entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path.display().to_string()
}

#[test]
fn hostile_files_are_refused_and_nothing_is_written() {
    let env = TestEnv::new();
    env.compile_small();
    let before = env.json(&["cards", "--json"]);
    let not_zip = env.write("fake.apkg", "this is not a zip");
    let wrong_schema = {
        let db = env.path("c.anki21");
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE col (crt integer, ver integer); INSERT INTO col VALUES (0, 99);",
        )
        .unwrap();
        drop(conn);
        zip_of(
            &env,
            "new.apkg",
            &[("collection.anki21", &std::fs::read(&db).unwrap())],
        )
    };
    let not_sqlite = zip_of(
        &env,
        "junk.apkg",
        &[("collection.anki21", b"junk junk junk")],
    );
    let bad_utf8 = env.path("bad.tsv");
    std::fs::write(&bad_utf8, b"#separator:tab\nfront\tba\xffck\n").unwrap();
    let cases = [
        (not_zip.display().to_string(), "is not a zip archive"),
        (wrong_schema, "schema version 99; recall reads 11 to 18"),
        (not_sqlite, "is not an Anki collection recall can read"),
        (
            bad_utf8.display().to_string(),
            "bad.tsv:2:9: the file is not valid UTF-8",
        ),
    ];
    for (path, message) in cases {
        let (code, err) = env.fails(&["import", &path]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(message), "{path}: {err}");
        assert!(err.contains("hint:"), "{err}");
    }
    assert_eq!(env.json(&["cards", "--json"]), before);
}

#[test]
fn apkg_needs_an_output_file() {
    let env = TestEnv::new();
    env.compile_small();
    let (code, err) = env.fails(&["export", "--format", "apkg"]);
    assert_eq!(code, 2);
    assert!(err.contains("-o"), "{err}");
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_streamed_export_leaves_its_file_only_and_a_refused_one_nothing() {
    let env = compiled();
    let id = card_ids(&env)[0].clone();
    env.ok(&["answer", &id, "4"]);
    let out = env.path("out");
    std::fs::create_dir(&out).unwrap();
    // The package is made in a scratch directory and a temp file beside
    // the output: both gone once it is in place.
    let apkg = out.join("cards.apkg").display().to_string();
    env.ok(&[
        "export",
        "--format",
        "apkg",
        "--with-scheduling",
        "-o",
        &apkg,
    ]);
    assert_eq!(names_in(&out), ["cards.apkg"]);
    // --strict refuses after the whole export was streamed into the temp
    // file (only then is the summary known): the temp file goes too.
    std::fs::remove_file(&apkg).unwrap();
    for format in ["md", "tsv"] {
        let dest = out.join(format!("cards.{format}")).display().to_string();
        let (code, err) = env.fails(&[
            "export",
            "--format",
            format,
            "--with-scheduling",
            "--strict",
            "-o",
            &dest,
        ]);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(err.contains("nothing written"), "{format}: {err}");
        assert!(names_in(&out).is_empty(), "{format}: {:?}", names_in(&out));
    }
}
