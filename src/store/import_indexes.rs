//! An import that brings more log rows than the log holds drops the log's
//! secondary indexes (by card, by day) and builds them again before it
//! commits: a row inserted at a random place in three indexes costs far
//! more than a sort of all rows at the end (at a million rows, about half
//! the import). All inside the import's transaction: a failed import rolls
//! the drop back with the rest. The indexes come back, as the schema had
//! them, before anything reads the log by card (a merge) and at the end.

use super::{Db, StoreError};

const LOG_INDEXES: &str = include_str!("sql/import/log_indexes.sql");
const LOG_SIZE: &str = include_str!("sql/import/log_size.sql");

/// An import of fewer rows than this keeps the indexes (a small test
/// threshold so that the tests take this path).
const DEFER_FROM_ROWS: usize = if cfg!(test) { 4 } else { 50_000 };

/// The page cache while the indexes are built again, in KiB (negative, as
/// SQLite takes it; a cache already smaller stays).
const SORT_CACHE_KIB: i64 = -4_096;

/// About how many rows the log holds.
pub(super) fn log_size(db: Db<'_>) -> Result<usize, StoreError> {
    let held: i64 = db.one(LOG_SIZE, [], "cannot read the review log")?;
    Ok(usize::try_from(held).unwrap_or(usize::MAX))
}

/// The indexes dropped until [`DeferredIndexes::restore`]: name and CREATE.
pub(super) struct DeferredIndexes {
    dropped: Vec<(String, String)>,
}

impl DeferredIndexes {
    /// Nothing set aside.
    pub(super) fn none() -> Self {
        DeferredIndexes {
            dropped: Vec::new(),
        }
    }

    /// Drops the log's secondary indexes if `rows` new rows make it worth it.
    pub(super) fn drop_if_worth(db: Db<'_>, rows: usize) -> Result<Self, StoreError> {
        let mut deferred = DeferredIndexes::none();
        let held = log_size(db)?;
        if rows < DEFER_FROM_ROWS || rows <= held {
            return Ok(deferred);
        }
        deferred.dropped = db.rows(LOG_INDEXES, [], "the review log's indexes", |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        for (name, _) in &deferred.dropped {
            // A statement made of the name the schema gives, quoted.
            let drop = format!("DROP INDEX \"{}\"", name.replace('"', "\"\""));
            db.conn
                .execute_batch(&drop)
                .map_err(db.fail(format!("cannot set index {name} aside for the import")))?;
        }
        Ok(deferred)
    }

    /// Builds the dropped indexes again, with the statements that made them.
    /// SQLite's sort holds as much as the page cache in memory before it
    /// spills to a temp file, on top of the cache: the cache is shrunk to
    /// [`SORT_CACHE_KIB`] for the builds (the pages it frees are written to
    /// the WAL early, as the commit would), so that they add little to the
    /// import's peak memory, then given back its size.
    pub(super) fn restore(&mut self, db: Db<'_>) -> Result<(), StoreError> {
        if self.dropped.is_empty() {
            return Ok(());
        }
        let cache: i64 = db
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .map_err(db.fail("cannot read the cache size"))?;
        let resize = |size: i64| {
            db.conn
                .pragma_update(None, "cache_size", size)
                .map_err(db.fail("cannot size the cache"))
        };
        resize(SORT_CACHE_KIB.max(cache))?;
        for (name, create) in self.dropped.drain(..) {
            db.conn
                .execute_batch(&create)
                .map_err(db.fail(format!("cannot build index {name} again")))?;
        }
        resize(cache)
    }
}
