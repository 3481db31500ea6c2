//! A generated collection of any size, for benchmarks and scale tests: a
//! roadmap of ten phases, cards spread over their topics, and a review
//! history whose stored state is exactly the replay of its log.

use super::day_stats::DayTally;
use super::{Store, StoreError};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::day::Day;
use crate::history::{apply, CardState, Effect, Event};
use crate::roadmap::{Roadmap, Section, Topic};
use crate::sched::Quality;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const SECTIONS: usize = 10;
const TOPICS_PER_SECTION: usize = 8;
/// One card in this many stays new (never answered).
const NEW_EVERY: u32 = 10;
/// Days between the generated answers of a card.
const ANSWER_GAP_DAYS: i32 = 5;
const DAY_MS: i64 = 86_400_000;

fn synthetic_roadmap() -> Roadmap {
    let sections = (0..SECTIONS)
        .map(|s| Section {
            id: format!("phase-{s}"),
            title: format!("Phase {s} — Synthetic"),
            goal: None,
            topics: (1..=TOPICS_PER_SECTION)
                .map(|t| Topic {
                    id: format!("phase-{s}/{t}"),
                    number: t.to_string(),
                    title: format!("Topic {t}"),
                    detail: String::new(),
                    line: 1,
                    subtopics: Vec::new(),
                })
                .collect(),
            milestones: Vec::new(),
            line: 1,
        })
        .collect();
    Roadmap {
        title: "Synthetic Roadmap".into(),
        sections,
    }
}

fn synthetic_card(i: u32) -> Card {
    let section = i as usize % SECTIONS;
    let topic = (i as usize / SECTIONS) % TOPICS_PER_SECTION + 1;
    let prompt = format!("Synthetic question number {i}: which name does this describe?");
    Card {
        id: CardId::from_key(&prompt),
        kind: if i.is_multiple_of(3) {
            CardKind::Basic
        } else {
            CardKind::Typed
        },
        deck: format!("phase-{section}"),
        topic: format!("phase-{section}/{topic}"),
        ord: (section * TOPICS_PER_SECTION + topic) as i64 * 1_000_000 + i64::from(i),
        prompt,
        code: None,
        answer: format!("answer_{i}"),
        alternatives: Vec::new(),
        note: None,
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: format!("decks/phase-{section}.md"),
            line: i + 1,
        },
    }
}

/// Mostly passing grades, like a learner who keeps up.
fn grade(rng: &mut StdRng) -> Quality {
    const WEIGHTS: [(u8, u32); 6] = [(5, 30), (4, 35), (3, 20), (2, 8), (1, 4), (0, 3)];
    let mut roll = rng.gen_range(0..100);
    for (q, weight) in WEIGHTS {
        if roll < weight {
            return Quality::clamped(q);
        }
        roll -= weight;
    }
    Quality::clamped(5)
}

impl Store {
    /// Fill an empty collection with `cards` cards and about `reviews`
    /// answers spread over the days before `today`, deterministically from `seed`.
    pub fn fill_synthetic(
        &mut self,
        cards: u32,
        reviews: u32,
        seed: u64,
        today: Day,
    ) -> Result<(), StoreError> {
        let generated: Vec<Card> = (0..cards).map(synthetic_card).collect();
        let now_ms = i64::from(today.0) * DAY_MS;
        self.sync(&synthetic_roadmap(), &generated, now_ms)?;
        let answered = cards - cards / NEW_EVERY;
        let per_card = reviews.checked_div(answered).unwrap_or(0);
        let mut extra = reviews.saturating_sub(per_card * answered);
        let mut rng = StdRng::seed_from_u64(seed);
        self.write("cannot fill the synthetic collection", |db| {
            let mut day_tally = DayTally::default();
            for (i, card) in generated.iter().enumerate() {
                if (i as u32).is_multiple_of(NEW_EVERY) {
                    continue;
                }
                let count = per_card + u32::from(extra > 0);
                extra = extra.saturating_sub(1);
                let span = ANSWER_GAP_DAYS * count as i32;
                let mut day = today.plus(-span - (i as i32 % 30));
                let mut state = CardState::default();
                for _ in 0..count {
                    let quality = grade(&mut rng);
                    let effect = Effect::for_review(&state.sm2, day);
                    let event = Event::Answer { quality, effect };
                    let at_ms = i64::from(day.0) * DAY_MS + 9 * 3_600_000;
                    let entry =
                        db.add_log(card.id, event.clone(), at_ms, day, Some(4_000), None)?;
                    day_tally.push(&entry);
                    state = apply(&state, &event, day);
                    day = day.plus(ANSWER_GAP_DAYS);
                }
                db.update_state(card.id, &state)?;
            }
            db.add_day_tally(&day_tally)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_collection_has_the_asked_size_and_replays_cleanly() {
        let mut store = Store::open_in_memory().unwrap();
        store.fill_synthetic(200, 1_000, 7, Day(20_000)).unwrap();
        assert_eq!(store.cards().count().unwrap(), 200);
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.mismatches.first());
        assert_eq!(report.log_rows, 1_000);
        assert!(!store.cards().due(Day(20_000), None).unwrap().is_empty());
        assert_eq!(
            store
                .cards()
                .new_cards(Day(20_000), 100, None)
                .unwrap()
                .len(),
            20
        );
    }
}
