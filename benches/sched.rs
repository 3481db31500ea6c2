#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! SM-2 and log replay: the pure hot paths.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use recall::card::CardId;
use recall::day::Day;
use recall::history::{apply, replay, CardState, Effect, Event, LogEntry, LogId};
use recall::sched::{review, Quality, Sm2State};

fn sched(c: &mut Criterion) {
    let q4 = Quality::new(4).expect("grade");
    c.bench_function("sm2 review", |b| {
        b.iter(|| {
            review(
                black_box(&Sm2State::default()),
                black_box(q4),
                black_box(Day(20_000)),
            )
        })
    });
    // A million answers: the size of a heavy user's whole log.
    let mut state = CardState::default();
    let log: Vec<LogEntry> = (0..1_000_000i64)
        .map(|i| {
            let day = Day(18_000 + (i / 100) as i32);
            let effect = Effect::for_review(&state.sm2, day);
            let event = Event::Answer {
                quality: Quality::clamped((i % 6) as u8),
                effect,
            };
            state = apply(&state, &event, day);
            LogEntry {
                id: LogId(i + 1),
                card: CardId(1),
                at_ms: 0,
                day,
                event,
                elapsed_ms: None,
                typed: None,
            }
        })
        .collect();
    c.bench_function("replay 1M log entries", |b| {
        b.iter(|| replay(black_box(&log)))
    });
}

criterion_group!(benches, sched);
criterion_main!(benches);
