#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! Building today's queue on a 100k-card, 1M-review collection.

#[path = "support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use rand::rngs::StdRng;
use rand::SeedableRng;
use recall::card::CardId;
use recall::commands::plan_today;
use recall::day::Day;
use recall::session::{DayProgress, Limits, Session};
use recall::store::Store;

fn queue(c: &mut Criterion) {
    let path = support::synthetic_collection();
    let store = Store::open_existing(&path).expect("open");
    c.bench_function("plan_today (100k cards, 1M reviews)", |b| {
        b.iter(|| {
            let mut rng = StdRng::seed_from_u64(1);
            plan_today(&store, support::TODAY, &mut rng, Limits::default(), None).expect("plan")
        })
    });
    c.bench_function("get_due (100k cards)", |b| {
        b.iter(|| store.cards().due(support::TODAY, None).expect("due"))
    });
    let due: Vec<(CardId, Day)> = (0..100_000)
        .map(|n| (CardId(n), Day(20_000 + (n % 30) as i32)))
        .collect();
    c.bench_function("Session::plan, pure (100k due)", |b| {
        b.iter(|| {
            let mut rng = StdRng::seed_from_u64(1);
            Session::plan(
                &due,
                &[],
                &DayProgress::default(),
                Limits::default(),
                &mut rng,
            )
        })
    });
}

criterion_group!(benches, queue);
criterion_main!(benches);
