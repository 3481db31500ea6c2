//! The study streak: days in a row with at least one answer.
//!
//! The one definition: `recall stats` re-exports it (`crate::stats::streak`)
//! and adds the longest run. A pure function of the distinct answer days
//! (`Store::get_study_run` gives just the current run, in one query).

use crate::day::Day;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
