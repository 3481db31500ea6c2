//! The read side of `recall export`: the active cards of some decks with
//! their state, tags and Anki identity, and their review log, read by cursor
//! in one read transaction (cards and log of one moment), so that an export
//! holds one card and its log at a time, never the collection. Queries:
//! `sql/export/`.

use super::cards::{decks_glob, row_to_card_record};
use super::log::row_to_log_entry;
use super::{carry, CardRecord, Db, SectionInfo, Store, StoreError, TopicInfo};
use crate::anki::carry::{CarriedCard, CarriedNote};
use crate::anki::{media, Notetype, GUID_PREFIX};
use crate::card::{CardId, DeckPattern};
use crate::history::{LogEntry, LogId};
use rusqlite::{Row, Transaction};
use std::path::PathBuf;

/// A card as exported: its record, when it was added and last changed, its
/// tags, and what an Anki import carried of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedCard {
    pub record: CardRecord,
    pub added_ms: i64,
    pub updated_ms: i64,
    /// The card's own tags, in the order they were added.
    pub tags: Vec<String>,
    /// The Anki card and note it came from, when an import carried both.
    pub anki: Option<(CarriedCard, CarriedNote)>,
    /// Whether the log has any row of the card (false unless asked for:
    /// [`CardRead`]).
    pub logged: bool,
}

/// What [`ExportRead::each_card`] reads beside each card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRead {
    /// The card only (`logged` false).
    Cards,
    /// Whether the log has a row of it (`logged`).
    Logged,
    /// Its log, in log order (and `logged`).
    Log,
}

const CARDS: &str = include_str!("sql/export/cards.sql");
const BY_DECK: &str = include_str!("sql/export/by_deck.sql");
const LOG: &str = include_str!("sql/export/log.sql");
const DECKS: &str = include_str!("sql/export/decks.sql");
const COUNT: &str = include_str!("sql/export/count.sql");
const FIRST_DAY: &str = include_str!("sql/export/first_day.sql");
const NOTE_FIELDS: &str = include_str!("sql/export/note_fields.sql");
const CARD_KEYS: &str = include_str!("sql/export/card_keys.sql");
const TAGS: &str = include_str!("sql/export/tags.sql");
const LOG_BY_ID: &str = include_str!("sql/export/log_by_id.sql");
const UNDONE: &str = include_str!("sql/export/undone.sql");

/// What an Anki revlog row needs of its card before the card is written
/// (`sql/export/card_keys.sql`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardKey {
    pub id: CardId,
    ord: i64,
    pub added_ms: i64,
    /// The Anki card id an import carried with the card and its note.
    pub carried_anki_id: Option<i64>,
}

/// No memory map for the read: every page of the file it touched would
/// count as the process's memory (a 250 MB collection, 250 MB resident),
/// for about 0.2 s of system time saved. SQLite's bounded page cache instead.
const EXPORT_MMAP_BYTES: i64 = 0;

/// The columns of [`CARDS`] past the card record.
const ADDED_COLUMN: usize = 22;
const TAGS_COLUMN: usize = 25;
const ANKI_COLUMN: usize = 26;
const LOGGED_COLUMN: usize = 34;

/// One read of the collection for an export (see the module). Dropped, the
/// read transaction ends.
pub struct ExportRead<'a> {
    db: Db<'a>,
    glob: Option<String>,
    media_dir: Option<PathBuf>,
    _read: Transaction<'a>,
    /// Every section and topic (exporters pick those of the cards).
    pub sections: Vec<SectionInfo>,
    pub topics: Vec<TopicInfo>,
    /// The decks of the exported cards, in the order of their first card.
    pub decks: Vec<String>,
    /// How many cards the cursors give.
    pub count: u64,
}

impl Store {
    /// Starts reading the active cards whose deck matches `deck` (all if
    /// `None`) for an export.
    pub fn export_read(&self, deck: Option<&DeckPattern>) -> Result<ExportRead<'_>, StoreError> {
        let db = self.db();
        db.conn
            .pragma_update(None, "mmap_size", EXPORT_MMAP_BYTES)
            .map_err(db.fail("cannot map the collection"))?;
        // One read transaction: the cards and the log are of the same moment.
        let read = db
            .conn
            .unchecked_transaction()
            .map_err(db.fail("cannot start reading"))?;
        let glob = deck.map(decks_glob);
        let sections = self.cards().sections()?;
        let topics = self.cards().topics()?;
        let decks = db.rows(DECKS, [&glob], "the decks to export", |r| r.get(0))?;
        let count = db
            .conn
            .query_row(COUNT, [&glob], |r| r.get(0))
            .map_err(db.fail("cannot count the cards to export"))?;
        Ok(ExportRead {
            db,
            glob,
            media_dir: self.path.as_deref().map(carry::media_dir),
            _read: read,
            sections,
            topics,
            decks,
            count,
        })
    }
}

fn row_to_exported(r: &Row<'_>) -> rusqlite::Result<ExportedCard> {
    let mut record = row_to_card_record(r)?;
    // NULL in cards.sql: tags.sql gives them (see `with_tags`).
    let tags: Option<String> = r.get(TAGS_COLUMN)?;
    let tags: Vec<String> = match tags {
        Some(tags) => from_json(&tags, TAGS_COLUMN)?,
        None => Vec::new(),
    };
    // The export queries have no leech column (22 is `added_ms` there):
    // the card's tags say it.
    record.leech = tags.iter().any(|t| t == super::record::LEECH_TAG);
    let at = ANKI_COLUMN;
    let anki = match r.get::<_, Option<i64>>(at + 3)? {
        None => None,
        Some(note_id) => {
            let guid: String = r.get(at + 2)?;
            let card = CarriedCard {
                recall_guid: format!("{GUID_PREFIX}{}", record.card.id),
                anki_id: r.get(at)?,
                guid: guid.clone(),
                ord: r.get(at + 1)?,
            };
            let fields: String = r.get(at + 5)?;
            let note_tags: String = r.get(at + 6)?;
            let note = CarriedNote {
                guid,
                id: note_id,
                notetype: r.get(at + 4)?,
                fields: from_json(&fields, at + 5)?,
                tags: from_json(&note_tags, at + 6)?,
                mtime_secs: r.get(at + 7)?,
            };
            Some((card, note))
        }
    };
    Ok(ExportedCard {
        record,
        added_ms: r.get(ADDED_COLUMN)?,
        updated_ms: r.get(ADDED_COLUMN + 1)?,
        tags,
        anki,
        logged: r.get(LOGGED_COLUMN)?,
    })
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, at: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl ExportRead<'_> {
    /// Calls `f` with each card in introduction order and, with
    /// [`CardRead::Log`], its log in log order (else an empty one). Cursors
    /// in the same order, so only one card's log is held at a time.
    pub fn each_card<E: From<StoreError>>(
        &self,
        what: CardRead,
        mut f: impl FnMut(&ExportedCard, &[LogEntry]) -> Result<(), E>,
    ) -> Result<(), E> {
        let db = self.db;
        let fail = || db.fail("cannot read the cards to export");
        let log_fail = || db.fail("cannot read the review log to export");
        let mut cards = db.conn.prepare(CARDS).map_err(fail())?;
        // With the log, whether it has rows of the card is seen there.
        let logged = what == CardRead::Logged;
        let mut rows = cards
            .query(rusqlite::params![&self.glob, logged])
            .map_err(fail())?;
        let mut log_stmt = db.conn.prepare(LOG).map_err(log_fail())?;
        let mut log_rows = if what == CardRead::Log {
            Some(log_stmt.query([&self.glob]).map_err(log_fail())?)
        } else {
            None
        };
        let mut tag_stmt = db.conn.prepare(TAGS).map_err(fail())?;
        let mut tag_rows = tag_stmt.query([&self.glob]).map_err(fail())?;
        let mut next_tag: Option<(CardId, String)> = None;
        let mut next: Option<LogEntry> = None;
        let mut log = Vec::new();
        while let Some(row) = rows.next().map_err(fail())? {
            let mut card = row_to_exported(row).map_err(fail())?;
            let id = card.record.card.id;
            loop {
                if next_tag.is_none() {
                    next_tag = match tag_rows.next().map_err(fail())? {
                        Some(r) => Some((r.get(0).map_err(fail())?, r.get(1).map_err(fail())?)),
                        None => None,
                    };
                }
                match next_tag.take() {
                    Some((card_id, tag)) if card_id == id => card.tags.push(tag),
                    other => {
                        next_tag = other;
                        break;
                    }
                }
            }
            card.record.leech = card.tags.iter().any(|t| t == super::record::LEECH_TAG);
            log.clear();
            if let Some(log_rows) = log_rows.as_mut() {
                loop {
                    if next.is_none() {
                        next = match log_rows.next().map_err(log_fail())? {
                            Some(r) => Some(row_to_log_entry(r).map_err(log_fail())?),
                            None => None,
                        };
                    }
                    match next.take() {
                        Some(e) if e.card == id => log.push(e),
                        other => {
                            next = other;
                            break;
                        }
                    }
                }
            }
            if what == CardRead::Log {
                card.logged = !log.is_empty();
            }
            f(&card, &log)?;
        }
        Ok(())
    }

    /// The key of each card of [`ExportRead::each_card`], in the same
    /// order: read in table order (sequential pages, no text) and sorted
    /// here, a few tens of bytes a card.
    pub fn card_keys(&self) -> Result<Vec<CardKey>, StoreError> {
        let db = self.db;
        let fail = || db.fail("cannot read the cards to export");
        let mut stmt = db.conn.prepare(CARD_KEYS).map_err(fail())?;
        let rows = stmt
            .query_map([&self.glob], |row| {
                Ok(CardKey {
                    id: row.get(0)?,
                    ord: row.get(1)?,
                    added_ms: row.get(2)?,
                    carried_anki_id: row.get(3)?,
                })
            })
            .map_err(fail())?;
        let mut keys: Vec<CardKey> = rows.collect::<Result<_, _>>().map_err(fail())?;
        keys.sort_unstable_by_key(|k| (k.ord, k.id));
        Ok(keys)
    }

    /// The log rows an undo took back (few: a set of ids, not the log).
    pub fn undone(&self) -> Result<std::collections::HashSet<LogId>, StoreError> {
        let db = self.db;
        let fail = || db.fail("cannot read the review log to export");
        let mut stmt = db.conn.prepare(UNDONE).map_err(fail())?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(fail())?;
        rows.collect::<Result<_, _>>().map_err(fail())
    }

    /// Calls `f` with every row of the log in table order (sequential pages,
    /// each card's rows in log order), without what was typed; the caller
    /// keeps those of the cards it exports.
    pub fn each_log_entry<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(LogEntry) -> Result<(), E>,
    ) -> Result<(), E> {
        let db = self.db;
        let fail = || db.fail("cannot read the review log to export");
        let mut stmt = db.conn.prepare(LOG_BY_ID).map_err(fail())?;
        let mut rows = stmt.query([]).map_err(fail())?;
        while let Some(row) = rows.next().map_err(fail())? {
            f(row_to_log_entry(row).map_err(fail())?)?;
        }
        Ok(())
    }

    /// Calls `f` with each card, deck by deck in the order of `decks` (ids)
    /// and in introduction order within a deck; without its log.
    pub fn each_card_by_deck<E: From<StoreError>>(
        &self,
        decks: &[String],
        mut f: impl FnMut(&ExportedCard) -> Result<(), E>,
    ) -> Result<(), E> {
        let db = self.db;
        let fail = || db.fail("cannot read the cards to export");
        let order = serde_json::to_string(decks)
            .map_err(|e| fail()(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        let mut stmt = db.conn.prepare(BY_DECK).map_err(fail())?;
        let mut rows = stmt
            .query(rusqlite::params![&self.glob, order])
            .map_err(fail())?;
        while let Some(row) = rows.next().map_err(fail())? {
            f(&row_to_exported(row).map_err(fail())?)?;
        }
        Ok(())
    }

    /// The earliest day an exported card is due or has a log row on.
    pub fn first_day(&self) -> Result<Option<crate::day::Day>, StoreError> {
        let db = self.db;
        db.conn
            .query_row(FIRST_DAY, [&self.glob], |r| r.get(0))
            .map_err(db.fail("cannot read the first day to export"))
    }

    /// The note types an Anki import carried.
    pub fn notetypes(&self) -> Result<Vec<Notetype>, StoreError> {
        self.db.carried_notetypes()
    }

    /// The media files the carried notes name, as (name, file in the media
    /// folder), in the order they are first named; a name that is not a
    /// plain file name or not in the folder is left out.
    pub fn media(&self) -> Result<Vec<(String, PathBuf)>, StoreError> {
        let Some(dir) = &self.media_dir else {
            return Ok(Vec::new());
        };
        let db = self.db;
        let fail = || db.fail("cannot read the notes' media");
        let mut stmt = db.conn.prepare(NOTE_FIELDS).map_err(fail())?;
        let mut rows = stmt.query([]).map_err(fail())?;
        let mut names: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(row) = rows.next().map_err(fail())? {
            let fields: Vec<String> =
                from_json(&row.get::<_, String>(0).map_err(fail())?, 0).map_err(fail())?;
            for name in fields.iter().flat_map(|f| media::references(f)) {
                if seen.insert(name.clone()) {
                    names.push(name);
                }
            }
        }
        let mut out = Vec::new();
        for name in names.into_iter().filter(|n| media::valid_name(n)) {
            let path = dir.join(&name);
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => out.push((name, path)),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StoreError::Io { path, source }),
            }
        }
        Ok(out)
    }
}
