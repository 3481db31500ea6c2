//! The write side of `recall import`: an [`ImportPlan`] in one transaction.
//! Cards already in the collection are merged (`import_merge`), so importing
//! the same file twice changes nothing.

use super::cards;
use super::day_stats::DayTally;
use super::import_indexes::{log_size, DeferredIndexes};
use super::import_log::LogBatch;
use super::import_plan::{
    topic_id, CardSource, ImportPlan, PlanCards, IMPORTED_TOPIC_NUMBER, IMPORTED_TOPIC_TITLE,
};
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

/// The page cache for an import, in KiB (negative, as SQLite takes it).
/// Into a small log the rows mostly append (the log's random-order indexes
/// are built at the end, `import_indexes`), and 48 MiB holds most pages
/// still written at random (cards, states, tags): at 100k cards the 256 MiB
/// cache cost 200 MB of peak memory and saved no time, and 64 MiB put the
/// card-by-card import at ~100 MB, past the aim (issue 15). A merge into a large
/// log reads every present card's log at random: there 256 MiB keeps the
/// pages read once (a re-import of 1M rows took 40 % more CPU with 64).
const IMPORT_CACHE_KIB: i64 = -49_152;
const MERGE_CACHE_KIB: i64 = -262_144;
/// From this many log rows on, an import takes [`MERGE_CACHE_KIB`].
const LARGE_LOG_ROWS: usize = 100_000;

/// Imported sections sort after every roadmap section.
const IMPORTED_SECTION_ORD: i64 = 1 << 32;

const SECTION_EXISTS: &str = include_str!("sql/import/section_exists.sql");
const NEXT_SECTION_ORD: &str = include_str!("sql/import/next_section_ord.sql");
const ADD_SECTION: &str = include_str!("sql/import/add_section.sql");
const NEXT_TOPIC_ORD: &str = include_str!("sql/import/next_topic_ord.sql");
const ADD_TOPIC: &str = include_str!("sql/import/add_topic.sql");
const BEGIN_BULK: &str = include_str!("sql/import/begin_bulk.sql");
const END_BULK: &str = include_str!("sql/import/end_bulk.sql");
const FILL_ORIGINS: &str = include_str!("sql/import/fill_origins.sql");
const FILL_NEW_CARDS: &str = include_str!("sql/import/fill_new_cards.sql");

impl Db<'_> {
    /// Gives the log rows appended since the last fill their origins (what
    /// the per-row trigger gives outside a bulk write, migration 014):
    /// before anything reads a log in replay order, and at the end.
    pub(crate) fn fill_origins(self) -> Result<(), StoreError> {
        self.run(
            FILL_ORIGINS,
            [],
            "cannot record where the imported answers come from",
        )
    }

    /// Runs `write` as a bulk write (migration 014): the per-row triggers of
    /// `event_origin` and `new_cards` stand aside and both are filled in
    /// one statement each at the end. Inside the caller's transaction, so a
    /// failure leaves neither the rows nor the flag.
    fn bulk<T>(self, write: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        let context = "cannot import";
        self.run(BEGIN_BULK, [], context)?;
        let value = write()?;
        self.fill_origins()?;
        self.run(FILL_NEW_CARDS, [], "cannot list the imported new cards")?;
        self.run(END_BULK, [], context)?;
        Ok(value)
    }

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

    /// Writes `plan`'s note types and notes, then `source`'s cards row by
    /// row (the bulk fill is [`Db::bulk`]'s): each card is freed once
    /// written, so no more than one card's history is in memory, and the
    /// log's indexes are built again at the end into that memory.
    pub(super) fn import(
        self,
        plan: &mut ImportPlan,
        source: &mut dyn CardSource,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        let mut report = ImportReport::default();
        let mut sections_seen: std::collections::HashSet<String> = Default::default();
        // Note types and notes first: the cards' identities refer to them.
        for nt in &plan.notetypes {
            self.add_notetype(nt)?;
        }
        for note in &plan.notes {
            self.count_note(note, &mut report)?;
        }
        let mut day_tally = DayTally::default();
        let mut batch = LogBatch::new();
        // The log's indexes are set aside at the first new card, if its rows
        // are worth it: a file whose first cards are here already (a
        // re-import) merges with them, and once they are back they stay.
        let mut indexes = DeferredIndexes::none();
        let mut set_aside = Some(source.log_rows());
        let mut counted = 0;
        while let Some(planned) = source.next_card(plan)? {
            // Skipped cards count too: the stage's total is every card.
            progress.advance(source.taken().saturating_sub(counted));
            counted = source.taken();
            if let Some(nt) = &planned.notetype {
                self.add_notetype(nt)?;
            }
            if let Some(note) = &planned.note {
                self.count_note(note, &mut report)?;
            }
            let mut imported = planned.card;
            let events = std::mem::take(&mut imported.events);
            let card = &imported.card;
            let exists: Option<i64> = self
                .conn
                .prepare_cached(cards::EXISTS)
                .and_then(|mut s| s.query_row([card.id], |r| r.get(0)).optional())
                .map_err(self.fail(format!("cannot look up card {}", card.id)))?;
            if exists.is_some() {
                // The merge appends to the log and reads it.
                batch.flush(self, &mut day_tally)?;
                indexes.restore(self)?;
                set_aside = None;
                report.cards_present += 1;
                imported.events = events;
                let topic = self.merge(&imported, now_ms, &mut report)?;
                self.carry(&imported, Some(&topic), now_ms, &mut report)?;
                continue;
            }
            // A deck is added with its first new card: a file whose cards
            // are all here already adds nothing.
            if !sections_seen.contains(&card.deck) {
                sections_seen.insert(card.deck.clone());
                let name = plan
                    .decks
                    .iter()
                    .find(|d| d.section == card.deck)
                    .map_or(card.deck.as_str(), |d| d.name.as_str());
                if self.add_section(&card.deck, name)? {
                    report.decks_added += 1;
                }
            }
            if let Some(rows) = set_aside.take() {
                indexes = DeferredIndexes::drop_if_worth(self, rows)?;
            }
            self.write_card(cards::ADD, card, now_ms)?;
            let mut state = CardState::default();
            for e in events {
                state = apply_with(self.scheduler, &state, &e.event, e.day);
                report.fsrs_memories_kept += u32::from(carries_memory(&e.event));
                batch.push(self, card.id, e, &mut day_tally)?;
                report.log_rows += 1;
            }
            self.add_state(card.id, &state)?;
            self.carry(&imported, None, now_ms, &mut report)?;
            report.cards_added += 1;
        }
        progress.advance(source.taken().saturating_sub(counted));
        // A tally that met an undo rebuilds from the log in replay order,
        // which needs every origin.
        batch.flush(self, &mut day_tally)?;
        indexes.restore(self)?;
        self.add_day_tally(&day_tally)?;
        Ok(report)
    }

    /// Stores `note`, counted as added or updated.
    fn count_note(
        self,
        note: &crate::anki::carry::CarriedNote,
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        match self.add_note(note)? {
            Some(true) => report.notes_added += 1,
            Some(false) => report.notes_updated += 1,
            None => {}
        }
        Ok(())
    }
}

impl Store {
    /// Adds the plan's decks and the cards not yet in the collection, with
    /// their history, in one transaction: on any error nothing is written.
    /// Takes the plan's cards (freed as they are written); the rest of the
    /// plan (decks, notes, notices) stays for the summary.
    pub fn import(
        &mut self,
        plan: &mut ImportPlan,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        progress.stage("importing cards", plan.cards.len() as u64);
        let mut cards = PlanCards::take(plan);
        self.import_from(plan, &mut cards, now_ms, progress)
    }

    /// [`Store::import`] of the cards `source` hands over one at a time
    /// (`plan` holds the rest, and takes what the source reports); `cards`
    /// is how many there are, for the progress.
    pub fn import_streamed(
        &mut self,
        plan: &mut ImportPlan,
        source: &mut dyn CardSource,
        cards: u64,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        progress.stage("importing cards", cards);
        self.import_from(plan, source, now_ms, progress)
    }

    fn import_from(
        &mut self,
        plan: &mut ImportPlan,
        source: &mut dyn CardSource,
        now_ms: i64,
        progress: &mut dyn Progress,
    ) -> Result<ImportReport, StoreError> {
        // A large import touches far more pages than the default cache
        // holds; spilled pages are written to the WAL again and again.
        let db = self.db();
        let cache = if log_size(db)? >= LARGE_LOG_ROWS {
            MERGE_CACHE_KIB
        } else {
            IMPORT_CACHE_KIB
        };
        db.conn
            .pragma_update(None, "cache_size", cache)
            .map_err(db.fail("cannot size the cache"))?;
        // Temp data stays where SQLite keeps it by default (a statement's
        // journal in memory up to 64 KiB, then a temp file): with
        // `temp_store = MEMORY` the sorts that build the log's indexes again
        // never spill, and held every key at once (at 1M rows, ~35 MB on top
        // of the page cache).
        self.write("cannot import", |db| {
            db.bulk(|| db.import(plan, source, now_ms, progress))
        })
    }
}
