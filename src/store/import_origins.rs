//! The origins (`event_origin`) of a batch of log rows an import appended
//! in bulk, computed here rather than by `sql/import/fill_origins.sql`: the
//! same values (this device, its next sequence numbers, each clock the
//! larger of the row's time and the clock before it plus one), but that
//! query's two window passes cost three times the insert itself (4.5 s of
//! a 1M-row import). The rows are written [`ROWS_PER_INSERT`] to a
//! statement.

use super::{Db, StoreError};
use rusqlite::{OptionalExtension, ToSql};

/// Rows per INSERT: 4 parameters each.
const ROWS_PER_INSERT: usize = 256;

const ORIGIN_STATE: &str = include_str!("sql/import/origin_state.sql");
const ADD_ORIGINS: &str = include_str!("sql/import/add_origins.sql");
const ORIGIN_ROW: &str = "(?, ?, ?, ?)";

/// What the next origin follows: this device's last sequence number and the
/// newest clock known (`None` in a collection without origins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Known {
    pub seq: i64,
    pub clock: Option<i64>,
}

/// The (sequence number, clock) of each row of `at_ms`, in log order, after
/// `known`: what the per-row trigger `review_log_origin` would have given.
pub(super) fn origins(known: Known, at_ms: &[i64]) -> Vec<(i64, i64)> {
    let mut clock = known.clock;
    let mut seq = known.seq;
    at_ms
        .iter()
        .map(|&at| {
            let next = clock.map_or(at, |c| at.max(c.saturating_add(1)));
            clock = Some(next);
            seq += 1;
            (seq, next)
        })
        .collect()
}

fn insert(rows: usize) -> String {
    format!("{ADD_ORIGINS} {}", vec![ORIGIN_ROW; rows].join(", "))
}

impl Db<'_> {
    /// Gives the log rows `first..` (one per time of `at_ms`, just appended
    /// by one statement) their origins. If an earlier row still lacks one,
    /// or the collection has no device id, the whole fill is the query's.
    pub(super) fn add_origins(self, first: i64, at_ms: &[i64]) -> Result<(), StoreError> {
        let context = "cannot record where the imported answers come from";
        let state: Option<(i64, String, i64, Option<i64>)> = self
            .conn
            .prepare_cached(ORIGIN_STATE)
            .and_then(|mut s| {
                s.query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()
            })
            .map_err(self.fail(context))?;
        let Some((_, device, seq, clock)) = state.filter(|s| s.0 == first - 1) else {
            return self.fill_origins();
        };
        let rows = origins(Known { seq, clock }, at_ms);
        let ids: Vec<(i64, (i64, i64))> = (first..).zip(rows).collect();
        for chunk in ids.chunks(ROWS_PER_INSERT) {
            let sql = insert(chunk.len());
            self.conn
                .prepare_cached(&sql)
                .and_then(|mut stmt| {
                    let mut at = 1;
                    for (id, (seq, clock)) in chunk {
                        let values: [&dyn ToSql; 4] = [id, &device, seq, clock];
                        for v in values {
                            stmt.raw_bind_parameter(at, v)?;
                            at += 1;
                        }
                    }
                    stmt.raw_execute()
                })
                .map_err(self.fail(context))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_origin_takes_its_own_time_in_an_empty_collection() {
        let known = Known {
            seq: 0,
            clock: None,
        };
        assert_eq!(origins(known, &[50, 40, 60]), [(1, 50), (2, 51), (3, 60)]);
    }

    #[test]
    fn each_clock_follows_the_newest_known_and_the_one_before() {
        let known = Known {
            seq: 7,
            clock: Some(100),
        };
        assert_eq!(
            origins(known, &[90, 200, 150, 201]),
            [(8, 101), (9, 200), (10, 201), (11, 202)]
        );
    }
}
