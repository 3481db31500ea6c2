//! Reading a package's collection card by card ([`AnkiFile`]), for an
//! import whose memory does not grow with the collection: the cards once
//! through a cursor (checked as [`AnkiFile::read`] checks them), then each
//! card, its note and its revlog rows when the import plans it. The revlog
//! is first copied in the plan's order into the connection's temp database
//! (`sql/anki/revlog_in_plan_order.sql`), so the planner reads it front to
//! back, each card's rows after the card before's.

use super::anki::{
    card_of_row, fail, note_at, reason, revlog_at, AnkiFile, CARDS, MAX_NOTE_BYTES,
    MAX_ROWS_PER_TABLE,
};
use super::error::StoreError;
use crate::anki;
use rusqlite::{params, OptionalExtension};

const CARD_AND_NOTE: &str = include_str!("sql/anki/card_and_note.sql");
/// Where the note's columns begin in [`CARD_AND_NOTE`]'s rows.
const NOTE_COLUMN: usize = 14;
const ROW_COUNTS: &str = include_str!("sql/anki/row_counts.sql");
const PLAN_ORDER: &str = include_str!("sql/anki/plan_order.sql");
const ADD_PLAN_POSITION: &str = include_str!("sql/anki/add_plan_position.sql");
const REVLOG_IN_PLAN_ORDER: &str = include_str!("sql/anki/revlog_in_plan_order.sql");
const REVLOG_FROM: &str = include_str!("sql/anki/revlog_from.sql");

/// A card of the package and its note (`None` if the file lacks it).
pub type CardAndNote = (anki::Card, Option<anki::Note>);

/// Where the planner stands in the revlog's copy (`revlog_in_plan_order.sql`):
/// the copy's next row, which belongs to the card at this place or a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevlogCursor {
    row: i64,
}

impl RevlogCursor {
    /// Before the copy's first row.
    pub fn start() -> Self {
        RevlogCursor { row: 1 }
    }
}

impl AnkiFile {
    /// The collection without its notes, cards and revlog.
    pub fn read_head(&self) -> Result<anki::Collection, StoreError> {
        super::anki::read_head(&self.conn).map_err(|reason| fail(&self.name, reason))
    }

    /// Gets the card-by-card reads ready: refuses a table past
    /// [`MAX_ROWS_PER_TABLE`] rows, and copies the revlog in the order of
    /// `order` (card ids, as the import plans them). Gives how many revlog
    /// rows there are.
    pub fn prepare_card_reads(&self, order: &[i64]) -> Result<usize, StoreError> {
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
        let copy = || -> rusqlite::Result<()> {
            // Only the temp database is written: one transaction for it.
            let tx = self.conn.unchecked_transaction()?;
            tx.execute_batch(PLAN_ORDER)?;
            {
                let mut add = tx.prepare(ADD_PLAN_POSITION)?;
                for (pos, id) in order.iter().enumerate() {
                    add.execute(params![id, pos as i64])?;
                }
            }
            tx.execute_batch(REVLOG_IN_PLAN_ORDER)?;
            tx.commit()?;
            // The planner's thousands of small reads in one read transaction:
            // outside one, each statement takes the file's lock again, looks
            // for a hot journal and rereads the header (system calls that
            // were a tenth of the import). Ends when the file is closed.
            if self.conn.is_autocommit() {
                self.conn.execute_batch("BEGIN")?;
            }
            Ok(())
        };
        copy().map_err(|e| fail(&self.name, reason(e)))?;
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

    /// Card `id` (`None` if there is none) and its note (`None` if there
    /// is none), the note's fields left out past [`MAX_NOTE_BYTES`] as
    /// [`AnkiFile::read`] does.
    pub fn card_and_note(&self, id: i64) -> Result<Option<CardAndNote>, StoreError> {
        self.conn
            .prepare_cached(CARD_AND_NOTE)
            .and_then(|mut s| {
                s.query_row(params![id, MAX_NOTE_BYTES], |r| {
                    let card = card_of_row(r)?;
                    let note_id: Option<i64> = r.get(NOTE_COLUMN)?;
                    let note = match note_id {
                        Some(_) => Some(note_at(r, NOTE_COLUMN)?),
                        None => None,
                    };
                    Ok((card, note))
                })
                .optional()
            })
            .map_err(|e| fail(&self.name, reason(e)))
    }

    /// The revlog rows of the card at place `pos` of the plan, in time
    /// order ([`AnkiFile::prepare_card_reads`] first), read from `at` on
    /// (the rows of cards before it the planner skipped are passed over);
    /// `at` then stands at the next card's rows. Places must come in order.
    pub fn revlog_at(
        &self,
        pos: usize,
        at: &mut RevlogCursor,
    ) -> Result<Vec<anki::Revlog>, StoreError> {
        let pos = i64::try_from(pos).unwrap_or(i64::MAX);
        let mut read = || -> rusqlite::Result<Vec<anki::Revlog>> {
            let mut stmt = self.conn.prepare_cached(REVLOG_FROM)?;
            let mut rows = stmt.query([at.row])?;
            let mut log = Vec::new();
            let mut next = None;
            while let Some(row) = rows.next()? {
                let of: i64 = row.get(1)?;
                if of > pos {
                    next = Some(row.get(0)?);
                    break;
                }
                if of == pos {
                    log.push(revlog_at(row, 2)?);
                }
            }
            // Every row read: nothing is left for a later card.
            at.row = next.unwrap_or(i64::MAX);
            Ok(log)
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
