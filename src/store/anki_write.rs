//! Writing an Anki SQLite file card by card ([`AnkiFile::write_streamed`]):
//! an export hands over each card with its note and revlog rows and forgets
//! them. Rows wait here only until a full multi-row INSERT of revlog rows
//! can go (a few hundred), so memory stays the same whatever the size.
//!
//! Revlog ids are answer times in ms and must be unique, and the revlog is
//! a table keyed by them: rows come card by card, so they are staged in a
//! temp table and go into the revlog at the end sorted by time (SQLite's
//! sorter, on disk past the cache), each at its time or, if an earlier row
//! took it (answers of one millisecond), the next free millisecond. Such a
//! row's card names its last answer's time in `data`, fixed after the move.

use super::anki::{fail, write_error, AnkiFile, ADD_CARD, ADD_COL, ADD_NOTE, ADD_REVLOG_ROWS};
use super::anki::{REVLOG_ROW, ROWS_PER_INSERT, SCHEMA_11};
use super::error::StoreError;
use crate::anki::{self, schema11, Deck, Notetype};
use rusqlite::{params, Connection, OptionalExtension};

const ADD_NEW_NOTE: &str = include_str!("sql/anki/add_new_note.sql");
const NOTE_OF_ID: &str = include_str!("sql/anki/note_of_id.sql");
const SET_NOTE_TAGS: &str = include_str!("sql/anki/set_note_tags.sql");
const STAGED_REVLOG: &str = include_str!("sql/anki/staged_revlog.sql");
const ADD_STAGED_REVLOG: &str = include_str!("sql/anki/add_staged_revlog.sql");
const STAGED_REVLOG_ROWS: &str = include_str!("sql/anki/staged_revlog_rows.sql");
const ADD_MOVED_REVLOG: &str = include_str!("sql/anki/add_moved_revlog.sql");
const MOVED_LAST_REVIEW: &str = include_str!("sql/anki/moved_last_review.sql");
const SET_CARD_DATA: &str = include_str!("sql/anki/set_card_data.sql");
/// The placeholders of one row in [`ADD_STAGED_REVLOG`].
const STAGED_ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?)";

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
    /// Revlog rows waiting for a full INSERT.
    rows: Vec<[i64; 8]>,
    /// Whether the staged rows went into the revlog.
    flushed: bool,
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
        tx.execute_batch(STAGED_REVLOG).map_err(sql)?;
        let out = {
            let mut sink = AnkiSink {
                conn: &tx,
                name: &name,
                rows: Vec::with_capacity(ROWS_PER_INSERT),
                flushed: false,
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
    /// row's time (moved rows fix it at the end).
    pub fn card(
        &mut self,
        mut card: anki::Card,
        revlog: Vec<anki::Revlog>,
        data_from_revlog: bool,
    ) -> Result<(), StoreError> {
        if let (true, Some(ms)) = (data_from_revlog, revlog.iter().map(|r| r.id).max()) {
            card.data = anki::card_data_at(&card.data, ms.div_euclid(1000));
        }
        let c = &card;
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
        for r in &revlog {
            self.rows.push(revlog_values(r));
            if self.rows.len() == ROWS_PER_INSERT {
                self.stage_rows()?;
            }
        }
        Ok(())
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

    /// Once: the revlog goes in when the last card is in.
    fn flush(&mut self) -> Result<(), StoreError> {
        if self.flushed {
            return Ok(());
        }
        self.flushed = true;
        if !self.rows.is_empty() {
            self.stage_rows()?;
        }
        self.write_revlog()
    }

    fn stage_rows(&mut self) -> Result<(), StoreError> {
        insert_many(self.conn, ADD_STAGED_REVLOG, STAGED_ROW, &self.rows)
            .map_err(|e| write_error(self.name, e))?;
        self.rows.clear();
        Ok(())
    }

    /// The staged rows into the revlog by time, each at its time or the
    /// next free millisecond; then the data of the cards whose rows moved.
    fn write_revlog(&mut self) -> Result<(), StoreError> {
        let fail = |e| write_error(self.name, e);
        let mut staged = self.conn.prepare(STAGED_REVLOG_ROWS).map_err(fail)?;
        let mut rows = staged.query([]).map_err(fail)?;
        let mut moved = self.conn.prepare(ADD_MOVED_REVLOG).map_err(fail)?;
        let mut batch: Vec<[i64; 8]> = Vec::with_capacity(ROWS_PER_INSERT);
        let mut last = i64::MIN;
        while let Some(row) = rows.next().map_err(fail)? {
            let mut v = [0i64; 8];
            for (i, value) in v.iter_mut().enumerate() {
                *value = row.get(i).map_err(fail)?;
            }
            let id = v[0].max(last.saturating_add(1));
            if id != v[0] {
                moved.execute(params![v[1], id]).map_err(fail)?;
                self.moved_rows += 1;
            }
            v[0] = id;
            last = id;
            batch.push(v);
            if batch.len() == ROWS_PER_INSERT {
                insert_many(self.conn, ADD_REVLOG_ROWS, REVLOG_ROW, &batch).map_err(fail)?;
                self.revlog_rows += batch.len();
                batch.clear();
            }
        }
        if !batch.is_empty() {
            insert_many(self.conn, ADD_REVLOG_ROWS, REVLOG_ROW, &batch).map_err(fail)?;
            self.revlog_rows += batch.len();
        }
        if self.moved_rows == 0 {
            return Ok(());
        }
        // The cards' data named their latest time before the move.
        let mut query = self.conn.prepare(MOVED_LAST_REVIEW).map_err(fail)?;
        let mut set = self.conn.prepare(SET_CARD_DATA).map_err(fail)?;
        let mut rows = query.query([]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let card: i64 = row.get(0).map_err(fail)?;
            let ms: i64 = row.get(1).map_err(fail)?;
            let data: String = row.get(2).map_err(fail)?;
            let before = last_review_secs(&data).unwrap_or(i64::MIN);
            let secs = before.max(ms.div_euclid(1000));
            set.execute(params![card, anki::card_data_at(&data, secs)])
                .map_err(fail)?;
        }
        Ok(())
    }
}

/// The `lrt` (seconds) an Anki card's `data` names, as `anki::card_data`
/// writes it.
fn last_review_secs(data: &str) -> Option<i64> {
    let value: serde_json::Value = serde_json::from_str(data).ok()?;
    value.get("lrt")?.as_i64()
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

    #[test]
    fn answers_of_one_millisecond_move_apart_and_their_cards_follow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.anki21");
        let mut file = AnkiFile::create(&path).unwrap();
        // Card 2 comes first but card 1 sorts first at 5000 ms; card 1's
        // two answers of one millisecond keep their order (ease 1, then 2),
        // and the last answers of 5.999 s move past 6 s.
        let moved = file
            .write_streamed(|sink| -> Result<usize, StoreError> {
                sink.card(card(2, 2), vec![row(5000, 2, 3), row(9000, 2, 3)], true)?;
                sink.card(card(1, 2), vec![row(5000, 1, 1), row(5000, 1, 2)], true)?;
                sink.card(card(3, 0), vec![row(5001, 3, 4)], false)?;
                sink.card(card(4, 2), vec![row(5999, 4, 1), row(5999, 4, 3)], true)?;
                sink.col(&ColRow {
                    crt_secs: 0,
                    notetypes: &[],
                    decks: &[],
                    cards: 4,
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
        let data = |id: i64| -> String {
            conn.query_row("SELECT data FROM cards WHERE id = ?1", [id], |r| r.get(0))
                .unwrap()
        };
        // Card 2's last answer is still at 9 s; card 1's moved to 5.001 s
        // (the same second), card 4's to 6 s; a new card names none.
        assert_eq!(data(2), r#"{"lrt":9}"#);
        assert_eq!(data(1), r#"{"lrt":5}"#);
        assert_eq!(data(4), r#"{"lrt":6}"#);
        assert_eq!(data(3), "{}");
    }
}
