//! The study streak: days in a row with at least one answer.
//!
//! The one definition, shared by the end-of-session summary and `recall
//! stats` (which adds the longest run). Pure functions of the distinct
//! answer days (`Store::get_study_run` gives just the current run, in one query).

use crate::day::Day;
use serde::Serialize;
use std::collections::BTreeSet;

/// Days in a row with an answer, ending today or yesterday (a streak is not
/// broken before the day is over). `days` are distinct, newest first; days
/// after `today` (a clock set back) are ignored.
pub fn streak(days: &[Day], today: Day) -> u32 {
    let mut past = days.iter().copied().skip_while(|&d| d > today).peekable();
    let Some(&first) = past.peek() else {
        return 0;
    };
    if today.since(first) > 1 {
        return 0;
    }
    let mut expected = first;
    let mut count = 0;
    for day in past {
        if day != expected {
            break;
        }
        count += 1;
        expected = expected.plus(-1);
    }
    count
}

/// The current and the longest run of days with reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Streak {
    pub current: u32,
    pub longest: u32,
}

/// `days` in the order [`streak`] takes them: distinct, newest first.
pub fn days_newest_first(days: &[Day]) -> Vec<Day> {
    let set: BTreeSet<Day> = days.iter().copied().collect();
    set.into_iter().rev().collect()
}

/// The longest run of consecutive days in `days_with_reviews` (any order).
pub fn longest_streak(days_with_reviews: &[Day]) -> u32 {
    let days: BTreeSet<Day> = days_with_reviews.iter().copied().collect();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<Day> = None;
    for day in days {
        run = match previous {
            Some(p) if day.since(p) == 1 => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn days(list: &[i32]) -> Vec<Day> {
        list.iter().map(|&d| Day(d)).collect()
    }

    #[test]
    fn streaks() {
        let today = Day(100);
        let table: &[(&[i32], u32)] = &[
            (&[], 0),
            (&[100], 1),
            (&[100, 99, 98], 3),
            (&[99, 98], 2), // today not yet studied: still going
            (&[98, 97], 0), // yesterday missed: broken
            (&[100, 99, 97, 96], 2),
            (&[102, 100, 99], 2), // a day in the future is ignored
        ];
        for (list, want) in table {
            assert_eq!(streak(&days(list), today), *want, "{list:?}");
        }
    }

    fn current(list: &[i32], today: i32) -> u32 {
        streak(&days_newest_first(&days(list)), Day(today))
    }

    #[test]
    fn streak_table() {
        let today = 100;
        let cases: &[(&[i32], u32)] = &[
            (&[], 0),
            (&[100], 1),
            (&[99, 100], 2),
            // Today not reviewed yet: yesterday's run still counts.
            (&[97, 98, 99], 3),
            // A missed day breaks it.
            (&[96, 97, 99, 100], 2),
            (&[97, 98], 0),
            // Order and repeats don't matter; the future is ignored.
            (&[100, 98, 99, 99, 101, 102], 3),
        ];
        for (list, want) in cases {
            assert_eq!(current(list, today), *want, "{list:?}");
        }
    }

    #[test]
    fn longest_streak_table() {
        let cases: &[(&[i32], u32)] = &[
            (&[], 0),
            (&[5], 1),
            (&[1, 2, 3, 10, 11], 3),
            (&[11, 10, 3, 2, 1, 2], 3),
            (&[1, 3, 5], 1),
        ];
        for (list, want) in cases {
            assert_eq!(longest_streak(&days(list)), *want, "{list:?}");
        }
    }

    proptest! {
        #[test]
        fn current_streak_never_exceeds_longest(list in prop::collection::vec(0..60i32, 0..40), today in 0..70i32) {
            let past: Vec<i32> = list.into_iter().filter(|d| *d <= today).collect();
            prop_assert!(current(&past, today) <= longest_streak(&days(&past)));
        }

        #[test]
        fn reviewing_today_extends_the_streak_by_one(list in prop::collection::vec(0..60i32, 0..40)) {
            let mut with_today = list.clone();
            with_today.push(60);
            prop_assert_eq!(current(&with_today, 60), current(&list, 60) + 1);
        }
    }
}
