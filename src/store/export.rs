//! The read side of `recall export`: the active cards of some decks with
//! their state, the roadmap around them and their review log, in one read
//! transaction so that cards and log agree. Queries: `sql/export/`, and
//! `sql/log/all.sql` for the log.

use super::cards::{decks_glob, row_to_card_record};
use super::log::{self, row_to_log_entry};
use super::{CardRecord, SectionInfo, Store, StoreError, TopicInfo};
use crate::card::{CardId, DeckPattern};
use crate::history::LogEntry;
use std::collections::HashSet;

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
    /// What Anki imports carried (note identities, tags, media), for the
    /// Anki export to give back.
    pub anki: crate::anki::carry::Carried,
}

const CARDS: &str = include_str!("sql/export/cards.sql");

/// How much of the file a snapshot maps into memory.
const SNAPSHOT_MMAP_BYTES: i64 = 1 << 30;

/// The `added_ms, updated_ms` columns of [`CARDS`].
const ADDED_COLUMN: usize = 22;

impl Store {
    /// The active cards whose deck matches `deck` (all if `None`), with the
    /// roadmap and, if `with_log`, their review log.
    pub fn snapshot(
        &self,
        deck: Option<&DeckPattern>,
        with_log: bool,
    ) -> Result<Snapshot, StoreError> {
        let db = self.db();
        // Map the file for the big reads instead of a syscall per page.
        db.conn
            .pragma_update(None, "mmap_size", SNAPSHOT_MMAP_BYTES)
            .map_err(db.fail("cannot map the collection"))?;
        // One read transaction: the cards and the log are of the same moment.
        let read = db
            .conn
            .unchecked_transaction()
            .map_err(db.fail("cannot start reading"))?;
        let sections = self.cards().sections()?;
        let topics = self.cards().topics()?;
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
            let mut cards = rows.collect::<Result<Vec<_>, _>>().map_err(fail())?;
            // Read in table order (see the query), sorted here.
            cards.sort_by_key(|c| (c.record.card.ord, c.record.card.id));
            cards
        };
        let log = if with_log {
            let fail = || db.fail("cannot read the review log to export");
            // The whole log in table order (a sequential scan), filtered and
            // grouped here: SQLite's plan for "the rows of these cards" probes
            // the index once per card and is five times slower.
            let ids: HashSet<CardId> = cards.iter().map(|c| c.record.card.id).collect();
            let mut stmt = db.conn.prepare(log::ALL).map_err(fail())?;
            let mut rows = stmt.query([]).map_err(fail())?;
            let mut log = Vec::new();
            while let Some(row) = rows.next().map_err(fail())? {
                if ids.contains(&row.get::<_, CardId>(1).map_err(fail())?) {
                    log.push(row_to_log_entry(row).map_err(fail())?);
                }
            }
            // Stable: each card's rows stay in log order.
            log.sort_by_key(|e| e.card);
            log
        } else {
            Vec::new()
        };
        let anki = self.carried()?;
        read.finish().map_err(db.fail("cannot finish reading"))?;
        Ok(Snapshot {
            cards,
            sections,
            topics,
            log,
            anki,
        })
    }
}
