//! Collection days: a day runs from the rollover hour (default 04:00 local)
//! to the next, so a late-night session still counts for "today".
//!
//! recall's days lie in [`Day::MIN`]..=[`Day::MAX`] (1970-01-01 to
//! 9999-12-31). Every operation stays inside that range (`plus` saturates,
//! `from_date` clamps) and every conversion to a date is total, so no stored
//! or imported day can make a later command panic; values from outside (an
//! Anki package) are checked against the range at the border
//! ([`Day::checked`]) and `recall check` reports any stored day outside it.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use std::fmt;

/// The default hour at which a new collection day starts.
pub const DEFAULT_ROLLOVER_HOUR: u32 = 4;

/// A collection day, counted from 1970-01-01. The field is public for tests
/// and the store's codec; a value outside [`Day::MIN`]..=[`Day::MAX`] is still
/// safe to use (every method clamps it), and `check` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// 1970-01-01, the first day recall accepts.
    pub const MIN: Day = Day(0);
    /// 9999-12-31, the last day recall accepts (a four-digit year).
    pub const MAX: Day = Day(2_932_896);

    /// The day that `at` falls in, in `at`'s own offset, for a day starting at `rollover_hour`.
    pub fn containing(at: DateTime<FixedOffset>, rollover_hour: u32) -> Day {
        let local = at.naive_local();
        let shifted = local
            .checked_sub_signed(Duration::hours(i64::from(rollover_hour)))
            .unwrap_or(local);
        Day::from_date(shifted.date())
    }

    /// The day of `date`, clamped into the range.
    pub fn from_date(date: NaiveDate) -> Day {
        Day::clamped(date.signed_duration_since(epoch()).num_days())
    }

    /// `days` since 1970-01-01 if recall accepts that day.
    pub fn checked(days: i64) -> Option<Day> {
        i32::try_from(days).ok().map(Day).filter(|d| d.in_range())
    }

    /// `days` since 1970-01-01, clamped into the range.
    pub fn clamped(days: i64) -> Day {
        let clamped = days.clamp(i64::from(Day::MIN.0), i64::from(Day::MAX.0));
        Day(i32::try_from(clamped).unwrap_or(Day::MIN.0))
    }

    /// Whether recall accepts this day.
    pub fn in_range(self) -> bool {
        (Day::MIN..=Day::MAX).contains(&self)
    }

    /// The date of the day (of the nearest day in range, for one outside it).
    pub fn to_date(self) -> NaiveDate {
        let days = Day::clamped(i64::from(self.0)).0;
        epoch()
            .checked_add_signed(Duration::days(i64::from(days)))
            .unwrap_or_else(epoch)
    }

    /// `days` later (earlier if negative), saturating at the ends of the range.
    pub fn plus(self, days: i32) -> Day {
        Day::clamped(i64::from(self.0) + i64::from(days))
    }

    /// Days from `earlier` to `self`.
    pub fn since(self, earlier: Day) -> i32 {
        self.0.saturating_sub(earlier.0)
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::default() // 1970-01-01
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_date().format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(Day::containing(at("1970-01-01T12:00:00Z"), 4), Day(0));
        assert_eq!(Day(0).to_string(), "1970-01-01");
    }

    #[test]
    fn before_rollover_counts_for_previous_day() {
        let late = Day::containing(at("2026-11-25T03:59:59+01:00"), 4);
        let early = Day::containing(at("2026-11-25T04:00:00+01:00"), 4);
        assert_eq!(late.to_string(), "2026-11-24");
        assert_eq!(early.to_string(), "2026-11-25");
        assert_eq!(early.since(late), 1);
    }

    #[test]
    fn the_range_is_1970_to_9999() {
        assert_eq!(Day::MAX.to_string(), "9999-12-31");
        assert_eq!(Day::MIN.to_string(), "1970-01-01");
        assert_eq!(Day::checked(i64::from(Day::MAX.0) + 1), None);
        assert_eq!(Day::checked(-1), None);
        assert_eq!(Day::checked(20_000), Some(Day(20_000)));
    }

    #[test]
    fn no_day_arithmetic_panics() {
        for raw in [i32::MIN, -999_999_999, -1, 0, 999_999_999, i32::MAX] {
            let day = Day(raw);
            for step in [i32::MIN, -1, 0, 1, i32::MAX] {
                assert!(day.plus(step).in_range());
                let _ = day.since(Day(step));
            }
            assert!(Day::from_date(day.to_date()).in_range());
            assert_eq!(day.to_string().len(), 10, "{raw}");
        }
        let far = DateTime::parse_from_rfc3339("+262142-12-31T23:59:59+14:00");
        if let Ok(far) = far {
            assert_eq!(Day::containing(far, 4), Day::MAX);
        }
        let first = DateTime::<chrono::Utc>::MIN_UTC.fixed_offset();
        assert_eq!(Day::containing(first, 23), Day::MIN);
    }

    #[test]
    fn local_offset_decides_the_day() {
        // 23:30 UTC is already the next morning in Tokyo.
        assert_eq!(
            Day::containing(at("2026-11-25T23:30:00Z"), 4).to_string(),
            "2026-11-25"
        );
        assert_eq!(
            Day::containing(at("2026-11-26T08:30:00+09:00"), 4).to_string(),
            "2026-11-26"
        );
    }
}
