//! The read side of `recall export`: the active cards of some decks with
//! their state, the roadmap around them and their review log, in one read
//! transaction so that cards and log agree.

use super::cards::{decks_glob, row_to_card_record};
use super::log::row_to_log_entry;
use super::{CardRecord, SectionInfo, Store, StoreError, TopicInfo};
use crate::history::LogEntry;

/// A card as exported: its record and when it was added and last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedCard {
    pub record: CardRecord,
    pub added_ms: i64,
    pub updated_ms: i64,
}

/// Everything an exporter may write.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// Active cards in introduction order.
    pub cards: Vec<ExportedCard>,
    /// Every section and topic (exporters pick those of the cards).
    pub sections: Vec<SectionInfo>,
    pub topics: Vec<TopicInfo>,
    /// The log of the cards, by card id and then log order; empty unless asked for.
    pub log: Vec<LogEntry>,
}

const CARDS: &str = concat!(
    "SELECT ",
    crate::store::cards::card_columns!(),
    ", s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       c.added_ms, c.updated_ms
     FROM cards c JOIN card_state s ON s.card_id = c.id
     WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
     ORDER BY c.ord, c.id"
);

/// The `added_ms, updated_ms` columns of [`CARDS`].
const ADDED_COLUMN: usize = 22;

const LOG: &str = "
    SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
           r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses
    FROM cards c JOIN review_log r ON r.card_id = c.id
    WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
    ORDER BY r.card_id, r.id";

impl Store {
    /// The active cards whose deck matches `deck` (all if `None`), with the
    /// roadmap and, if `with_log`, their review log.
    pub fn snapshot(&self, deck: Option<&str>, with_log: bool) -> Result<Snapshot, StoreError> {
        let db = self.db();
        // One read transaction: the cards and the log are of the same moment.
        let read = db
            .conn
            .unchecked_transaction()
            .map_err(db.fail("cannot start reading"))?;
        let sections = self.sections()?;
        let topics = self.topics()?;
        let glob = deck.map(decks_glob);
        let db = self.db();
        let fail = || db.fail("cannot read the cards to export");
        let cards = {
            let mut stmt = db.conn.prepare(CARDS).map_err(fail())?;
            let rows = stmt
                .query_map([&glob], |r| {
                    Ok(ExportedCard {
                        record: row_to_card_record(r)?,
                        added_ms: r.get(ADDED_COLUMN)?,
                        updated_ms: r.get(ADDED_COLUMN + 1)?,
                    })
                })
                .map_err(fail())?;
            rows.collect::<Result<Vec<_>, _>>().map_err(fail())?
        };
        let log = if with_log {
            let fail = || db.fail("cannot read the review log to export");
            let mut stmt = db.conn.prepare(LOG).map_err(fail())?;
            let rows = stmt.query_map([&glob], row_to_log_entry).map_err(fail())?;
            rows.collect::<Result<Vec<_>, _>>().map_err(fail())?
        } else {
            Vec::new()
        };
        read.finish().map_err(db.fail("cannot finish reading"))?;
        Ok(Snapshot {
            cards,
            sections,
            topics,
            log,
        })
    }
}
