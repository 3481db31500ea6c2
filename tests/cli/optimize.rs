//! `recall optimize` through the real binary, on a generated log: a learner
//! whose memory follows FSRS-6 (with initial stabilities a quarter of the
//! defaults), scheduled by SM-2, answers drawn with a fixed seed.

use crate::env::TestEnv;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recall::card::{Card, CardId, CardKind, SourcePos};
use recall::history::{apply, CardState, Effect, Event};
use recall::progress::Silent;
use recall::sched::fsrs::{Fsrs, Rating};
use recall::store::{ImportPlan, ImportedCard, ImportedDeck, ImportedEvent, Store};
use recall::{Day, Quality};

/// 2026-11-25, the day `env.now` falls in.
const TODAY: Day = Day(20_782);
const DAY_MS: i64 = 86_400_000;

fn card(i: u32) -> Card {
    let prompt = format!("generated question {i}");
    Card {
        id: CardId::from_key(&prompt),
        kind: CardKind::Basic,
        deck: "anki-generated".into(),
        topic: "anki-generated/1".into(),
        ord: i64::from(i),
        prompt,
        code: None,
        answer: format!("answer {i}"),
        alternatives: Vec::new(),
        note: None,
        case_sensitive: true,
        exact: false,
        source: SourcePos {
            path: "generated".into(),
            line: i + 1,
        },
    }
}

/// `cards` cards with up to `per_card` scheduled answers each, the last
/// before today, written through the store in one import.
pub fn generated_collection(env: &TestEnv, cards: u32, per_card: u32) {
    let mut params = fsrs::DEFAULT_PARAMETERS.to_vec();
    for w in &mut params[0..4] {
        *w *= 0.25;
    }
    let learner = Fsrs::with_parameters(&params, 0.9).unwrap();
    let mut rng = StdRng::seed_from_u64(2026);
    let plan_cards = (0..cards)
        .map(|i| {
            let mut state = CardState::default();
            let mut day = TODAY.plus(-1500 + (i % 60) as i32);
            let mut memory = None;
            let mut events = Vec::new();
            while events.len() < per_card as usize && day < TODAY {
                let grade = match memory {
                    None => 4,
                    Some(m) => {
                        let elapsed = day.since(state.last_review.unwrap()) as u32;
                        if rng.gen::<f32>() < learner.retrievability(m, elapsed) {
                            [3, 4, 4, 4, 5][rng.gen_range(0..5)]
                        } else {
                            1
                        }
                    }
                };
                let elapsed = state.last_review.map_or(0, |last| day.since(last) as u32);
                let quality = Quality::new(grade).unwrap();
                memory = Some(
                    learner
                        .next(memory, Rating::from_quality(quality), elapsed)
                        .0,
                );
                let event = Event::Answer {
                    quality,
                    effect: Effect::Schedule,
                };
                state = apply(&state, &event, day);
                events.push(ImportedEvent {
                    at_ms: i64::from(day.0) * DAY_MS + 9 * 3_600_000,
                    day,
                    event,
                    elapsed_ms: Some(3_000),
                });
                day = state.sm2.due.unwrap();
            }
            ImportedCard {
                card: card(i),
                events,
                tags: Vec::new(),
                anki: None,
            }
        })
        .collect();
    let mut plan = ImportPlan {
        decks: vec![ImportedDeck {
            section: "anki-generated".into(),
            name: "Generated".into(),
        }],
        cards: plan_cards,
        ..ImportPlan::default()
    };
    let mut store = Store::open(&env.db()).unwrap();
    store
        .import(&mut plan, i64::from(TODAY.0) * DAY_MS, &mut Silent)
        .unwrap();
}

fn stored(env: &TestEnv) -> Option<Vec<f32>> {
    Store::open_existing(&env.db())
        .unwrap()
        .fsrs_params()
        .unwrap()
}

#[test]
fn optimize_refuses_a_log_below_the_threshold_and_stores_nothing() {
    let env = TestEnv::new();
    generated_collection(&env, 60, 4);
    let before = env.bytes(&env.db());
    let (code, stderr) = env.fails(&["optimize"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "optimize needs at least 400 reviews on 50 cards; this collection has 180 on 60"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("default parameters"), "{stderr}");
    assert_eq!(env.bytes(&env.db()), before);
    assert_eq!(stored(&env), None);
}

#[test]
fn optimize_dry_run_shows_the_fit_and_stores_nothing() {
    let env = TestEnv::new();
    generated_collection(&env, 300, 10);
    let fit = env.json(&["optimize", "--dry-run", "--json"]);
    assert_eq!(fit["parameters"].as_array().unwrap().len(), 21);
    assert_eq!(fit["dry_run"], true);
    assert_eq!(fit["stored"], false);
    assert_eq!(fit["cards"], 300);
    let loss = |when: &str| fit[when]["log_loss"].as_f64().unwrap();
    assert!(loss("after") < loss("before"), "{fit}");
    assert_eq!(stored(&env), None);
}

#[test]
fn optimize_stores_the_fitted_parameters_and_shows_the_losses() {
    let env = TestEnv::new();
    generated_collection(&env, 300, 10);
    let out = env.ok(&["optimize"]);
    assert!(out.starts_with("Fitted FSRS to "), "{out}");
    assert!(out.contains("w14–w20 "), "{out}");
    assert!(out.contains("log loss") && out.contains("RMSE"), "{out}");
    assert!(out.contains("Stored."), "{out}");
    let params = stored(&env).unwrap();
    assert_eq!(params.len(), 21);
    assert_ne!(params, fsrs::DEFAULT_PARAMETERS.to_vec());
    let fit = Store::open_existing(&env.db())
        .unwrap()
        .fsrs_fit()
        .unwrap()
        .unwrap();
    assert_eq!(fit.fitted_on, "2026-11-25");
    assert!(fit.log_loss_after < fit.log_loss_before, "{fit:?}");
    // The log is untouched: still the replay of itself.
    assert!(env.ok(&["check"]).starts_with("ok"));
}

#[test]
fn optimize_has_a_man_page_with_its_flags() {
    let env = TestEnv::new();
    let page = env.ok(&["man", "optimize"]);
    assert!(page.contains(".TH recall-optimize 1"), "{}", &page[..200]);
    for flag in ["\\-\\-dry\\-run", "\\-\\-json"] {
        assert!(page.contains(flag), "no {flag}");
    }
    assert!(page.contains("400 reviews on 50"), "no threshold");
}

#[test]
fn under_fsrs_optimize_reschedules_every_card_with_the_fit() {
    let env = TestEnv::new();
    generated_collection(&env, 300, 10);
    // Opening the collection under this config reschedules it to FSRS first.
    env.write("xdg-config/recall/config.toml", "scheduler = \"fsrs\"\n");
    let fit = env.json(&["optimize", "--json"]);
    assert_eq!(fit["stored"], true);
    assert_eq!(fit["rescheduled"]["cards"], 300, "{fit}");
    assert!(fit["rescheduled"]["changed"].as_u64().unwrap() > 0, "{fit}");
    let store = Store::open_existing(&env.db()).unwrap();
    let active = store.active_fsrs().unwrap().unwrap();
    assert_eq!(Some(active.parameters().to_vec()), stored(&env));
    assert_eq!(active.desired_retention(), 0.9);
}
