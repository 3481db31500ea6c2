#![allow(clippy::expect_used, clippy::unwrap_used)] // a bench: failing loudly is the point
//! `recall due --count` runs on every shell prompt: measured as a whole
//! process, and as open + count in-process, on the shared synthetic
//! collection of 100k cards and 1M reviews (`support::synthetic_collection`;
//! BENCHMARKS.md times the same file with hyperfine).

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::store::Store;
use std::process::Command;
use support::{synthetic_collection, TODAY};

const NOW: &str = "2026-11-25T09:00:00+01:00";

fn bench(c: &mut Criterion) {
    let path = synthetic_collection();
    let bin = env!("CARGO_BIN_EXE_recall");
    let expected = Store::open_read_only(&path)
        .expect("open")
        .reports()
        .due_count(TODAY)
        .expect("count");
    eprintln!("{expected} reviews due on the synthetic collection");

    let mut group = c.benchmark_group("due --count, 100k cards, 1M reviews");
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
            store.reports().due_count(TODAY).expect("count")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
