#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! Exporting a 100k-card, 1M-review collection: reading it, and writing
//! each format with scheduling.

#[path = "support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::commands::exporter;
use recall::export::{Format, Options};
use recall::progress::Silent;
use recall::store::Store;

fn export(c: &mut Criterion) {
    let path = support::synthetic_collection();
    let store = Store::open_existing(&path).expect("open");
    let options = Options {
        with_scheduling: true,
        now_ms: i64::from(support::TODAY.0) * 86_400_000,
        today: support::TODAY,
        utc_offset_secs: 3600,
        rollover_hour: 4,
    };
    let mut group = c.benchmark_group("export (100k cards, 1M reviews)");
    group.sample_size(10);
    group.bench_function("snapshot with log", |b| {
        b.iter(|| store.snapshot(None, true).expect("snapshot"))
    });
    let snapshot = store.snapshot(None, true).expect("snapshot");
    for (name, format) in [
        ("apkg, with scheduling", Format::Apkg),
        ("json, with scheduling", Format::Json),
        ("tsv", Format::Tsv),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                exporter(format)
                    .export(&snapshot, &options, &mut out, &mut Silent)
                    .expect("export");
                out.len()
            })
        });
    }
    group.bench_function("apkg end to end (snapshot + package)", |b| {
        b.iter(|| {
            let snapshot = store.snapshot(None, true).expect("snapshot");
            let mut out = Vec::new();
            exporter(Format::Apkg)
                .export(&snapshot, &options, &mut out, &mut Silent)
                .expect("export");
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
