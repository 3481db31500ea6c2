#![allow(clippy::expect_used)] // a benchmark: failing loudly is the point
//! SM-2 and log replay: the pure hot paths.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use recall::card::CardId;
use recall::day::Day;
use recall::history::{
    apply, replay, replay_with, CardState, Effect, Event, LogEntry, LogId, Scheduler,
};
use recall::sched::fsrs::Fsrs;
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

/// A million answers as a collection holds them: 100 000 cards with ten
/// scheduled answers each, every answer on the SM-2 due day of the one
/// before, grades cycling through 0–5 from card to card.
fn million_answers() -> Vec<Vec<LogEntry>> {
    let mut id = 0;
    (0..100_000u64)
        .map(|card| {
            let mut state = CardState::default();
            let mut day = Day(18_000 + (card % 365) as i32);
            (0..10u64)
                .map(|n| {
                    id += 1;
                    let event = Event::Answer {
                        quality: Quality::clamped(((card + n) % 6) as u8),
                        effect: Effect::Schedule,
                    };
                    let entry = LogEntry {
                        id: LogId(id),
                        card: CardId(card + 1),
                        at_ms: 0,
                        day,
                        event: event.clone(),
                        elapsed_ms: None,
                        typed: None,
                    };
                    state = apply(&state, &event, day);
                    day = state.sm2.due.expect("answered");
                    entry
                })
                .collect()
        })
        .collect()
}

/// Issue 17: the whole replay (`recall check`, a scheduler switch) of a
/// million answers under each scheduler.
fn replay_by_scheduler(c: &mut Criterion) {
    let cards = million_answers();
    let fsrs = Scheduler::Fsrs(Fsrs::new(0.9).expect("retention"));
    let mut group = c.benchmark_group("replay 1M answers on 100k cards");
    group.sample_size(10);
    for (name, scheduler) in [("sm2", Scheduler::Sm2), ("fsrs", fsrs)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for log in &cards {
                    black_box(replay_with(&scheduler, black_box(log)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, sched, replay_by_scheduler);
criterion_main!(benches);
