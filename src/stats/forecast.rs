//! The due forecast: how many reviews fall on each of the coming days.

use super::DayCount;
use crate::day::Day;

/// Days in the forecast, today included.
pub const FORECAST_DAYS: u32 = 30;

/// Due cards on each of the [`FORECAST_DAYS`] days from `today`, every day
/// present; overdue cards count on today, cards due later are left out.
pub fn daily(due_by_day: &[DayCount], today: Day) -> Vec<DayCount> {
    let mut days: Vec<DayCount> = (0..FORECAST_DAYS)
        .map(|i| DayCount {
            day: today.plus(i32::try_from(i).unwrap_or(i32::MAX)),
            count: 0,
        })
        .collect();
    for d in due_by_day {
        let offset = usize::try_from(d.day.since(today).max(0)).unwrap_or(usize::MAX);
        if let Some(slot) = days.get_mut(offset) {
            slot.count += d.count;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dc(day: i32, count: u64) -> DayCount {
        DayCount {
            day: Day(day),
            count,
        }
    }

    #[test]
    fn overdue_folds_into_today_and_later_days_drop_out() {
        let f = daily(
            &[dc(90, 2), dc(100, 3), dc(101, 4), dc(129, 1), dc(130, 9)],
            Day(100),
        );
        assert_eq!(f.len(), 30);
        assert_eq!(f[0], dc(100, 5));
        assert_eq!(f[1], dc(101, 4));
        assert_eq!(f[2], dc(102, 0));
        assert_eq!(f[29], dc(129, 1));
        assert_eq!(f.iter().map(|d| d.count).sum::<u64>(), 10);
    }
}
