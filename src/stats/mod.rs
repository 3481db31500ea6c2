//! Where a learner stands: forecast, retention, streak, heatmap, ease and
//! interval distributions, leeches and roadmap progress. Pure functions from
//! the plain aggregates the store returns ([`Input`]) and the day to a
//! [`Report`] (serialised as `stats --json`, see `docs/stats-json.md`);
//! [`render`] turns it into terminal lines.

pub mod distribution;
pub mod forecast;
pub mod heatmap;
pub mod progress;
pub mod render;
pub mod retention;
#[cfg(test)]
mod tests;

use crate::card::CardId;
use crate::day::Day;
use crate::store::Counts;
use serde::Serialize;

pub use crate::session::streak::{days_newest_first, longest_streak, streak, Streak};
pub use distribution::Bucket;
pub use forecast::FORECAST_DAYS;
pub use progress::{MilestoneProgress, PhaseReport, SectionProgress, Stages, TopicProgress};
pub use retention::{Retention, RetentionRow, Share, RETENTION_WINDOWS};

/// How many leeches the report names.
pub const LEECHES_SHOWN: u32 = 5;

/// How many answers (or due cards) fell on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub day: Day,
    pub count: u64,
}

/// How many cards have a given ease (hundredths) or interval (days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueCount {
    pub value: u32,
    pub cards: u64,
}

/// A card that keeps lapsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leech {
    pub id: CardId,
    pub topic: String,
    pub prompt: String,
    pub lapses: u32,
    pub suspended: bool,
}

/// A roadmap milestone or capstone as stored by the last compile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneInfo {
    /// `M2`, `WA`.
    pub id: String,
    /// `Milestone` or `Capstone`.
    pub label: String,
    /// The section it closes (`phase-2`).
    pub section: String,
    pub text: String,
}

/// Everything the report is computed from, as the store aggregates it.
#[derive(Debug, Clone)]
pub struct Input {
    pub today: Day,
    pub counts: Counts,
    /// New cards today's session would still introduce.
    pub new_today: u64,
    /// Every day with at least one answer (review, repeat or drill), in any order.
    pub review_days: Vec<Day>,
    /// Answers per day since [`heatmap::first_day`], days without answers left out.
    pub answers_by_day: Vec<DayCount>,
    /// Due cards per day they become due, from today on (overdue ones on today).
    pub due_by_day: Vec<DayCount>,
    pub retention: Vec<RetentionRow>,
    /// Scheduled cards by ease, in hundredths.
    pub ef: Vec<ValueCount>,
    /// Scheduled cards by interval, in days.
    pub intervals: Vec<ValueCount>,
    /// Lapses from which a card is a leech (the configured leech threshold).
    pub leech_threshold: u32,
    pub leech_count: u64,
    /// The worst [`LEECHES_SHOWN`] leeches.
    pub leeches: Vec<Leech>,
    /// Every section in roadmap order, with its cards by stage.
    pub sections: Vec<SectionProgress>,
    pub milestones: Vec<MilestoneInfo>,
}

/// The leeches: how many, and the worst few.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leeches {
    pub threshold: u32,
    pub count: u64,
    pub cards: Vec<Leech>,
}

/// `recall stats`: the whole picture.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub today: Day,
    #[serde(flatten)]
    pub counts: Counts,
    pub new_today: u64,
    pub streak: Streak,
    pub forecast: Vec<DayCount>,
    pub retention: Vec<Retention>,
    /// Answers per day of the heatmap's weeks; days without answers left out.
    pub heatmap: Vec<DayCount>,
    pub ef: Vec<Bucket>,
    pub intervals: Vec<Bucket>,
    pub leeches: Leeches,
    pub sections: Vec<SectionProgress>,
    pub milestones: Vec<MilestoneProgress>,
}

impl Report {
    pub fn build(input: Input) -> Report {
        let today = input.today;
        let first = heatmap::first_day(today);
        Report {
            today,
            counts: input.counts,
            new_today: input.new_today,
            streak: Streak {
                current: streak(&days_newest_first(&input.review_days), today),
                longest: longest_streak(&input.review_days),
            },
            forecast: forecast::daily(&input.due_by_day, today),
            retention: retention::windows(&input.retention, today),
            heatmap: input
                .answers_by_day
                .iter()
                .filter(|d| d.day >= first && d.day <= today && d.count > 0)
                .copied()
                .collect(),
            ef: distribution::ef_buckets(&input.ef),
            intervals: distribution::interval_buckets(&input.intervals),
            leeches: Leeches {
                threshold: input.leech_threshold,
                count: input.leech_count,
                cards: input.leeches,
            },
            milestones: progress::milestones(&input.milestones, &input.sections),
            sections: input.sections,
        }
    }
}
