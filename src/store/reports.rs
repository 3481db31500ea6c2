//! The aggregates behind `recall stats` and `recall due --count`: a GROUP BY
//! or COUNT in SQLite each, or, for what stats counts per card, one pass over
//! the cards folded as it streams ([`super::card_tally`]), so neither the
//! cards nor the review log come into memory; what stats needs of the log is
//! read from `day_stats`, one row a day.
//! The plain rows they return are defined here; the stats module builds its
//! report from them. Queries: `sql/reports/`.

use super::card_tally::{value_counts, CardTally, TallyQuery, WorstLeech, CARD_PASS, LEECH_CARD};
use super::log::COUNT_ANSWERED_ON;
use super::{Cards, Counts, Db, Log, StoreError, MATURE_INTERVAL};
use crate::card::CardId;
use crate::day::Day;
use rusqlite::{params, Row};
use serde::Serialize;

pub(crate) const DUE_COUNT: &str = include_str!("sql/reports/due_count.sql");
pub(crate) const REVIEW_DAYS: &str = include_str!("sql/reports/review_days.sql");
pub(crate) const ANSWERS_BY_DAY: &str = include_str!("sql/reports/answers_by_day.sql");
pub(crate) const RETENTION: &str = include_str!("sql/reports/retention.sql");
pub(crate) const DUE_BY_DAY: &str = include_str!("sql/reports/due_by_day.sql");
const EF_COUNTS: &str = include_str!("sql/reports/ef_counts.sql");
const INTERVAL_COUNTS: &str = include_str!("sql/reports/interval_counts.sql");
const LEECH_COUNT: &str = include_str!("sql/reports/leech_count.sql");
const LEECHES: &str = include_str!("sql/reports/leeches.sql");
const SECTION_PROGRESS: &str = include_str!("sql/reports/section_progress.sql");
const TOPIC_STAGES: &str = include_str!("sql/reports/topic_stages.sql");

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

/// Review answers of one day, for young or for mature cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionRow {
    pub day: Day,
    pub mature: bool,
    pub answers: u64,
    pub passed: u64,
}

/// Active cards by learning stage. `suspended` cards are also counted in
/// their stage, as in [`Counts`]. Serialised with `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stages {
    pub new: u64,
    pub learning: u64,
    pub mature: u64,
    pub suspended: u64,
}

impl Stages {
    pub fn total(&self) -> u64 {
        self.new + self.learning + self.mature
    }

    /// The share of cards that are mature, 0.0 without cards.
    pub fn mature_share(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            total => self.mature as f64 / total as f64,
        }
    }

    pub fn add(&mut self, other: &Stages) {
        self.new += other.new;
        self.learning += other.learning;
        self.mature += other.mature;
        self.suspended += other.suspended;
    }
}

impl Serialize for Stages {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("new", &self.new)?;
        map.serialize_entry("learning", &self.learning)?;
        map.serialize_entry("mature", &self.mature)?;
        map.serialize_entry("suspended", &self.suspended)?;
        map.serialize_entry("total", &self.total())?;
        map.end()
    }
}

/// A roadmap section (phase, track, …) and its cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionProgress {
    pub id: String,
    pub title: String,
    pub goal: Option<String>,
    #[serde(flatten)]
    pub stages: Stages,
}

/// The ranges [`Reports::stats_input`] reads; the stats module chooses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsQuery {
    pub today: Day,
    /// Answers per day from this day to today.
    pub answers_from: Day,
    /// Due cards per day for the cards due before this day.
    pub due_until: Day,
    /// Retention rows from this day to today.
    pub retention_from: Day,
    /// Lapses from which a card is a leech.
    pub leech_threshold: u32,
    /// How many of the worst leeches to name.
    pub leeches_shown: u32,
}

/// Everything the stats report is computed from, as the store aggregates it.
#[derive(Debug, Clone)]
pub struct StatsInput {
    pub today: Day,
    pub counts: Counts,
    /// New cards today's session would still introduce.
    pub new_today: u64,
    /// Every day with at least one answer (review, repeat or drill), in any order.
    pub review_days: Vec<Day>,
    /// Answers per day since [`StatsQuery::answers_from`], days without answers left out.
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
    /// The worst [`StatsQuery::leeches_shown`] leeches.
    pub leeches: Vec<Leech>,
    /// Every section in roadmap order, with its cards by stage.
    pub sections: Vec<SectionProgress>,
    pub milestones: Vec<MilestoneInfo>,
}

fn row_to_stages(row: &Row<'_>, at: usize) -> rusqlite::Result<Stages> {
    Ok(Stages {
        new: row.get(at)?,
        learning: row.get(at + 1)?,
        mature: row.get(at + 2)?,
        suspended: row.get(at + 3)?,
    })
}

fn row_to_day_count(row: &Row<'_>) -> rusqlite::Result<DayCount> {
    Ok(DayCount {
        day: row.get(0)?,
        count: row.get(1)?,
    })
}

fn row_to_value_count(row: &Row<'_>) -> rusqlite::Result<ValueCount> {
    Ok(ValueCount {
        value: row.get(0)?,
        cards: row.get(1)?,
    })
}

/// The stats and due-count aggregates: `store.reports()`.
#[derive(Clone, Copy)]
pub struct Reports<'a> {
    pub(super) db: Db<'a>,
}

impl Reports<'_> {
    /// Reviews due on `today`: what [`Cards::due`] returns, counted.
    pub fn due_count(&self, today: Day) -> Result<u64, StoreError> {
        self.db
            .one(DUE_COUNT, [today], "cannot count the due cards")
    }

    /// Every day with at least one not-undone answer (drills too), in order.
    pub fn review_days(&self) -> Result<Vec<Day>, StoreError> {
        self.db
            .rows(REVIEW_DAYS, [], "the days with reviews", |r| r.get(0))
    }

    /// Review answers per day from `from` to `to`; days without answers left out.
    pub fn answers_by_day(&self, from: Day, to: Day) -> Result<Vec<DayCount>, StoreError> {
        self.db.rows(
            ANSWERS_BY_DAY,
            [from, to],
            "answers per day",
            row_to_day_count,
        )
    }

    /// Due cards per day they show up, for the cards due before `until`:
    /// overdue ones on `today`, buried ones on the day they come back (which
    /// may be `until` or later).
    pub fn due_by_day(&self, today: Day, until: Day) -> Result<Vec<DayCount>, StoreError> {
        self.db.rows(
            DUE_BY_DAY,
            [today, until],
            "the due forecast",
            row_to_day_count,
        )
    }

    /// Scheduled review answers from `from` to `to`, per day, split into
    /// young and mature (at least [`MATURE_INTERVAL`] days since the card's
    /// previous review).
    pub fn retention(&self, from: Day, to: Day) -> Result<Vec<RetentionRow>, StoreError> {
        self.db.rows(RETENTION, [from, to], "retention", |r| {
            Ok(RetentionRow {
                day: r.get(0)?,
                mature: r.get(1)?,
                answers: r.get(2)?,
                passed: r.get(3)?,
            })
        })
    }

    /// Scheduled active cards by ease (hundredths) and by interval (days).
    pub fn ef_and_interval_counts(&self) -> Result<(Vec<ValueCount>, Vec<ValueCount>), StoreError> {
        Ok((
            self.db
                .rows(EF_COUNTS, [], "the ease factors", row_to_value_count)?,
            self.db
                .rows(INTERVAL_COUNTS, [], "the intervals", row_to_value_count)?,
        ))
    }

    /// How many active cards have lapsed `lapses` times or more, and the worst `limit`.
    pub fn leeches(&self, lapses: u32, limit: u32) -> Result<(u64, Vec<Leech>), StoreError> {
        let count = self
            .db
            .one(LEECH_COUNT, [lapses], "cannot count the leeches")?;
        let cards = self.db.rows(LEECHES, [lapses, limit], "the leeches", |r| {
            Ok(Leech {
                id: r.get(0)?,
                topic: r.get(1)?,
                prompt: r.get(2)?,
                lapses: r.get(3)?,
                suspended: r.get(4)?,
            })
        })?;
        Ok((count, cards))
    }

    /// Every section of the roadmap, in order, with its active cards by stage.
    pub fn section_progress(&self) -> Result<Vec<SectionProgress>, StoreError> {
        self.db.rows(
            SECTION_PROGRESS,
            [MATURE_INTERVAL],
            "progress per section",
            |r| {
                Ok(SectionProgress {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    goal: r.get(2)?,
                    stages: row_to_stages(r, 3)?,
                })
            },
        )
    }

    /// The topics and subtopics of `section` with their own active cards by
    /// stage (a topic without cards is left out).
    pub fn topic_stages(&self, section: &str) -> Result<Vec<(String, Stages)>, StoreError> {
        self.db.rows(
            TOPIC_STAGES,
            params![MATURE_INTERVAL, section],
            "progress per topic",
            |r| Ok((r.get(0)?, row_to_stages(r, 1)?)),
        )
    }

    /// Everything `recall stats` reports on, over the ranges of `query`;
    /// `new_today` is left at 0 for the caller, who knows the limits. The
    /// per-card aggregates come from one pass ([`CardTally`]); what it folds
    /// is what `counts`, `ef_and_interval_counts`, `leeches`, `due_by_day`
    /// and `section_progress` answer one query each.
    pub fn stats_input(&self, query: &StatsQuery) -> Result<StatsInput, StoreError> {
        let today = query.today;
        let cards = Cards { db: self.db };
        let tally = self.card_tally(&TallyQuery {
            today,
            due_until: query.due_until,
            leech_threshold: query.leech_threshold,
            leeches_shown: query.leeches_shown,
        })?;
        let mut counts = tally.counts;
        counts.due_today = self.due_count(today)?;
        counts.reviewed_today =
            Log { db: self.db }.count_on(COUNT_ANSWERED_ON, today, "answers")?;
        let leeches = tally
            .worst
            .iter()
            .map(|w| self.leech(*w))
            .collect::<Result<_, _>>()?;
        let sections = cards
            .sections()?
            .into_iter()
            .map(|s| SectionProgress {
                stages: tally.decks.get(&s.id).copied().unwrap_or_default(),
                id: s.id,
                title: s.title,
                goal: s.goal,
            })
            .collect();
        Ok(StatsInput {
            today,
            counts,
            new_today: 0,
            review_days: self.review_days()?,
            answers_by_day: self.answers_by_day(query.answers_from, today)?,
            due_by_day: tally
                .due_by_day
                .iter()
                .map(|(&day, &count)| DayCount { day, count })
                .collect(),
            retention: self.retention(query.retention_from, today)?,
            ef: value_counts(&tally.ef),
            intervals: value_counts(&tally.intervals),
            leech_threshold: query.leech_threshold,
            leech_count: tally.leech_count,
            leeches,
            sections,
            milestones: cards.milestones()?,
        })
    }

    /// The one pass over every card that stats' per-card aggregates need.
    fn card_tally(&self, query: &TallyQuery) -> Result<CardTally, StoreError> {
        let fail = || self.db.fail("cannot read the cards for the stats");
        let mut stmt = self.db.conn.prepare_cached(CARD_PASS).map_err(fail())?;
        let mut rows = stmt.query([]).map_err(fail())?;
        let mut tally = CardTally::default();
        while let Some(row) = rows.next().map_err(fail())? {
            tally.add_row(row, query).map_err(fail())?;
        }
        Ok(tally)
    }

    /// A leech the pass chose, with its topic and prompt.
    fn leech(&self, worst: WorstLeech) -> Result<Leech, StoreError> {
        self.db
            .conn
            .prepare_cached(LEECH_CARD)
            .and_then(|mut s| {
                s.query_row([worst.id], |r| Ok(worst.into_leech(r.get(0)?, r.get(1)?)))
            })
            .map_err(self.db.fail(format!("cannot read leech {}", worst.id)))
    }
}
