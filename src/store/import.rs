//! The write side of `recall import`: an import plan in one transaction.
//! Cards already in the collection are left as they are, so importing the
//! same file twice changes nothing.

use super::{Db, Store, StoreError};
use crate::history::{apply, CardState};
use crate::import::{Plan, IMPORTED_TOPIC_NUMBER, IMPORTED_TOPIC_TITLE};
use crate::progress::Progress;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ImportReport {
    pub decks_added: u32,
    pub cards_added: u32,
    /// Cards of the file already in the collection, left alone.
    pub cards_present: u32,
    pub log_rows: u32,
}

/// The page cache for an import, in KiB (negative, as SQLite takes it).
const IMPORT_CACHE_KIB: i64 = -262_144;

/// Imported sections sort after every roadmap section.
const IMPORTED_SECTION_ORD: i64 = 1 << 32;

impl Db<'_> {
    fn add_section(self, id: &str, title: &str) -> Result<bool, StoreError> {
        let fail = || self.fail(format!("cannot add deck {id}"));
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM sections WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(fail())?;
        if exists.is_some() {
            return Ok(false);
        }
        let ord: i64 = self
            .conn
            .query_row(
                "SELECT max(?1, coalesce(max(ord), 0) + 1) FROM sections",
                [IMPORTED_SECTION_ORD],
                |r| r.get(0),
            )
            .map_err(fail())?;
        self.conn
            .execute(
                "INSERT INTO sections (id, title, goal, ord) VALUES (?1, ?2, NULL, ?3)",
                params![id, title, ord],
            )
            .map_err(fail())?;
        let topic_ord: i64 = self
            .conn
            .query_row("SELECT coalesce(max(ord), 0) + 1 FROM topics", [], |r| {
                r.get(0)
            })
            .map_err(fail())?;
        self.conn
            .execute(
                "INSERT INTO topics (id, section, parent, number, title, detail, ord)
                 VALUES (?1, ?2, NULL, ?3, ?4, '', ?5)",
                params![
                    crate::import::topic_id(id),
                    id,
                    IMPORTED_TOPIC_NUMBER,
                    IMPORTED_TOPIC_TITLE,
                    topic_ord
                ],
            )
            .map_err(fail())?;
        Ok(true)
    }

    fn import(
        self,
        plan: &Plan,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        let mut report = ImportReport::default();
        progress.stage("importing cards", plan.cards.len() as u64);
        let mut sections_seen = std::collections::HashSet::new();
        for imported in &plan.cards {
            let card = &imported.card;
            let exists: Option<i64> = self
                .conn
                .prepare_cached("SELECT 1 FROM cards WHERE id = ?1")
                .and_then(|mut s| s.query_row([card.id], |r| r.get(0)).optional())
                .map_err(self.fail(format!("cannot look up card {}", card.id)))?;
            progress.advance(1);
            if exists.is_some() {
                report.cards_present += 1;
                continue;
            }
            // A deck is added with its first new card: a file whose cards
            // are all here already adds nothing.
            if sections_seen.insert(card.deck.as_str()) {
                let name = plan
                    .decks
                    .iter()
                    .find(|d| d.section == card.deck)
                    .map_or(card.deck.as_str(), |d| d.name.as_str());
                if self.add_section(&card.deck, name)? {
                    report.decks_added += 1;
                }
            }
            self.write_card(super::sync::INSERT_CARD, card, now_ms)?;
            let mut state = CardState::default();
            for e in &imported.events {
                let entry =
                    self.insert_log(card.id, e.event.clone(), e.at_ms, e.day, e.elapsed_ms, None)?;
                state = apply(&state, &entry.event, entry.day);
                report.log_rows += 1;
            }
            self.insert_state(card.id, &state)?;
            report.cards_added += 1;
        }
        Ok(report)
    }
}

impl Store {
    /// Adds the plan's decks and the cards not yet in the collection, with
    /// their history, in one transaction: on any error nothing is written.
    pub fn import(
        &mut self,
        plan: &Plan,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        // A large import touches far more pages than the default cache
        // holds; spilled pages are written to the WAL again and again.
        let db = self.db();
        db.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)
            .map_err(db.fail("cannot size the cache"))?;
        self.write("cannot import", |db| db.import(plan, now_ms, progress))
    }
}
