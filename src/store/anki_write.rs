//! Writing an Anki SQLite file card by card ([`AnkiFile::write_streamed`]):
//! an export hands over each card with its note and revlog rows and forgets
//! them. Rows wait here only until a full multi-row INSERT of revlog rows
//! can go (a few hundred), so memory stays the same whatever the size.
//!
//! Revlog ids are answer times in ms and must be unique: a row whose id is
//! taken (two answers in the same millisecond) moves to the next free
//! millisecond. A card's `data` names its last revlog row's final time, so a
//! card is written once its rows are.

use super::anki::{fail, write_error, AnkiFile, ADD_CARD, ADD_COL, ADD_NOTE, ADD_REVLOG_ROWS};
use super::anki::{REVLOG_ROW, ROWS_PER_INSERT, SCHEMA_11};
use super::error::StoreError;
use crate::anki::{self, schema11, Deck, Notetype};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::VecDeque;

const ADD_NEW_NOTE: &str = include_str!("sql/anki/add_new_note.sql");
const NOTE_OF_ID: &str = include_str!("sql/anki/note_of_id.sql");
const SET_NOTE_TAGS: &str = include_str!("sql/anki/set_note_tags.sql");
const NEW_REVLOG_ROWS: &str = include_str!("sql/anki/new_revlog_rows.sql");
const ADD_REVLOG_ROW_IF_FREE: &str = include_str!("sql/anki/add_revlog_row_if_free.sql");

/// The `col` row: what is known only once every card is written.
pub struct ColRow<'a> {
    pub crt_secs: i64,
    pub notetypes: &'a [Notetype],
    pub decks: &'a [Deck],
    pub cards: usize,
    pub mtime_ms: i64,
}

/// A card waiting for its revlog rows to be written.
struct Waiting {
    card: anki::Card,
    /// Whether `data` names the last revlog row (a card that is not new).
    data_from_revlog: bool,
    rows: usize,
}

/// The open write of [`AnkiFile::write_streamed`].
pub struct AnkiSink<'a> {
    conn: &'a Connection,
    name: &'a str,
    full_insert: String,
    rows: Vec<anki::Revlog>,
    /// How many of `rows`, from the start, are in the file.
    written: usize,
    cards: VecDeque<Waiting>,
    /// Rows written, and rows that moved to another millisecond.
    pub revlog_rows: usize,
    pub moved_rows: usize,
}

impl AnkiFile {
    /// Writes a schema-11 collection in one transaction: `f` adds the notes,
    /// cards and revlog rows through the sink, then the `col` row.
    pub fn write_streamed<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut AnkiSink<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let name = self.name.clone();
        let sql = |e| write_error(&name, e);
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute_batch(SCHEMA_11).map_err(sql)?;
        let out = {
            let mut sink = AnkiSink {
                conn: &tx,
                name: &name,
                full_insert: revlog_insert(ROWS_PER_INSERT),
                rows: Vec::new(),
                written: 0,
                cards: VecDeque::new(),
                revlog_rows: 0,
                moved_rows: 0,
            };
            let out = f(&mut sink)?;
            sink.flush()?;
            out
        };
        tx.commit().map_err(sql)?;
        Ok(out)
    }
}

fn revlog_insert(rows: usize) -> String {
    let values = vec![REVLOG_ROW; rows].join(", ");
    format!("{ADD_REVLOG_ROWS} {values} {NEW_REVLOG_ROWS}")
}

impl AnkiSink<'_> {
    fn fail(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |e| write_error(self.name, e)
    }

    /// Adds a note recall made (its id is new).
    pub fn note(&mut self, n: &anki::Note) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(ADD_NOTE).map_err(self.fail())?;
        stmt.execute(note_params(n).as_params())
            .map_err(self.fail())?;
        Ok(())
    }

    /// Adds a note an import carried, or, if a card of it already added it,
    /// merges `n`'s tags into that one's. True if the note is new.
    pub fn carried_note(&mut self, n: &anki::Note) -> Result<bool, StoreError> {
        let mut add = self
            .conn
            .prepare_cached(ADD_NEW_NOTE)
            .map_err(self.fail())?;
        if add
            .execute(note_params(n).as_params())
            .map_err(self.fail())?
            == 1
        {
            return Ok(true);
        }
        let there: Option<(String, String)> = self
            .conn
            .prepare_cached(NOTE_OF_ID)
            .map_err(self.fail())?
            .query_row([n.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(self.fail())?;
        let tags = match there {
            Some((guid, tags)) if guid == n.guid => tags,
            other => {
                let guid = other.map_or_else(String::new, |(g, _)| g);
                return Err(fail(
                    self.name,
                    format!(
                        "cannot write it: two notes have the id {} (guids {guid:?} and {:?})",
                        n.id, n.guid
                    ),
                ));
            }
        };
        let mut merged: Vec<String> = tags.split_whitespace().map(str::to_string).collect();
        anki::carry::merge_tags(&mut merged, &n.tags);
        self.conn
            .prepare_cached(SET_NOTE_TAGS)
            .map_err(self.fail())?
            .execute(params![n.id, tags_text(&merged)])
            .map_err(self.fail())?;
        Ok(false)
    }

    /// Adds a card and its revlog rows (ids as answer times; moved if
    /// taken). With `data_from_revlog`, the card's `data` names its last
    /// row's time once the rows are written.
    pub fn card(
        &mut self,
        card: anki::Card,
        revlog: Vec<anki::Revlog>,
        data_from_revlog: bool,
    ) -> Result<(), StoreError> {
        let rows = revlog.len();
        self.rows.extend(revlog);
        self.cards.push_back(Waiting {
            card,
            data_from_revlog,
            rows,
        });
        while self.rows.len() - self.written >= ROWS_PER_INSERT {
            self.insert_rows(ROWS_PER_INSERT)?;
        }
        self.write_ready_cards()
    }

    /// Writes what is still waiting, then the `col` row (last: it counts
    /// the cards).
    pub fn col(&mut self, col: &ColRow<'_>) -> Result<(), StoreError> {
        self.flush()?;
        let mtime_secs = col.mtime_ms / 1000;
        let current = col.notetypes.first().map_or(0, |nt| nt.id);
        let next_position = i64::try_from(col.cards).unwrap_or(0) + 1;
        self.conn
            .execute(
                ADD_COL,
                params![
                    col.crt_secs,
                    col.mtime_ms,
                    schema11::conf_json(current, next_position),
                    schema11::models_json(col.notetypes),
                    schema11::decks_json(col.decks, mtime_secs),
                    schema11::dconf_json(mtime_secs),
                ],
            )
            .map_err(self.fail())?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        let left = self.rows.len() - self.written;
        if left > 0 {
            self.insert_rows(left)?;
        }
        self.write_ready_cards()
    }

    /// Inserts the next `n` waiting rows in one statement; a row whose id
    /// is taken is not inserted by it (`RETURNING` names those that were)
    /// and moves to the next free millisecond.
    fn insert_rows(&mut self, n: usize) -> Result<(), StoreError> {
        let fail = |e| write_error(self.name, e);
        let mut partial;
        let mut full;
        let stmt = if n == ROWS_PER_INSERT {
            full = self.conn.prepare_cached(&self.full_insert).map_err(fail)?;
            &mut *full
        } else {
            partial = self.conn.prepare(&revlog_insert(n)).map_err(fail)?;
            &mut partial
        };
        let batch = &mut self.rows[self.written..self.written + n];
        let mut at = 1;
        for r in batch.iter() {
            for v in revlog_values(r) {
                stmt.raw_bind_parameter(at, v).map_err(fail)?;
                at += 1;
            }
        }
        let mut inserted: Vec<i64> = Vec::with_capacity(n);
        {
            let mut returned = stmt.raw_query();
            while let Some(row) = returned.next().map_err(fail)? {
                inserted.push(row.get(0).map_err(fail)?);
            }
        }
        if inserted.len() < n {
            inserted.sort_unstable();
            let mut place = self
                .conn
                .prepare_cached(ADD_REVLOG_ROW_IF_FREE)
                .map_err(fail)?;
            for r in batch.iter_mut() {
                // The first row of an id in the statement is the one inserted.
                if let Ok(i) = inserted.binary_search(&r.id) {
                    inserted.remove(i);
                    continue;
                }
                loop {
                    r.id = r.id.saturating_add(1);
                    let v = revlog_values(r);
                    if place.execute(params_from(&v)).map_err(fail)? == 1 {
                        break;
                    }
                }
                self.moved_rows += 1;
            }
        }
        self.written += n;
        self.revlog_rows += n;
        Ok(())
    }

    /// Writes the waiting cards whose rows are all written.
    fn write_ready_cards(&mut self) -> Result<(), StoreError> {
        let mut done = 0;
        let mut stmt = self.conn.prepare_cached(ADD_CARD).map_err(self.fail())?;
        while let Some(w) = self.cards.front() {
            if done + w.rows > self.written {
                break;
            }
            let Some(mut w) = self.cards.pop_front() else {
                break;
            };
            let last = self.rows[done..done + w.rows].iter().map(|r| r.id).max();
            if let (true, Some(ms)) = (w.data_from_revlog, last) {
                w.card.data = anki::card_data(Some(ms.div_euclid(1000)));
            }
            done += w.rows;
            let c = &w.card;
            stmt.execute(params![
                c.id,
                c.note,
                c.deck,
                c.ord,
                c.mtime_secs,
                c.ctype,
                c.queue,
                c.due,
                c.ivl,
                c.factor,
                c.reps,
                c.lapses,
                c.left,
                c.data,
                c.flags
            ])
            .map_err(|e| write_error(self.name, e))?;
        }
        drop(stmt);
        self.rows.drain(..done);
        self.written -= done;
        Ok(())
    }
}

/// A revlog row's values in the order of [`REVLOG_ROW`].
fn revlog_values(r: &anki::Revlog) -> [i64; 8] {
    [
        r.id,
        r.card,
        i64::from(r.ease),
        r.ivl,
        r.last_ivl,
        r.factor,
        r.time_ms,
        r.kind,
    ]
}

fn params_from(v: &[i64; 8]) -> [&dyn rusqlite::ToSql; 8] {
    [&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]]
}

/// Anki's tags column: space-separated, with a space at each end.
pub(super) fn tags_text(tags: &[String]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

/// A note's values in the order of [`ADD_NOTE`].
struct NoteParams {
    id: i64,
    guid: String,
    notetype: i64,
    mtime_secs: i64,
    tags: String,
    fields: String,
    sort_field: String,
    checksum: i64,
}

impl NoteParams {
    fn as_params(&self) -> [&dyn rusqlite::ToSql; 8] {
        [
            &self.id,
            &self.guid,
            &self.notetype,
            &self.mtime_secs,
            &self.tags,
            &self.fields,
            &self.sort_field,
            &self.checksum,
        ]
    }
}

fn note_params(n: &anki::Note) -> NoteParams {
    let sort_field = n.fields.first().map_or("", String::as_str);
    NoteParams {
        id: n.id,
        guid: n.guid.clone(),
        notetype: n.notetype,
        mtime_secs: n.mtime_secs,
        tags: tags_text(&n.tags),
        fields: n.fields.join(&anki::FIELD_SEPARATOR.to_string()),
        sort_field: anki::html::to_text(sort_field),
        checksum: anki::field_checksum(sort_field),
    }
}
