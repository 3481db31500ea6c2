#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! Compiling decks: parsing, resolving against the roadmap, syncing the store.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use recall::course::build;
use recall::deck;
use recall::store::Store;
use std::fmt::Write;

/// A deck of `n` cards in one section of the bundled roadmap.
fn big_deck(n: usize) -> String {
    let mut text = String::from("# Phase 2 — Standard Library Power\n\n");
    for topic in 1..=9 {
        let _ = writeln!(text, "## {topic} Topic\n");
        for i in (0..n).filter(|i| i % 9 == topic - 1) {
            let _ = writeln!(
                text,
                "T: itertools: generated drill number {i}\nA: name_{i}\n"
            );
        }
    }
    text
}

fn compile(c: &mut Criterion) {
    c.bench_function("compile bundled decks (parse + resolve)", |b| {
        b.iter(|| build(None, None, None).expect("bundled decks compile"))
    });
    let text = big_deck(100_000);
    c.bench_function("parse a 100k-card deck", |b| {
        b.iter(|| deck::parse("decks/big.md", &text).expect("parse"))
    });
    let compiled = build(
        None,
        Some(vec![("decks/big.md".into(), text.clone())]),
        None,
    )
    .expect("build");
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    group.bench_function("sync 100k new cards into an empty collection", |b| {
        b.iter_batched(
            || Store::open_in_memory().expect("store"),
            |mut store| {
                store
                    .sync(&compiled.roadmap, &compiled.cards, 0)
                    .expect("sync")
            },
            BatchSize::PerIteration,
        )
    });
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync(&compiled.roadmap, &compiled.cards, 0)
        .expect("sync");
    group.bench_function("recompile 100k unchanged cards", |b| {
        b.iter(|| {
            store
                .sync(&compiled.roadmap, &compiled.cards, 0)
                .expect("sync")
        })
    });
    group.finish();
}

criterion_group!(benches, compile);
criterion_main!(benches);
