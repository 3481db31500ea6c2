//! Writing an Anki SQLite file card by card ([`AnkiFile::write_streamed`]):
//! an export hands over each note and card and forgets them, and its
//! revlog rows, which wait in a bounded sorter ([`sorted`]) until
//! [`AnkiSink::revlog`] writes them in time order.
//!
//! Revlog ids are answer times in ms and must be unique, and the revlog is
//! a table keyed by them: each row goes in at its time or, if an earlier
//! row took it (answers of one millisecond), the next free millisecond.
//! The caller learns each row's final id, so that its card's `data` can
//! name its last answer's time: the revlog is written before the cards.

mod sorted;

pub use sorted::StagedRow;

use super::anki::{fail, write_error, AnkiFile, ADD_CARD, ADD_COL, ADD_NOTE, ADD_REVLOG_ROWS};
use super::anki::{REVLOG_ROW, ROWS_PER_INSERT, SCHEMA_11};
use super::error::StoreError;
use crate::anki::{self, schema11, Deck, Notetype};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

const ADD_NEW_NOTE: &str = include_str!("sql/anki/add_new_note.sql");
const NOTE_OF_ID: &str = include_str!("sql/anki/note_of_id.sql");
const SET_NOTE_TAGS: &str = include_str!("sql/anki/set_note_tags.sql");

/// The `col` row: what is known only once every card is written.
pub struct ColRow<'a> {
    pub crt_secs: i64,
    pub notetypes: &'a [Notetype],
    pub decks: &'a [Deck],
    pub cards: usize,
    pub mtime_ms: i64,
}

/// The open write of [`AnkiFile::write_streamed`].
pub struct AnkiSink<'a> {
    conn: &'a Connection,
    name: &'a str,
    /// Revlog rows waiting for [`AnkiSink::revlog`].
    sorter: Option<sorted::Sorter>,
    /// Revlog rows written, and rows that moved to another millisecond.
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
        // The sorter's runs go beside the file (the export's scratch dir).
        let dir = tx
            .path()
            .and_then(|p| Path::new(p).parent())
            .map_or_else(std::env::temp_dir, Path::to_path_buf);
        let out = {
            let mut sink = AnkiSink {
                conn: &tx,
                name: &name,
                sorter: Some(sorted::Sorter::new(dir)),
                revlog_rows: 0,
                moved_rows: 0,
            };
            let out = f(&mut sink)?;
            // Rows staged but not written by the caller are not lost.
            sink.revlog(|_, _| {})?;
            out
        };
        tx.commit().map_err(sql)?;
        Ok(out)
    }
}

/// Inserts `rows` with one statement of `head` and a `row` per row.
fn insert_many(
    conn: &Connection,
    head: &str,
    row: &str,
    rows: &[[i64; 8]],
) -> rusqlite::Result<()> {
    let sql = format!("{head} {}", vec![row; rows.len()].join(", "));
    // The full-size statement is the same each time: cached.
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut at = 1;
    for r in rows {
        for v in r {
            stmt.raw_bind_parameter(at, v)?;
            at += 1;
        }
    }
    stmt.raw_execute()?;
    Ok(())
}

impl AnkiSink<'_> {
    fn fail(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |e| write_error(self.name, e)
    }

    /// Bounds the file's page cache to `bytes`: a caller that holds memory
    /// of its own for the whole write gives the cache's back.
    pub fn set_cache_bytes(&mut self, bytes: usize) -> Result<(), StoreError> {
        let kib = i64::try_from(bytes / 1024).unwrap_or(i64::MAX);
        self.conn
            .pragma_update(None, "cache_size", -kib)
            .map_err(self.fail())
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

    /// Adds a card (its `data` already naming its last revlog row).
    pub fn card(&mut self, c: &anki::Card) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(ADD_CARD)
            .map_err(self.fail())?
            .execute(params![
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
            .map_err(self.fail())?;
        Ok(())
    }

    /// Writes the `col` row (last: it counts the cards).
    pub fn col(&mut self, col: &ColRow<'_>) -> Result<(), StoreError> {
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

    /// Hands over a revlog row (id = answer time), in any order.
    pub fn stage_revlog(&mut self, row: StagedRow) -> Result<(), StoreError> {
        let name = self.name;
        match self.sorter.as_mut() {
            Some(sorter) => sorter.push(row).map_err(|e| sort_error(name, e)),
            None => Err(fail(name, "revlog rows after the revlog was written")),
        }
    }

    /// Writes the staged rows into the revlog by time, each at its time or
    /// the next free millisecond, calling `placed` with each row's slot
    /// and final id. Once; rows staged later are refused.
    pub fn revlog(&mut self, mut placed: impl FnMut(u32, i64)) -> Result<(), StoreError> {
        let Some(sorter) = self.sorter.take() else {
            return Ok(());
        };
        let name = self.name;
        let conn = self.conn;
        let mut batch: Vec<[i64; 8]> = Vec::with_capacity(ROWS_PER_INSERT);
        let mut last = i64::MIN;
        let (mut written, mut moved) = (0, 0);
        sorter
            .merge(|staged| -> Result<(), MergeError> {
                let r = &staged.row;
                let id = r.id.max(last.saturating_add(1));
                if id != r.id {
                    moved += 1;
                }
                last = id;
                placed(staged.slot, id);
                let mut values = revlog_values(r);
                values[0] = id;
                batch.push(values);
                if batch.len() == ROWS_PER_INSERT {
                    insert_many(conn, ADD_REVLOG_ROWS, REVLOG_ROW, &batch)?;
                    written += batch.len();
                    batch.clear();
                }
                Ok(())
            })
            .and_then(|()| {
                if !batch.is_empty() {
                    insert_many(conn, ADD_REVLOG_ROWS, REVLOG_ROW, &batch)?;
                    written += batch.len();
                }
                Ok(())
            })
            .map_err(|e| match e {
                MergeError::Io(e) => sort_error(name, e),
                MergeError::Sql(e) => write_error(name, e),
            })?;
        self.revlog_rows += written;
        self.moved_rows += moved;
        Ok(())
    }
}

/// What can stop the merge: reading a run back, or the insert.
enum MergeError {
    Io(std::io::Error),
    Sql(rusqlite::Error),
}

impl From<std::io::Error> for MergeError {
    fn from(e: std::io::Error) -> Self {
        MergeError::Io(e)
    }
}

impl From<rusqlite::Error> for MergeError {
    fn from(e: rusqlite::Error) -> Self {
        MergeError::Sql(e)
    }
}

fn sort_error(name: &str, e: std::io::Error) -> StoreError {
    fail(
        name,
        format!("cannot sort its revlog rows in a temp file: {e}"),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: i64, ctype: i64) -> anki::Card {
        anki::Card {
            id,
            note: id,
            deck: 1,
            ord: 0,
            mtime_secs: 0,
            ctype,
            queue: 0,
            due: 0,
            ivl: 0,
            factor: 0,
            reps: 0,
            lapses: 0,
            left: 0,
            data: anki::card_data(None),
            uncarried_data: String::new(),
            flags: 0,
        }
    }

    fn row(id: i64, card: i64, ease: u8) -> anki::Revlog {
        anki::Revlog {
            id,
            card,
            ease,
            ivl: 1,
            last_ivl: 0,
            factor: 2500,
            time_ms: 0,
            kind: 0,
        }
    }

    fn staged(id: i64, card: i64, ease: u8, seq: i64) -> StagedRow {
        StagedRow {
            row: row(id, card, ease),
            seq,
            slot: u32::try_from(card).unwrap(),
        }
    }

    #[test]
    fn answers_of_one_millisecond_move_apart_and_their_cards_learn_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.anki21");
        let mut file = AnkiFile::create(&path).unwrap();
        // Card 2 comes first but card 1 sorts first at 5000 ms; card 1's
        // two answers of one millisecond keep their log order (ease 1, then
        // 2), and the last answers of 5.999 s move past 6 s.
        let mut last = std::collections::BTreeMap::new();
        let moved = file
            .write_streamed(|sink| -> Result<usize, StoreError> {
                sink.stage_revlog(staged(5000, 2, 3, 10))?;
                sink.stage_revlog(staged(9000, 2, 3, 11))?;
                sink.stage_revlog(staged(5000, 1, 2, 13))?;
                sink.stage_revlog(staged(5000, 1, 1, 12))?;
                sink.stage_revlog(staged(5001, 3, 4, 1))?;
                sink.stage_revlog(staged(5999, 4, 1, 2))?;
                sink.stage_revlog(staged(5999, 4, 3, 3))?;
                sink.revlog(|slot, id| {
                    let at = last.entry(slot).or_insert(id);
                    *at = id.max(*at);
                })?;
                assert!(sink.stage_revlog(staged(1, 1, 1, 1)).is_err());
                sink.card(&card(1, 2))?;
                sink.col(&ColRow {
                    crt_secs: 0,
                    notetypes: &[],
                    decks: &[],
                    cards: 1,
                    mtime_ms: 0,
                })?;
                assert_eq!(sink.revlog_rows, 7);
                Ok(sink.moved_rows)
            })
            .unwrap();
        assert_eq!(moved, 4);
        let conn = Connection::open(&path).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, cid, ease FROM revlog ORDER BY id")
            .unwrap();
        let rows: Vec<(i64, i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            [
                (5000, 1, 1),
                (5001, 1, 2),
                (5002, 2, 3),
                (5003, 3, 4),
                (5999, 4, 1),
                (6000, 4, 3),
                (9000, 2, 3)
            ]
        );
        // Each card's last answer, where it ended up.
        assert_eq!(
            last.into_iter().collect::<Vec<_>>(),
            [(1, 5001), (2, 9000), (3, 5003), (4, 6000)]
        );
    }
}
