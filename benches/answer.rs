#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! One answer made durable and the next card read, in process, on a
//! file-backed 100k-card, 1M-review collection: what `review` does between
//! the learner's key and the next card on screen. The commit's fsync
//! (`synchronous=FULL`) is part of it on disk; the same run on tmpfs
//! (`/dev/shm`, where an fsync is nearly free) is recall's own work, and
//! `one fsync` measures the disk's price of one alone.

#[path = "support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::sched::Quality;
use recall::store::{AnswerMode, NewAnswer, Store};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Answers the due cards of a copy of the collection in `dir` one by one,
/// most overdue first (each a scheduled review, the first of its day, as in a
/// session), reading the next card after each.
fn answer_in(c: &mut Criterion, dir: &Path, name: &str) {
    let path = dir.join("answer.sqlite");
    std::fs::copy(support::synthetic_collection(), &path).expect("copy the collection");
    let mut store = Store::open_existing(&path).expect("open");
    let due: Vec<_> = store
        .cards()
        .most_overdue(support::TODAY, None, u32::MAX)
        .expect("due cards")
        .into_iter()
        .map(|d| d.id)
        .collect();
    let rule = recall::config::Config::default().leech;
    let mut next = 0;
    let mut group = c.benchmark_group("answer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function(name, |b| {
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
    group.finish();
}

fn answer(c: &mut Criterion) {
    let disk = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    answer_in(
        c,
        disk.path(),
        "answer durable + next card (100k cards, 1M reviews; disk, fsync included)",
    );
    // The same file and syscalls on tmpfs, where an fsync costs next to
    // nothing: recall's own work per answer.
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        let memory = tempfile::tempdir_in(shm).expect("temp dir in /dev/shm");
        answer_in(
            c,
            memory.path(),
            "answer + next card (100k cards, 1M reviews; tmpfs, fsync ~free)",
        );
    }
    let mut file = tempfile::tempfile_in(disk.path()).expect("file");
    let page = [0u8; 4096];
    let mut group = c.benchmark_group("answer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("one fsync of a 4 KiB append (disk)", |b| {
        b.iter(|| {
            file.write_all(&page).expect("write");
            file.sync_data().expect("fsync");
        })
    });
    group.finish();
}

criterion_group!(benches, answer);
criterion_main!(benches);
