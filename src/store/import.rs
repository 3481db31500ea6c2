//! The write side of `recall import`: an [`ImportPlan`] in one transaction.
//! Cards already in the collection are merged (`import_merge`), so importing
//! the same file twice changes nothing.

use super::cards;
use super::day_stats::DayTally;
use super::import_plan::{topic_id, ImportPlan, IMPORTED_TOPIC_NUMBER, IMPORTED_TOPIC_TITLE};
use super::{Db, Store, StoreError};
use crate::history::{apply_with, CardState};
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
    /// Answers appended to cards already in the collection.
    pub answers_merged: u32,
    /// Cards already here that took the package's newer state.
    pub states_taken: u32,
    /// Cards already here whose text changed.
    pub cards_updated: u32,
    /// Anki notes new to the collection, and newer than the ones stored.
    pub notes_added: u32,
    pub notes_updated: u32,
    pub tags_added: u32,
    /// Cards whose import event carried Anki's FSRS memory (stability,
    /// difficulty), logged with it.
    pub fsrs_memories_kept: u32,
}

/// The page cache for an import, in KiB (negative, as SQLite takes it).
/// Whether `event` is an import carrying another program's FSRS memory.
pub(super) fn carries_memory(event: &crate::history::Event) -> bool {
    matches!(
        event,
        crate::history::Event::Import {
            memory: Some(_),
            ..
        }
    )
}

const IMPORT_CACHE_KIB: i64 = -262_144;

/// Imported sections sort after every roadmap section.
const IMPORTED_SECTION_ORD: i64 = 1 << 32;

const SECTION_EXISTS: &str = include_str!("sql/import/section_exists.sql");
const NEXT_SECTION_ORD: &str = include_str!("sql/import/next_section_ord.sql");
const ADD_SECTION: &str = include_str!("sql/import/add_section.sql");
const NEXT_TOPIC_ORD: &str = include_str!("sql/import/next_topic_ord.sql");
const ADD_TOPIC: &str = include_str!("sql/import/add_topic.sql");

impl Db<'_> {
    fn add_section(self, id: &str, title: &str) -> Result<bool, StoreError> {
        let context = format!("cannot add deck {id}");
        let exists: Option<i64> = self
            .conn
            .query_row(SECTION_EXISTS, [id], |r| r.get(0))
            .optional()
            .map_err(self.fail(context.clone()))?;
        if exists.is_some() {
            return Ok(false);
        }
        let ord: i64 = self.one(NEXT_SECTION_ORD, [IMPORTED_SECTION_ORD], &context)?;
        self.run(ADD_SECTION, params![id, title, ord], context.clone())?;
        let topic_ord: i64 = self.one(NEXT_TOPIC_ORD, [], &context)?;
        let topic = params![
            topic_id(id),
            id,
            IMPORTED_TOPIC_NUMBER,
            IMPORTED_TOPIC_TITLE,
            topic_ord
        ];
        self.run(ADD_TOPIC, topic, context)?;
        Ok(true)
    }

    fn import(
        self,
        plan: &ImportPlan,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        let mut report = ImportReport::default();
        progress.stage("importing cards", plan.cards.len() as u64);
        let mut sections_seen = std::collections::HashSet::new();
        // Note types and notes first: the cards' identities refer to them.
        for nt in &plan.notetypes {
            self.add_notetype(nt)?;
        }
        for note in &plan.notes {
            match self.add_note(note)? {
                Some(true) => report.notes_added += 1,
                Some(false) => report.notes_updated += 1,
                None => {}
            }
        }
        let mut day_tally = DayTally::default();
        for imported in &plan.cards {
            let card = &imported.card;
            let exists: Option<i64> = self
                .conn
                .prepare_cached(cards::EXISTS)
                .and_then(|mut s| s.query_row([card.id], |r| r.get(0)).optional())
                .map_err(self.fail(format!("cannot look up card {}", card.id)))?;
            progress.advance(1);
            if exists.is_some() {
                report.cards_present += 1;
                let topic = self.merge(imported, now_ms, &mut report)?;
                self.carry(imported, Some(&topic), now_ms, &mut report)?;
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
            self.write_card(cards::ADD, card, now_ms)?;
            let mut state = CardState::default();
            for e in &imported.events {
                let entry =
                    self.add_log(card.id, e.event.clone(), e.at_ms, e.day, e.elapsed_ms, None)?;
                report.fsrs_memories_kept += u32::from(carries_memory(&entry.event));
                day_tally.push(&entry);
                state = apply_with(self.scheduler, &state, &entry.event, entry.day);
                report.log_rows += 1;
            }
            self.add_state(card.id, &state)?;
            self.carry(imported, None, now_ms, &mut report)?;
            report.cards_added += 1;
        }
        self.add_day_tally(&day_tally)?;
        Ok(report)
    }
}

impl Store {
    /// Adds the plan's decks and the cards not yet in the collection, with
    /// their history, in one transaction: on any error nothing is written.
    pub fn import(
        &mut self,
        plan: &ImportPlan,
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
