//! The calendar heatmap: a year of answers as weeks (columns) of seven days
//! (rows, Monday first), each day's count as one of a few levels.

use super::DayCount;
use crate::day::Day;
use chrono::Datelike;
use std::collections::HashMap;

/// Weeks shown: a whole year plus the current, partial week.
pub const HEATMAP_WEEKS: u32 = 53;
/// Levels of a day with answers (0 is a day without).
pub const LEVELS: u8 = 4;
const DAYS_PER_WEEK: i32 = 7;

/// Monday = 0 … Sunday = 6.
pub fn weekday(day: Day) -> u32 {
    day.to_date().weekday().num_days_from_monday()
}

/// The first day shown: the Monday [`HEATMAP_WEEKS`] − 1 weeks before today's week.
pub fn first_day(today: Day) -> Day {
    let weeks_back = i32::try_from(HEATMAP_WEEKS - 1).unwrap_or(0);
    let monday = today.plus(-i32::try_from(weekday(today)).unwrap_or(0));
    monday.plus(-weeks_back * DAYS_PER_WEEK)
}

/// One column of the heatmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub start: Day,
    /// Answers per day, Monday first; `None` for days after today.
    pub days: [Option<u64>; 7],
}

/// The [`HEATMAP_WEEKS`] weeks ending with today's.
pub fn weeks(answers: &[DayCount], today: Day) -> Vec<Week> {
    let by_day: HashMap<Day, u64> = answers.iter().map(|d| (d.day, d.count)).collect();
    let first = first_day(today);
    (0..HEATMAP_WEEKS)
        .map(|w| {
            let start = first.plus(i32::try_from(w).unwrap_or(0) * DAYS_PER_WEEK);
            let mut days = [None; 7];
            for (i, slot) in (0..).zip(days.iter_mut()) {
                let day = start.plus(i);
                if day <= today {
                    *slot = Some(by_day.get(&day).copied().unwrap_or(0));
                }
            }
            Week { start, days }
        })
        .collect()
}

/// 0 for no answers, else 1..=[`LEVELS`] by the share of the busiest day.
pub fn level(count: u64, max: u64) -> u8 {
    if count == 0 || max == 0 {
        return 0;
    }
    let levels = u64::from(LEVELS);
    // Rounding up keeps any day with answers off level 0.
    let l = (count * levels).div_ceil(max);
    u8::try_from(l.min(levels)).unwrap_or(LEVELS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> Day {
        Day::from_date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn the_grid_starts_on_a_monday_and_ends_with_today() {
        let today = day("2026-11-25"); // a Wednesday
        assert_eq!(weekday(today), 2);
        let first = first_day(today);
        assert_eq!(first.to_string(), "2025-11-24");
        assert_eq!(weekday(first), 0);
        let answers = [
            DayCount {
                day: first,
                count: 3,
            },
            DayCount {
                day: today,
                count: 5,
            },
        ];
        let w = weeks(&answers, today);
        assert_eq!(w.len(), 53);
        assert_eq!(w[0].days[0], Some(3));
        assert_eq!(w[0].days[1], Some(0));
        assert_eq!(w[52].days[2], Some(5));
        assert_eq!(w[52].days[3], None);
    }

    #[test]
    fn levels_split_the_busiest_day_in_four() {
        let cases = [
            (0, 10, 0),
            (1, 10, 1),
            (3, 10, 2),
            (5, 10, 2),
            (6, 10, 3),
            (10, 10, 4),
            (5, 0, 0),
        ];
        for (count, max, want) in cases {
            assert_eq!(level(count, max), want, "{count}/{max}");
        }
    }
}
