//! Where a learner stands: forecast, retention, streak, heatmap, ease and
//! interval distributions, leeches and roadmap progress. Pure functions from
//! the plain aggregates the store returns ([`StatsInput`], read over the
//! ranges of [`query`]) and the day to a [`Report`] (serialised as
//! `stats --json`, see `docs/stats-json.md`); [`render`] turns it into
//! terminal lines.

pub(crate) mod distribution;
pub(crate) mod forecast;
pub(crate) mod fsrs;
pub(crate) mod heatmap;
pub(crate) mod progress;
pub(crate) mod render;
pub(crate) mod retention;
#[cfg(test)]
mod tests;

use crate::day::Day;
use crate::store::Counts;
use serde::Serialize;

pub use crate::session::streak::{days_newest_first, longest_streak, streak, Streak};
pub use crate::store::{
    DayCount, Leech, MilestoneInfo, RetentionRow, SectionProgress, Stages, StatsInput, StatsQuery,
    ValueCount,
};
pub use distribution::Bucket;
pub use forecast::FORECAST_DAYS;
pub use progress::{MilestoneProgress, PhaseReport, TopicProgress};
pub use retention::{Retention, Share, RETENTION_WINDOWS};

/// How many leeches the report names.
pub const LEECHES_SHOWN: u32 = 5;

/// What the store reads for the report of `today`: answers since the
/// heatmap's first day, due cards over the [`FORECAST_DAYS`], retention over
/// the longest of the [`RETENTION_WINDOWS`], the worst [`LEECHES_SHOWN`]
/// leeches from `leech_threshold` lapses.
pub fn query(today: Day, leech_threshold: u32) -> StatsQuery {
    let longest = RETENTION_WINDOWS.iter().copied().max().unwrap_or(0);
    StatsQuery {
        today,
        answers_from: heatmap::first_day(today),
        due_until: today.plus(i32::try_from(FORECAST_DAYS).unwrap_or(i32::MAX)),
        retention_from: today.plus(1 - i32::try_from(longest).unwrap_or(i32::MAX)),
        leech_threshold,
        leeches_shown: LEECHES_SHOWN,
    }
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
    pub fn build(input: StatsInput) -> Report {
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
