//! Anki → recall → Anki with the real Anki library (tests/tools/anki_carry.py):
//! tags, media, guids and note types, flags, bury, learning cards and
//! history survive, nothing doubles, and a re-import of an updated package
//! merges exactly what is new. Anki's answers happen at the real clock, so
//! recall's `--now` follows it here.

use crate::anki;
use crate::env::TestEnv;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn carry(args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/anki_carry.py");
    let out = Command::new(anki::python())
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "anki_carry.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("anki_carry.py prints JSON")
}

/// `cards.flags` of a package recall wrote, by `<note guid>#<ord>`.
fn written_flags(env: &TestEnv, package: &str) -> BTreeMap<String, i64> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(package).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name("collection.anki21")
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    let path = env.path("written.anki21");
    std::fs::write(&path, bytes).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare("SELECT n.guid, c.ord, c.flags FROM cards c JOIN notes n ON n.id = c.nid")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let (guid, ord): (String, i64) = (r.get(0)?, r.get(1)?);
            Ok((format!("{guid}#{ord}"), r.get(2)?))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

/// A few seconds after Anki's last answer (`now` of the script's output).
fn after(anki_now: &Value) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(anki_now.as_str().unwrap()).unwrap();
    (t + chrono::Duration::seconds(2)).to_rfc3339()
}

/// Every answer in recall's log, as (card, at_ms).
fn recall_answers(env: &TestEnv) -> Vec<(i64, i64)> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT card_id, at_ms FROM review_log WHERE event = 'answer' ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn tags_in_recall(env: &TestEnv) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn.prepare("SELECT DISTINCT tag FROM card_tags").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn ids(v: &Value) -> BTreeSet<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

fn note_tags(anki: &Value) -> BTreeMap<String, Value> {
    anki["by_guid"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(guid, n)| (guid.clone(), n["tags"].clone()))
        .collect()
}

fn card_by_prompt<'a>(cards: &'a Value, prompt: &str) -> &'a Value {
    cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["prompt"] == prompt)
        .unwrap_or_else(|| panic!("no card {prompt:?} in {cards}"))
}

#[test]
fn anki_to_recall_to_anki_keeps_notes_tags_media_and_history() {
    let mut env = TestEnv::new();
    let dir = env.path("anki");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.to_str().unwrap().to_string();
    let made = carry(&["build", &dir]);
    let v1 = format!("{dir}/v1.apkg");
    env.now = after(&made["now"]);

    // --strict: the empty-answer note would be left out, so nothing is written.
    let (code, err) = env.fails(&["import", "--strict", &v1]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--strict") && err.contains("1 notes"), "{err}");
    assert!(!env.db().exists() || recall_answers(&env).is_empty());

    let summary = env.json(&["import", "--json", &v1]);
    assert_eq!(summary["report"]["cards_added"], 9, "{summary}");
    assert_eq!(summary["carried"]["notes"], 7, "{summary}");
    assert_eq!(summary["carried"]["notetypes"], 3, "{summary}");
    assert_eq!(
        summary["carried"]["media"],
        serde_json::json!(["diagram.png", "hello.mp3"])
    );
    assert_eq!(summary["skipped"]["notes"], 1, "{summary}");
    assert!(summary["skipped"]["examples"][0]
        .as_str()
        .unwrap()
        .contains("its answer is empty"));
    let dropped = |what: &str| {
        summary["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["what"].as_str().unwrap().contains(what))
            .unwrap_or_else(|| panic!("{what}: {summary}"))
            .clone()
    };
    assert_eq!(dropped("not answers")["count"], 1, "{summary}");
    // Anki keeps a reviewed card's first position (`pos`) in its data.
    let data = dropped("card data recall does not keep");
    assert_eq!(data["count"], 6, "{summary}");
    assert!(
        data["examples"][0].as_str().unwrap().ends_with(": pos"),
        "{summary}"
    );
    let changed: Vec<&str> = summary["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["what"].as_str().unwrap())
        .collect();
    for what in ["flags kept as tags", "buried cards", "learning steps"] {
        assert!(
            changed.iter().any(|c| c.contains(what)),
            "{what}: {changed:?}"
        );
    }
    assert_eq!(
        recall_answers(&env).len(),
        made["revlog"].as_array().unwrap().len()
    );

    // Media: kept beside the collection under Anki's names, shown as markers;
    // an image-only answer is an answer.
    let media = env.db().with_extension("media");
    for name in ["diagram.png", "hello.mp3"] {
        assert!(media.join(name).is_file(), "{name}");
    }
    let cards = env.json(&["cards", "--json"]);
    assert_eq!(
        card_by_prompt(&cards, "Draw the stack")["answer"],
        "[image: diagram.png]"
    );
    card_by_prompt(&cards, "Say hello [audio: hello.mp3]");
    assert!(!card_by_prompt(&cards, "Buried")["buried_until"].is_null());
    // Tags, hierarchical ones whole, and the flag.
    let tags = tags_in_recall(&env);
    for tag in [
        "rust::ownership",
        "easy",
        "rust::memory",
        "lang::de",
        "flag:red",
    ] {
        assert!(tags.contains(tag), "{tag}: {tags:?}");
    }
    let rust = env.json(&["cards", "--tag", "rust", "--json"]);
    let rust: BTreeSet<&str> = rust
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["prompt"].as_str().unwrap())
        .collect();
    assert_eq!(rust.len(), 6, "{rust:?}");
    assert!(rust.contains("Draw the stack") && !rust.contains("Say hello [audio: hello.mp3]"));
    assert_eq!(
        card_by_prompt(&cards, "What moves a value?")["tags"],
        serde_json::json!(["easy", "rust::ownership"])
    );
    assert!(env.ok(&["cards"]).contains("#lang::de"));
    let tsv = env.ok(&["export", "--format", "tsv"]);
    let line = tsv
        .lines()
        .find(|l| l.contains("What moves a value?"))
        .unwrap();
    assert!(line.contains("easy rust::ownership"), "{line}");

    // The card Anki failed today is asked once, not again as a repeat.
    let failed = card_by_prompt(&cards, "Failed today")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let session = env.session(&["review", "--new", "0"], &"\n4\n".repeat(6));
    assert_eq!(session.matches("Failed today").count(), 1, "{session}");
    let after_review = recall_answers(&env);
    let failed_id = i64::from_str_radix(&failed, 16).unwrap();
    let mine: Vec<i64> = after_review
        .iter()
        .filter(|(c, at)| *c == failed_id && !ids(&made["revlog"]).contains(at))
        .map(|(_, at)| *at)
        .collect();
    assert_eq!(mine.len(), 1, "{after_review:?}");

    // Back to the original Anki collection: no note twice, every tag and
    // media file there. Anki's importer adds no history to cards it already
    // has (its "could update existing card" TODO), so its revlog stays its own.
    let back = env.path("back.apkg").display().to_string();
    let exported = env.ok(&[
        "export",
        "--format",
        "apkg",
        "--with-scheduling",
        "-o",
        &back,
    ]);
    // The flag tag goes back as the card's flag, and is counted: read from the
    // package itself (the original collection, below, has the flag anyway).
    assert!(
        exported.contains("1 × flag tags go out as the Anki card's flag"),
        "{exported}"
    );
    let written = written_flags(&env, &back);
    let flagged: Vec<(String, i64)> = made["by_card"]
        .as_object()
        .unwrap()
        .values()
        .filter(|c| c["flags"] != 0)
        .map(|c| {
            let key = format!("{}#{}", c["guid"].as_str().unwrap(), c["ord"]);
            (key, c["flags"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(flagged.len(), 1, "{made}");
    for (key, flag) in &flagged {
        assert_eq!(written.get(key), Some(flag), "{key}: {written:?}");
    }
    assert_eq!(
        written.values().filter(|f| **f != 0).count(),
        1,
        "{written:?}"
    );
    let anki = carry(&["import", &dir, &back]);
    assert_eq!(anki["notes"], made["notes"], "no duplicate notes");
    assert_eq!(anki["cards"], made["cards"]);
    assert_eq!(note_tags(&anki), note_tags(&made));
    assert_eq!(anki["media"], made["media"]);
    assert_eq!(ids(&anki["revlog"]), ids(&made["revlog"]));
    for (guid, note) in made["by_guid"].as_object().unwrap() {
        assert_eq!(
            anki["by_guid"][guid]["notetype"], note["notetype"],
            "{guid}"
        );
        assert_eq!(anki["by_guid"][guid]["fields"], note["fields"], "{guid}");
    }

    // A week in Anki: two more answers, one edited note; the re-import adds
    // exactly those and the edit.
    let more = carry(&["more", &dir]);
    env.now = after(&more["now"]);
    let v2 = format!("{dir}/v2.apkg");
    let merged = env.json(&["import", "--json", &v2]);
    assert_eq!(merged["report"]["answers_merged"], 2, "{merged}");
    assert_eq!(merged["report"]["notes_updated"], 1, "{merged}");
    assert_eq!(merged["report"]["cards_updated"], 1, "{merged}");
    assert_eq!(merged["report"]["cards_added"], 0, "{merged}");
    let text = env.ok(&["import", &v2]);
    assert!(text.starts_with("nothing changed"), "{text}");

    // History in recall: the union of both sides, nothing twice.
    let answers = recall_answers(&env);
    let times: Vec<i64> = answers.iter().map(|(_, at)| *at).collect();
    let unique: BTreeSet<i64> = times.iter().copied().collect();
    assert_eq!(unique.len(), times.len(), "an answer twice: {answers:?}");
    let mut union = ids(&more["revlog"]);
    union.extend(mine);
    assert_eq!(unique, union);
    let cards = env.json(&["cards", "--json"]);
    assert_eq!(
        card_by_prompt(&cards, "What moves a value?")["answer"],
        "assignment (a move)"
    );
    let check = env.ok(&["check"]);
    assert!(check.starts_with("ok: 9 cards"), "{check}");
}
