#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! One answer made durable and the next card read, in process, on a
//! file-backed 100k-card, 1M-review collection: what `review` does between
//! the learner's key and the next card on screen. The commit's fsync
//! (`synchronous=FULL`) is part of it; `one fsync` measures that alone on the
//! same file system, so the difference is recall's own work.

#[path = "support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::sched::leech::LeechRule;
use recall::sched::Quality;
use recall::store::{AnswerMode, NewAnswer, Store};
use std::io::Write;
use std::time::Duration;

fn answer(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answer.sqlite");
    std::fs::copy(support::synthetic_collection(), &path).expect("copy the collection");
    let mut store = Store::open_existing(&path).expect("open");
    // Every due card once, most overdue first, so each answer is a scheduled
    // review (the first of its day), as in a session.
    let due: Vec<_> = store
        .cards()
        .most_overdue(support::TODAY, None, u32::MAX)
        .expect("due cards")
        .into_iter()
        .map(|d| d.id)
        .collect();
    let rule = LeechRule::default();
    let mut next = 0;
    let mut group = c.benchmark_group("answer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("answer durable + next card (100k cards, 1M reviews)", |b| {
        b.iter(|| {
            let card = due[next % due.len()];
            next += 1;
            store
                .record_answer(
                    &NewAnswer {
                        card,
                        quality: Quality::clamped(4),
                        mode: AnswerMode::Review,
                        at_ms: 1_795_000_000_000 + next as i64,
                        day: support::TODAY,
                        elapsed_ms: Some(3_000),
                        typed: None,
                    },
                    &rule,
                )
                .expect("answer");
            store
                .cards()
                .get(due[next % due.len()])
                .expect("next card")
                .expect("a card")
        })
    });
    let mut file = std::fs::File::create(dir.path().join("fsync")).expect("file");
    let page = [0u8; 4096];
    group.bench_function("one fsync of a 4 KiB append (same file system)", |b| {
        b.iter(|| {
            file.write_all(&page).expect("write");
            file.sync_data().expect("fsync");
        })
    });
    group.finish();
}

criterion_group!(benches, answer);
criterion_main!(benches);
