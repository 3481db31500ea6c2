//! Collection days: a day runs from the rollover hour (default 04:00 local)
//! to the next, so a late-night session still counts for "today".

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use std::fmt;

/// The default hour at which a new collection day starts.
pub const DEFAULT_ROLLOVER_HOUR: u32 = 4;

/// A collection day, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day that `at` falls in, in `at`'s own offset, for a day starting at `rollover_hour`.
    pub fn containing(at: DateTime<FixedOffset>, rollover_hour: u32) -> Day {
        let shifted = at.naive_local() - Duration::hours(i64::from(rollover_hour));
        Day::from_date(shifted.date())
    }

    pub fn from_date(date: NaiveDate) -> Day {
        let days = date.signed_duration_since(epoch()).num_days();
        Day(i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX }))
    }

    pub fn to_date(self) -> NaiveDate {
        epoch() + Duration::days(i64::from(self.0))
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// Days from `earlier` to `self`.
    pub fn since(self, earlier: Day) -> i32 {
        self.0 - earlier.0
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
