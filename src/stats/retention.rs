//! Retention: the share of review answers that passed (quality ≥ 3), for
//! young and mature cards, over the last 7, 30 and 365 days.
//!
//! A review is *mature* when the card had gone at least
//! [`MATURE_INTERVAL`](crate::store::MATURE_INTERVAL) days since its previous
//! review; a card's first answer (its introduction), same-day repeats and
//! drills are not reviews of something remembered, so they do not count.

use crate::day::Day;
use crate::store::RetentionRow;
use serde::Serialize;

/// The windows retention is reported over, in days (today included).
pub const RETENTION_WINDOWS: [u32; 3] = [7, 30, 365];

/// Passed answers out of all answers; `rate` is `None` without answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Share {
    pub answers: u64,
    pub passed: u64,
    pub rate: Option<f64>,
}

impl Share {
    fn add(&mut self, row: &RetentionRow) {
        self.answers += row.answers;
        self.passed += row.passed;
    }

    fn finish(mut self) -> Share {
        self.rate = (self.answers > 0).then(|| self.passed as f64 / self.answers as f64);
        self
    }

    /// `87%`, or `–` without answers.
    pub fn percent(&self) -> String {
        match self.rate {
            Some(rate) => format!("{:.0}%", rate * 100.0),
            None => "–".into(),
        }
    }
}

/// Retention over the last `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Retention {
    pub days: u32,
    pub young: Share,
    pub mature: Share,
}

/// One [`Retention`] per window of [`RETENTION_WINDOWS`], ending today.
pub fn windows(rows: &[RetentionRow], today: Day) -> Vec<Retention> {
    RETENTION_WINDOWS
        .iter()
        .map(|&days| {
            let first = today.plus(1 - i32::try_from(days).unwrap_or(i32::MAX));
            let mut young = Share::default();
            let mut mature = Share::default();
            for row in rows.iter().filter(|r| r.day >= first && r.day <= today) {
                if row.mature {
                    mature.add(row);
                } else {
                    young.add(row);
                }
            }
            Retention {
                days,
                young: young.finish(),
                mature: mature.finish(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: i32, mature: bool, answers: u64, passed: u64) -> RetentionRow {
        RetentionRow {
            day: Day(day),
            mature,
            answers,
            passed,
        }
    }

    #[test]
    fn windows_sum_the_days_they_cover() {
        let rows = [
            row(400, true, 4, 3),
            row(400, false, 10, 5),
            row(390, false, 10, 10),
            row(35, false, 100, 0), // outside every window
            row(401, true, 1, 1),   // the future
        ];
        let w = windows(&rows, Day(400));
        assert_eq!(w.iter().map(|r| r.days).collect::<Vec<_>>(), [7, 30, 365]);
        assert_eq!((w[0].young.answers, w[0].young.passed), (10, 5));
        assert_eq!((w[0].mature.answers, w[0].mature.passed), (4, 3));
        assert_eq!((w[1].young.answers, w[1].young.passed), (20, 15));
        assert_eq!(w[2].young.answers, 20);
        assert_eq!(w[0].young.percent(), "50%");
        assert_eq!(w[1].mature.percent(), "75%");
    }

    #[test]
    fn no_answers_is_no_rate() {
        let w = windows(&[], Day(10));
        assert_eq!(w[0].young.rate, None);
        assert_eq!(w[0].young.percent(), "–");
    }
}
