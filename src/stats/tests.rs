//! The report and its rendering on a generated year of reviews: the bundled
//! roadmap, a few cards per topic, and a deterministic learner who studies
//! most days, through the real store.

use super::render::{self, WIDTH};
use super::*;
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::deck::bundled::ROADMAP;
use crate::history::Event;
use crate::sched::leech::{LeechRule, DEFAULT_LEECH_THRESHOLD};
use crate::sched::Quality;
use crate::store::{AnswerMode, Store};
use crate::ui::plain_text;
use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DAY_MS: i64 = 86_400_000;
const STUDY_HOUR_MS: i64 = 9 * 3_600_000;
/// Days of generated history before today.
const HISTORY_DAYS: i32 = 365;
const NEW_PER_DAY: u32 = 1;
/// New cards stop coming after this many days, so later sections stay new.
const INTRODUCING_DAYS: i32 = 200;

fn today() -> Day {
    Day::from_date(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
}

/// Cards for the first topics of every section: three per topic in the
/// phases 0–2, two elsewhere.
fn cards(roadmap: &crate::roadmap::Roadmap) -> Vec<Card> {
    let mut out = Vec::new();
    for section in &roadmap.sections {
        let per_topic = if ["phase-0", "phase-1", "phase-2"].contains(&section.id.as_str()) {
            3
        } else {
            2
        };
        for topic in section.topics.iter().take(8) {
            for i in 0..per_topic {
                let n = out.len();
                let prompt = format!("{} card {i}: what is {}?", topic.id, topic.title);
                out.push(Card {
                    id: CardId::from_key(&prompt),
                    kind: CardKind::Basic,
                    deck: section.id.clone(),
                    topic: topic.id.clone(),
                    ord: i64::try_from(n).unwrap(),
                    prompt,
                    code: None,
                    answer: "it".into(),
                    alternatives: Vec::new(),
                    note: None,
                    case_sensitive: true,
                    exact: false,
                    source: SourcePos {
                        path: format!("decks/{}.md", section.id),
                        line: u32::try_from(n).unwrap(),
                    },
                });
            }
        }
    }
    out
}

fn quality(rng: &mut StdRng) -> Quality {
    let q = match rng.gen_range(0..100) {
        0..=29 => 5,
        30..=69 => 4,
        70..=84 => 3,
        85..=92 => 2,
        93..=97 => 1,
        _ => 0,
    };
    Quality::new(q).unwrap()
}

/// A year in which the learner studies on about four days out of five,
/// answers everything due and, for the first 200 days, one new card; one card is always failed
/// (a leech), one is suspended.
fn generated() -> Store {
    let roadmap = crate::roadmap::parse(ROADMAP.0, ROADMAP.1).unwrap();
    let cards = cards(&roadmap);
    let mut store = Store::open_in_memory().unwrap();
    store.sync(&roadmap, &cards, 0).unwrap();
    let leech = cards[0].id;
    let mut rng = StdRng::seed_from_u64(7);
    let first = today().plus(-HISTORY_DAYS);
    for offset in 0..HISTORY_DAYS {
        let day = first.plus(offset);
        // Long breaks in the spring, a short run of skipped days otherwise.
        let on_break = (120..140).contains(&offset);
        if on_break || rng.gen_range(0..10) < 2 {
            continue;
        }
        let at = i64::from(day.0) * DAY_MS + STUDY_HOUR_MS;
        let mut ids: Vec<CardId> = store
            .cards()
            .due(day, None)
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect();
        if offset < INTRODUCING_DAYS {
            ids.extend(store.cards().new_cards(day, NEW_PER_DAY, None).unwrap());
        }
        for (i, id) in (0..).zip(ids) {
            let q = if id == leech && store.cards().get(id).unwrap().unwrap().state.sm2.reps > 0 {
                Quality::new(1).unwrap()
            } else {
                quality(&mut rng)
            };
            store
                .record_answer(
                    &crate::store::NewAnswer {
                        card: id,
                        quality: q,
                        mode: AnswerMode::Review,
                        at_ms: at + i * 10_000,
                        day,
                        elapsed_ms: Some(8_000),
                        typed: None,
                    },
                    &LeechRule::NEVER,
                )
                .unwrap();
        }
    }
    let suspended = cards[5].id;
    let at = i64::from(today().0) * DAY_MS;
    store
        .record(suspended, Event::Suspend, at, today())
        .unwrap();
    store
}

fn report(store: &Store) -> Report {
    let query = super::query(today(), DEFAULT_LEECH_THRESHOLD);
    let mut input = store.reports().stats_input(&query).unwrap();
    input.new_today = 3;
    Report::build(input)
}

fn assert_fits(lines: &[crate::ui::Line]) {
    assert_fits_in(lines, WIDTH);
}

fn assert_fits_in(lines: &[crate::ui::Line], width: usize) {
    for line in lines {
        let text = line.text();
        assert!(
            text.chars().count() <= width,
            "{} columns of {width}: {text:?}",
            text.chars().count()
        );
    }
}

/// The words of `lines`, a `…` where a name was cut left off; with
/// `prose_only`, of the lines that are no chart or table row.
fn words(lines: &[crate::ui::Line], prose_only: bool) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.text())
        .filter(|t| !prose_only || !t.contains(['█', '▓', '░', '│', '┤', '└', '■']))
        .flat_map(|t| {
            t.split_whitespace()
                .map(|w| w.trim_end_matches('…').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_overview_fits_60_to_200_columns_and_splits_no_word() {
    let store = generated();
    let report = report(&store);
    let widest = words(&render::overview(&report, 200), false);
    for width in [60, 61, 72, 80, 100, 120, 160, 200] {
        let lines = render::overview(&report, width);
        assert_fits_in(&lines, width);
        for word in words(&lines, true) {
            assert!(
                widest.contains(&word),
                "{word:?} at {width} is not a word of the report:\n{}",
                plain_text(&lines)
            );
        }
    }
    insta::assert_snapshot!("overview_60", plain_text(&render::overview(&report, 60)));
    insta::assert_snapshot!("overview_160", plain_text(&render::overview(&report, 160)));
}

#[test]
fn the_phase_view_fits_60_to_200_columns() {
    let store = generated();
    let sections = store.reports().section_progress().unwrap();
    let section = sections.iter().find(|s| s.id == "phase-1").unwrap().clone();
    let milestones = progress::milestones(&store.cards().milestones().unwrap(), &sections)
        .into_iter()
        .filter(|m| m.milestone.section == "phase-1")
        .collect();
    let topics = progress::topics(
        &store.cards().topics().unwrap(),
        "phase-1",
        &store.reports().topic_stages("phase-1").unwrap(),
    );
    let report = PhaseReport {
        section,
        milestones,
        topics,
    };
    for width in [60, 80, 120, 200] {
        assert_fits_in(&render::phase(&report, width), width);
    }
    let narrow = plain_text(&render::phase(&report, 60));
    assert!(
        narrow.contains("Collections & Iteration"),
        "whole titles at 60:\n{narrow}"
    );
    insta::assert_snapshot!("phase_1_60", narrow);
}

#[test]
fn a_terminal_outside_60_to_200_columns_gets_the_nearest_layout() {
    assert_eq!(render::fit(None), WIDTH);
    assert_eq!(render::fit(Some(40)), 60);
    assert_eq!(render::fit(Some(120)), 120);
    assert_eq!(render::fit(Some(500)), 200);
}

#[test]
fn overview_of_a_generated_year() {
    let store = generated();
    let report = report(&store);
    let lines = render::overview(&report, WIDTH);
    assert_fits(&lines);
    insta::assert_snapshot!("overview", plain_text(&lines));
}

#[test]
fn phase_view_of_a_generated_year() {
    let store = generated();
    let sections = store.reports().section_progress().unwrap();
    let section = sections.iter().find(|s| s.id == "phase-1").unwrap().clone();
    let milestones = progress::milestones(&store.cards().milestones().unwrap(), &sections)
        .into_iter()
        .filter(|m| m.milestone.section == "phase-1")
        .collect();
    let topics = progress::topics(
        &store.cards().topics().unwrap(),
        "phase-1",
        &store.reports().topic_stages("phase-1").unwrap(),
    );
    let lines = render::phase(
        &PhaseReport {
            section,
            milestones,
            topics,
        },
        WIDTH,
    );
    assert_fits(&lines);
    insta::assert_snapshot!("phase_1", plain_text(&lines));
}

#[test]
fn report_agrees_with_the_counts() {
    let store = generated();
    let r = report(&store);
    let c = r.counts;
    assert_eq!(
        r.forecast[0].count, c.due_today,
        "the forecast starts with today's due cards"
    );
    let sections = r.sections.iter().fold(Stages::default(), |mut all, s| {
        all.add(&s.stages);
        all
    });
    assert_eq!(
        (sections.new, sections.learning, sections.mature),
        (c.new, c.learning, c.mature)
    );
    assert_eq!(sections.suspended, 1);
    let scheduled = c.learning + c.mature;
    assert_eq!(r.ef.iter().map(|b| b.cards).sum::<u64>(), scheduled);
    assert_eq!(r.intervals.iter().map(|b| b.cards).sum::<u64>(), scheduled);
    assert!(r.leeches.count >= 1, "{:?}", r.leeches);
    assert!(r
        .leeches
        .cards
        .windows(2)
        .all(|w| w[0].lapses >= w[1].lapses));
    assert!(r
        .leeches
        .cards
        .iter()
        .all(|l| l.lapses >= DEFAULT_LEECH_THRESHOLD));
    assert_eq!(r.milestones.len(), 16);
    assert!(r.streak.longest >= r.streak.current && r.streak.longest > 5);
    let year = &r.retention[2];
    assert!(
        year.young.answers > 0 && year.mature.answers > 0,
        "{year:?}"
    );
    assert!(r.heatmap.iter().all(|d| d.count > 0 && d.day <= today()));
}

#[test]
fn an_empty_collection_renders_within_the_width() {
    let store = Store::open_in_memory().unwrap();
    let report = report(&store);
    let lines = render::overview(&report, WIDTH);
    assert_fits(&lines);
    let text = plain_text(&lines);
    assert!(text.contains("Due in the next 30 days: nothing"), "{text}");
    assert!(text.contains("Roadmap: none compiled"), "{text}");
    assert_eq!(
        report.streak,
        Streak {
            current: 0,
            longest: 0
        }
    );
}

#[test]
fn truncate_marks_the_cut() {
    assert_eq!(render::truncate("abcdef", 4), "abc…");
    assert_eq!(render::truncate("abc", 4), "abc");
    assert_eq!(render::truncate("  abc  ", 3), "abc");
    assert_eq!(
        render::truncate_words("what is Installation", 12),
        "what is…"
    );
    assert_eq!(render::truncate_words("Installation", 8), "Install…");
}
