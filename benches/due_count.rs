#![allow(clippy::expect_used, clippy::unwrap_used)] // a bench: failing loudly is the point
//! `recall due --count` runs on every shell prompt: measured as a whole
//! process, and as open + count in-process, on a synthetic collection of
//! 100k cards and about 1M review-log rows.
//!
//! The collection is written once to `target/bench/due-100k.sqlite` and kept
//! (delete it to regenerate); BENCHMARKS.md times the same file with hyperfine.
//!
//! The generator fills the log with raw SQL in one transaction: a million
//! answers through `Store::record_answer` would be a million durable commits.
//! The rows are plausible, not a replay (`recall check` would object), which
//! is all a COUNT needs.

use criterion::{criterion_group, criterion_main, Criterion};
use recall::card::{Card, CardId, CardKind, SourcePos};
use recall::day::Day;
use recall::deck::bundled::ROADMAP;
use recall::store::Store;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};
use std::process::Command;

const CARDS: u64 = 100_000;
/// Cards never answered yet; the others get [`ANSWERS_PER_CARD`] answers.
const NEW_CARDS: u64 = 10_000;
const ANSWERS_PER_CARD: u64 = 11;
/// The bench's "today": 2026-11-25.
const TODAY: i32 = 20_782;
const NOW: &str = "2026-11-25T09:00:00+01:00";
const DAY_MS: i64 = 86_400_000;

fn collection_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/due-100k.sqlite")
}

/// A cheap, fixed spread of numbers (no RNG: the file is the same every time).
fn mix(i: u64, salt: u64) -> u64 {
    (i.wrapping_add(salt))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17)
}

fn cards() -> Vec<Card> {
    let roadmap = recall::roadmap::parse(ROADMAP.0, ROADMAP.1).expect("bundled roadmap");
    let sections: Vec<(&str, &str)> = roadmap
        .sections
        .iter()
        .flat_map(|s| s.topics.iter().map(move |t| (s.id.as_str(), t.id.as_str())))
        .collect();
    (0..CARDS)
        .map(|i| {
            let (deck, topic) = sections[(i as usize) % sections.len()];
            let prompt = format!("synthetic card {i}");
            Card {
                id: CardId::from_key(&prompt),
                kind: CardKind::Typed,
                deck: deck.into(),
                topic: topic.into(),
                ord: i as i64,
                prompt,
                code: None,
                answer: format!("answer {i}"),
                alternatives: Vec::new(),
                note: None,
                case_sensitive: true,
                source: SourcePos {
                    path: format!("decks/{deck}.md"),
                    line: (i % 1000) as u32 + 1,
                },
            }
        })
        .collect()
}

fn generate(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let roadmap = recall::roadmap::parse(ROADMAP.0, ROADMAP.1).expect("bundled roadmap");
    let cards = cards();
    let mut store = Store::open(path).expect("open");
    store.sync(&roadmap, &cards, 0).expect("sync");
    drop(store);

    let mut conn = Connection::open(path).expect("open raw");
    let tx = conn.transaction().expect("begin");
    {
        let mut log = tx
            .prepare(
                "INSERT INTO review_log (card_id, at_ms, day, event, quality, effect, elapsed_ms)
                 VALUES (?1, ?2, ?3, 'answer', ?4, ?5, 6000)",
            )
            .expect("prepare log");
        let mut state = tx
            .prepare(
                "UPDATE card_state SET reps = ?2, ef = ?3, interval = ?4, due = ?5, last_review = ?6
                 WHERE card_id = ?1",
            )
            .expect("prepare state");
        // The log is written in time order, as a real one is.
        let mut answers: Vec<(i32, i64, u8, &str)> = Vec::new();
        for (i, card) in cards.iter().enumerate().skip(NEW_CARDS as usize) {
            let i = i as u64;
            let id = card.id.0 as i64;
            // Growing gaps, as intervals grow; the last answer in the last 100 days.
            let gaps: Vec<i32> = (0..ANSWERS_PER_CARD - 1)
                .map(|a| 1 + (mix(i, a + 3) % (20 * (a + 1))) as i32)
                .collect();
            let last = TODAY - 1 - (mix(i, 5) % 100) as i32;
            let mut day = last - gaps.iter().sum::<i32>();
            for a in 0..ANSWERS_PER_CARD {
                let quality = [5, 4, 4, 3, 4, 2, 5, 4][(mix(i, a) % 8) as usize];
                let effect = if a == 0 {
                    "schedule"
                } else {
                    ["schedule", "schedule", "repeat"][(mix(i, a + 7) % 3) as usize]
                };
                answers.push((day, id, quality, effect));
                day += gaps.get(a as usize).copied().unwrap_or(0);
            }
            let interval = 1 + (mix(i, 11) % 200) as i64;
            // Due days from 20 days overdue to 180 days ahead.
            let due = TODAY - 20 + (mix(i, 13) % 200) as i32;
            let ef = 130 + (mix(i, 17) % 170) as i64;
            state
                .execute(params![id, 5, ef, interval, due, last])
                .expect("update state");
        }
        answers.sort_unstable();
        for (n, (day, id, quality, effect)) in answers.into_iter().enumerate() {
            let at = i64::from(day) * DAY_MS + 9 * 3_600_000 + n as i64 % 1000;
            log.execute(params![id, at, day, quality, effect])
                .expect("insert log");
        }
    }
    tx.commit().expect("commit");
    conn.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("analyze");
}

fn collection() -> PathBuf {
    let path = collection_path();
    if !path.exists() {
        eprintln!("generating {} (once)…", path.display());
        generate(&path);
    }
    path
}

fn bench(c: &mut Criterion) {
    let path = collection();
    let bin = env!("CARGO_BIN_EXE_recall");
    let expected = {
        let store = Store::open_read_only(&path).expect("open");
        store.count_due(Day(TODAY)).expect("count")
    };
    eprintln!("{} reviews due on the synthetic collection", expected);

    let mut group = c.benchmark_group("due --count, 100k cards, ~1M log rows");
    group.sample_size(50);
    group.bench_function("whole process", |b| {
        b.iter(|| {
            let out = Command::new(bin)
                .args(["--now", NOW, "--db"])
                .arg(&path)
                .args(["due", "--count"])
                .env_remove("RECALL_DB")
                .output()
                .expect("run recall");
            assert!(out.status.success());
            assert_eq!(
                String::from_utf8_lossy(&out.stdout).trim(),
                expected.to_string()
            );
        })
    });
    group.bench_function("open read-only + count", |b| {
        b.iter(|| {
            let store = Store::open_read_only(&path).expect("open");
            store.count_due(Day(TODAY)).expect("count")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
