#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! Exporting a 100k-card, 1M-review collection by cursor: reading it
//! (cards and their log, nothing kept; the log alone in table order, as
//! the apkg reads it), and writing each format with scheduling into a temp
//! file, as `export -o` does.

#[path = "support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::commands::exporter;
use recall::export::{Format, Options, Target};
use recall::progress::Silent;
use recall::store::{CardRead, Store, StoreError};

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
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("export (100k cards, 1M reviews)");
    group.sample_size(10);
    group.bench_function("read: cards and their log by cursor", |b| {
        b.iter(|| {
            let read = store.export_read(None).expect("read");
            let mut rows = 0;
            read.each_card(CardRead::Log, |_, log| -> Result<(), StoreError> {
                rows += log.len();
                Ok(())
            })
            .expect("cursor");
            rows
        })
    });
    group.bench_function(
        "read: the whole log in table order (the apkg's revlog pass)",
        |b| {
            b.iter(|| {
                let read = store.export_read(None).expect("read");
                let mut rows = 0;
                read.each_log_entry(|_| -> Result<(), StoreError> {
                    rows += 1;
                    Ok(())
                })
                .expect("cursor");
                rows
            })
        },
    );
    for (name, format) in [
        ("apkg end to end, with scheduling", Format::Apkg),
        ("json end to end, with scheduling", Format::Json),
        ("tsv end to end", Format::Tsv),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let read = store.export_read(None).expect("read");
                let mut out = tempfile::tempfile_in(dir.path()).expect("temp file");
                let target = Target {
                    out: &mut out,
                    temp_dir: dir.path(),
                };
                exporter(format)
                    .export(&read, &options, target, &mut Silent)
                    .expect("export")
                    .cards
            })
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
