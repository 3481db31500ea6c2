//! Reading a package's collection card by card ([`AnkiFile`]), for an
//! import whose memory does not grow with the collection: the cards once
//! through a cursor (checked as [`AnkiFile::read`] checks them), then each
//! card, its note and its revlog rows when the import plans it. The revlog
//! is first copied in card order into the connection's temp database
//! (`sql/anki/revlog_by_card.sql`), so each card's rows are neighbours.

use super::anki::{
    card_of_row, fail, note_of_row, reason, revlog_of_row, AnkiFile, CARDS, MAX_NOTE_BYTES,
    MAX_ROWS_PER_TABLE,
};
use super::error::StoreError;
use crate::anki;
use rusqlite::{params, OptionalExtension};

const CARD: &str = include_str!("sql/anki/card.sql");
const NOTE: &str = include_str!("sql/anki/note.sql");
const ROW_COUNTS: &str = include_str!("sql/anki/row_counts.sql");
const REVLOG_BY_CARD: &str = include_str!("sql/anki/revlog_by_card.sql");
const REVLOG_OF_CARD: &str = include_str!("sql/anki/revlog_of_card.sql");

impl AnkiFile {
    /// The collection without its notes, cards and revlog.
    pub fn read_head(&self) -> Result<anki::Collection, StoreError> {
        super::anki::read_head(&self.conn).map_err(|reason| fail(&self.name, reason))
    }

    /// Gets the card-by-card reads ready: refuses a table past
    /// [`MAX_ROWS_PER_TABLE`] rows, and copies the revlog in card order.
    /// Gives how many revlog rows there are.
    pub fn prepare_card_reads(&self) -> Result<usize, StoreError> {
        let (notes, revlog): (i64, i64) = self
            .conn
            .query_row(ROW_COUNTS, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| fail(&self.name, reason(e)))?;
        if notes.max(revlog) > MAX_ROWS_PER_TABLE as i64 {
            return Err(fail(
                &self.name,
                format!("a table holds more than {MAX_ROWS_PER_TABLE} rows"),
            ));
        }
        self.conn
            .execute_batch(REVLOG_BY_CARD)
            .map_err(|e| fail(&self.name, reason(e)))?;
        Ok(usize::try_from(revlog).unwrap_or(0))
    }

    /// Calls `each` with every card, in id order, one at a time.
    pub fn each_card(&self, mut each: impl FnMut(&anki::Card)) -> Result<(), StoreError> {
        let mut run = || -> rusqlite::Result<Result<(), String>> {
            let mut stmt = self.conn.prepare(CARDS)?;
            let mut rows = stmt.query([])?;
            let mut count = 0usize;
            while let Some(row) = rows.next()? {
                if count == MAX_ROWS_PER_TABLE {
                    return Ok(Err(format!(
                        "a table holds more than {MAX_ROWS_PER_TABLE} rows"
                    )));
                }
                count += 1;
                each(&card_of_row(row)?);
            }
            Ok(Ok(()))
        };
        run()
            .map_err(reason)
            .and_then(|r| r)
            .map_err(|why| fail(&self.name, why))
    }

    /// Card `id` (`None` if there is none).
    pub fn card(&self, id: i64) -> Result<Option<anki::Card>, StoreError> {
        self.conn
            .prepare_cached(CARD)
            .and_then(|mut s| s.query_row([id], card_of_row).optional())
            .map_err(|e| fail(&self.name, reason(e)))
    }

    /// Note `id` (`None` if there is none), its fields left out past
    /// [`MAX_NOTE_BYTES`] as [`AnkiFile::read`] does.
    pub fn note(&self, id: i64) -> Result<Option<anki::Note>, StoreError> {
        self.conn
            .prepare_cached(NOTE)
            .and_then(|mut s| {
                s.query_row(params![MAX_NOTE_BYTES, id], note_of_row)
                    .optional()
            })
            .map_err(|e| fail(&self.name, reason(e)))
    }

    /// Card `card`'s revlog rows in time order ([`AnkiFile::prepare_card_reads`] first).
    pub fn revlog_of(&self, card: i64) -> Result<Vec<anki::Revlog>, StoreError> {
        let read = || -> rusqlite::Result<Vec<anki::Revlog>> {
            let mut stmt = self.conn.prepare_cached(REVLOG_OF_CARD)?;
            let rows = stmt.query_map([card], revlog_of_row)?;
            rows.collect()
        };
        read().map_err(|e| fail(&self.name, reason(e)))
    }
}

impl std::fmt::Debug for AnkiFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnkiFile")
            .field("name", &self.name)
            .finish()
    }
}
