//! Anki's SQLite ([`AnkiFile`]): writing a schema-11 collection (what a
//! legacy `.apkg` holds) and reading schema 11 to 18 (legacy and current
//! packages). The JSON and protobuf inside are `crate::anki`'s; the SQL is
//! in `sql/anki/`.

use super::error::StoreError;
use crate::anki::{self, proto, schema11, Collection, Deck, Notetype, NotetypeKind, Template};
use rusqlite::limits::Limit;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, Row};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The oldest and newest collection schemas recall reads.
pub const OLDEST_ANKI_SCHEMA: i64 = 11;
pub const NEWEST_ANKI_SCHEMA: i64 = 18;
/// From this version on, note types and decks are tables, not JSON in `col`.
const FIRST_TABLE_SCHEMA: i64 = 15;
/// Protobuf field numbers: `Notetype.Config.kind`, `Template.Config.q_format`/`a_format`.
const NOTETYPE_KIND_FIELD: u64 = 1;
const TEMPLATE_QFMT_FIELD: u64 = 1;
const TEMPLATE_AFMT_FIELD: u64 = 2;
/// Revlog rows per INSERT statement (8 parameters each; SQLite allows 32766).
pub(super) const ROWS_PER_INSERT: usize = 256;
/// Schema-18 deck names separate their levels with this instead of `::`.
const NATIVE_DECK_SEPARATOR: char = '\x1f';

pub(super) const SCHEMA_11: &str = include_str!("sql/anki/schema_11.sql");
const WRITE_PRAGMAS: &str = include_str!("sql/anki/write_pragmas.sql");
pub(super) const ADD_COL: &str = include_str!("sql/anki/add_col.sql");
pub(super) const ADD_NOTE: &str = include_str!("sql/anki/add_note.sql");
pub(super) const ADD_CARD: &str = include_str!("sql/anki/add_card.sql");
pub(super) const ADD_REVLOG_ROWS: &str = include_str!("sql/anki/add_revlog_rows.sql");
/// The placeholders of one revlog row in [`ADD_REVLOG_ROWS`].
pub(super) const REVLOG_ROW: &str = "(?, ?, 0, ?, ?, ?, ?, ?, ?)";
const COL: &str = include_str!("sql/anki/col.sql");
const COL_JSON: &str = include_str!("sql/anki/col_json.sql");
pub(super) const NOTES: &str = include_str!("sql/anki/notes.sql");
pub(super) const CARDS: &str = include_str!("sql/anki/cards.sql");
const REVLOG: &str = include_str!("sql/anki/revlog.sql");
const CARD_FLAGS: &str = include_str!("sql/anki/card_flags.sql");
const NOTETYPES: &str = include_str!("sql/anki/notetypes.sql");
const FIELDS: &str = include_str!("sql/anki/fields.sql");
const TEMPLATES: &str = include_str!("sql/anki/templates.sql");
const DECKS: &str = include_str!("sql/anki/decks.sql");
const ACTIVE_OBJECTS: &str = include_str!("sql/anki/active_objects.sql");
const GENERATED_COLUMNS: &str = include_str!("sql/anki/generated_columns.sql");

/// A package's collection is read as data only, within these bounds: the
/// longest value (a note's fields together, a note type's JSON) SQLite will
/// read or make ([`Limit::SQLITE_LIMIT_LENGTH`]), the most rows of one table,
/// and the most virtual-machine steps of the whole read (interrupted past it).
pub const MAX_VALUE_BYTES: i32 = 16 << 20;
pub const MAX_ROWS_PER_TABLE: usize = 20_000_000;
/// A note whose fields together are longer than this is read without them
/// (and skipped, with its size, by the import): 64 fields of 64 KiB.
pub const MAX_NOTE_BYTES: i64 = 4 << 20;
/// The progress handler runs every this many VM steps …
const STEPS_PER_CHECK: i32 = 1_000;
/// … and interrupts the read after this many checks (2·10^10 steps: minutes
/// of work, far past any real collection of 2 GiB).
const MAX_CHECKS: u64 = 20_000_000;

pub(super) fn fail(name: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::AnkiCollection {
        name: name.to_string(),
        reason: reason.to_string(),
    }
}

/// Anki's own SQLite file (`collection.anki2`, `.anki21`, `.anki21b`
/// unpacked): a new schema-11 one to write, or any of schema 11 to 18 to read.
pub struct AnkiFile {
    pub(super) conn: Connection,
    /// How the user knows the file, for messages.
    pub(super) name: String,
}

impl AnkiFile {
    /// Creates a new, empty file at `path` (which must not exist yet: a temp
    /// file) to [`AnkiFile::write`] once. Nothing is synced to disk: the file
    /// is zipped right after and then deleted.
    pub fn create(path: &Path) -> Result<AnkiFile, StoreError> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| write_error(&name, e))?;
        conn.execute_batch(WRITE_PRAGMAS)
            .map_err(|e| write_error(&name, e))?;
        Ok(AnkiFile { conn, name })
    }

    /// Opens the file at `path` read-only, as data: SQL from the file never
    /// runs (views, triggers, virtual tables and generated columns are
    /// refused, naming the object; `trusted_schema` is off), values are
    /// capped at [`MAX_VALUE_BYTES`], tables at [`MAX_ROWS_PER_TABLE`] rows,
    /// and the read stops after a fixed number of SQLite steps or as soon as
    /// `cancel` is set (a signal). `name` is how the user knows it (the
    /// package, not the temp file).
    pub fn open(path: &Path, name: &str, cancel: Arc<AtomicBool>) -> Result<AnkiFile, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(name, e))?;
        conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
        conn.pragma_update(None, "trusted_schema", false)
            .map_err(|e| fail(name, e))?;
        let mut checks = 0u64;
        conn.progress_handler(
            STEPS_PER_CHECK,
            Some(move || {
                checks += 1;
                checks > MAX_CHECKS || cancel.load(Ordering::Relaxed)
            }),
        );
        refuse_active_objects(&conn).map_err(|reason| fail(name, reason))?;
        Ok(AnkiFile {
            conn,
            name: name.to_string(),
        })
    }

    /// Reads the whole collection.
    pub fn read(&self) -> Result<Collection, StoreError> {
        read(&self.conn).map_err(|reason| fail(&self.name, reason))
    }

    /// The flag (1 red … 7 purple) of each flagged card, by Anki card id.
    pub fn read_flags(&self) -> Result<std::collections::HashMap<i64, i64>, StoreError> {
        let rows = query(&self.conn, CARD_FLAGS, |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|reason| fail(&self.name, reason))?;
        Ok(rows.into_iter().collect())
    }
}

pub(super) fn write_error(name: &str, e: rusqlite::Error) -> StoreError {
    fail(name, format!("cannot write it: {e}"))
}

/// Text that must be UTF-8, with what it is for the message.
pub(super) fn text(
    row: &Row<'_>,
    idx: usize,
    what: &dyn Fn() -> String,
) -> rusqlite::Result<String> {
    let bytes = match row.get_ref(idx)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => b,
        ValueRef::Null => return Ok(String::new()),
        ValueRef::Integer(i) => return Ok(i.to_string()),
        ValueRef::Real(r) => return Ok(r.to_string()),
    };
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!(
                "{} is not valid UTF-8 (byte {})",
                what(),
                e.utf8_error().valid_up_to()
            )
            .into(),
        )
    })
}

pub(super) fn reason(e: rusqlite::Error) -> String {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.to_string(),
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            "reading it was stopped (interrupted, or it took more work than any real \
             collection needs)"
                .into()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::TooBig => {
            format!("it holds a value longer than {MAX_VALUE_BYTES} bytes")
        }
        other => other.to_string(),
    }
}

/// The rows of `sql`, at most [`MAX_ROWS_PER_TABLE`] of them.
fn query<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, String> {
    query_with(conn, sql, [], map)
}

pub(super) fn query_with<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, String> {
    let mut stmt = conn.prepare(sql).map_err(reason)?;
    let rows = stmt.query_map(params, map).map_err(reason)?;
    let mut out = Vec::new();
    for row in rows {
        if out.len() == MAX_ROWS_PER_TABLE {
            return Err(format!("a table holds more than {MAX_ROWS_PER_TABLE} rows"));
        }
        out.push(row.map_err(reason)?);
    }
    Ok(out)
}

/// Refuses a collection with anything that would run SQL as it is read.
fn refuse_active_objects(conn: &Connection) -> Result<(), String> {
    let active = query(conn, ACTIVE_OBJECTS, |r| {
        Ok((
            text(r, 0, &|| "a schema type".into())?,
            text(r, 1, &|| "a schema name".into())?,
        ))
    })?;
    if let Some((kind, name)) = active.first() {
        let kind = if kind == "table" {
            "virtual table"
        } else {
            kind.as_str()
        };
        return Err(format!(
            "it holds a {kind} named {name:?}, and recall reads a package's collection as \
             plain tables only (no SQL from a package runs)"
        ));
    }
    let generated = query(conn, GENERATED_COLUMNS, |r| {
        Ok((
            text(r, 0, &|| "a table name".into())?,
            text(r, 1, &|| "a column name".into())?,
        ))
    })?;
    if let Some((table, column)) = generated.first() {
        return Err(format!(
            "its column {table}.{column} is computed (a generated column), and recall reads \
             a package's collection as plain tables only (no SQL from a package runs)"
        ));
    }
    Ok(())
}

fn read(conn: &Connection) -> Result<Collection, String> {
    let head = read_head(conn)?;
    let notes = query_with(conn, NOTES, [MAX_NOTE_BYTES], note_of_row)?;
    let cards = query(conn, CARDS, card_of_row)?;
    let revlog = query(conn, REVLOG, revlog_of_row)?;
    Ok(Collection {
        notes,
        cards,
        revlog,
        ..head
    })
}

/// The collection without its notes, cards and revlog: its creation time,
/// note types and decks (what the whole import keeps).
pub(super) fn read_head(conn: &Connection) -> Result<Collection, String> {
    let (crt_secs, ver): (i64, i64) = conn
        .query_row(COL, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| format!("it has no collection row ({e})"))?;
    if !(OLDEST_ANKI_SCHEMA..=NEWEST_ANKI_SCHEMA).contains(&ver) {
        return Err(format!(
            "schema version {ver}; recall reads {OLDEST_ANKI_SCHEMA} to {NEWEST_ANKI_SCHEMA}"
        ));
    }
    let (notetypes, decks) = if ver < FIRST_TABLE_SCHEMA {
        let (models, decks): (String, String) = conn
            .query_row(COL_JSON, [], |r| {
                Ok((
                    text(r, 0, &|| "col.models".into())?,
                    text(r, 1, &|| "col.decks".into())?,
                ))
            })
            .map_err(reason)?;
        (
            schema11::parse_models(&models)?,
            schema11::parse_decks(&decks)?,
        )
    } else {
        (read_notetypes(conn)?, read_decks(conn)?)
    };
    Ok(Collection {
        crt_secs,
        notetypes,
        decks,
        notes: Vec::new(),
        cards: Vec::new(),
        revlog: Vec::new(),
    })
}

/// A row of [`NOTES`] as a note.
pub(super) fn note_of_row(r: &Row<'_>) -> rusqlite::Result<anki::Note> {
    note_at(r, 0)
}

/// The note in `r`'s columns from `from` on, in [`NOTES`]' order.
pub(super) fn note_at(r: &Row<'_>, from: usize) -> rusqlite::Result<anki::Note> {
    let id: i64 = r.get(from)?;
    let what = |f: &str| format!("the {f} of note {id}");
    let bytes: Option<i64> = r.get(from + 6)?;
    let oversized = bytes.filter(|&b| b > MAX_NOTE_BYTES);
    Ok(anki::Note {
        id,
        guid: text(r, from + 1, &|| what("guid"))?,
        notetype: r.get(from + 2)?,
        mtime_secs: r.get(from + 3)?,
        tags: text(r, from + 4, &|| what("tags"))?
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        fields: if oversized.is_some() {
            Vec::new()
        } else {
            text(r, from + 5, &|| what("fields"))?
                .split(anki::FIELD_SEPARATOR)
                .map(str::to_string)
                .collect()
        },
        oversized_bytes: oversized.and_then(|b| u64::try_from(b).ok()),
    })
}

/// A row of [`CARDS`] (or `card.sql`) as a card.
pub(super) fn card_of_row(r: &Row<'_>) -> rusqlite::Result<anki::Card> {
    Ok(anki::Card {
        id: r.get(0)?,
        note: r.get(1)?,
        deck: r.get(2)?,
        ord: r.get(3)?,
        mtime_secs: r.get(4)?,
        ctype: r.get(5)?,
        queue: r.get(6)?,
        due: r.get(7)?,
        ivl: r.get(8)?,
        factor: r.get(9)?,
        reps: r.get(10)?,
        lapses: r.get(11)?,
        left: 0,
        data: r.get(12)?,
        uncarried_data: r.get(13)?,
        flags: 0,
    })
}

/// A row of `revlog.sql` as a revlog row.
pub(super) fn revlog_of_row(r: &Row<'_>) -> rusqlite::Result<anki::Revlog> {
    revlog_at(r, 0)
}

/// The revlog row in `r`'s columns from `from` on, in `revlog.sql`'s order.
pub(super) fn revlog_at(r: &Row<'_>, from: usize) -> rusqlite::Result<anki::Revlog> {
    Ok(anki::Revlog {
        id: r.get(from)?,
        card: r.get(from + 1)?,
        ease: r.get(from + 2)?,
        ivl: r.get(from + 3)?,
        last_ivl: r.get(from + 4)?,
        factor: r.get(from + 5)?,
        time_ms: r.get(from + 6)?,
        kind: r.get(from + 7)?,
    })
}

fn read_notetypes(conn: &Connection) -> Result<Vec<Notetype>, String> {
    let bad = |what: String| move |e: proto::ProtoError| format!("{what}: {e}");
    let types = query(conn, NOTETYPES, |r| {
        let id: i64 = r.get(0)?;
        Ok((
            id,
            text(r, 1, &|| format!("the name of note type {id}"))?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let fields = query(conn, FIELDS, |r| {
        let id: i64 = r.get(0)?;
        Ok((
            id,
            text(r, 1, &|| format!("a field name of note type {id}"))?,
        ))
    })?;
    let templates = query(conn, TEMPLATES, |r| {
        let id: i64 = r.get(0)?;
        Ok((
            id,
            text(r, 1, &|| format!("a template name of note type {id}"))?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut out = Vec::with_capacity(types.len());
    for (id, name, mtime_secs, config) in types {
        let kind = proto::varint_field(&config, NOTETYPE_KIND_FIELD)
            .map_err(bad(format!("note type {id}")))?;
        let mut tmpls = Vec::new();
        for (_, tname, tconfig) in templates.iter().filter(|t| t.0 == id) {
            let what = format!("template {tname:?} of note type {id}");
            let format = |field| -> Result<String, String> {
                proto::string_field(tconfig, field)
                    .map_err(bad(what.clone()))?
                    .ok_or_else(|| format!("{what} is not valid UTF-8"))
            };
            tmpls.push(Template {
                name: tname.clone(),
                qfmt: format(TEMPLATE_QFMT_FIELD)?,
                afmt: format(TEMPLATE_AFMT_FIELD)?,
            });
        }
        out.push(Notetype {
            id,
            name,
            kind: if kind == 1 {
                NotetypeKind::Cloze
            } else {
                NotetypeKind::Standard
            },
            fields: fields
                .iter()
                .filter(|f| f.0 == id)
                .map(|f| f.1.clone())
                .collect(),
            templates: tmpls,
            css: String::new(),
            mtime_secs,
        });
    }
    Ok(out)
}

fn read_decks(conn: &Connection) -> Result<Vec<Deck>, String> {
    query(conn, DECKS, |r| {
        let id: i64 = r.get(0)?;
        Ok(Deck {
            id,
            name: text(r, 1, &|| format!("the name of deck {id}"))?
                .replace(NATIVE_DECK_SEPARATOR, anki::HIERARCHY),
        })
    })
}

/// An empty schema-11 collection at `path`, as an export with no cards
/// writes it: what tests build Anki files from.
#[cfg(test)]
pub(crate) fn write_empty(path: &Path) -> Result<(), StoreError> {
    AnkiFile::create(path)?.write_streamed(|sink| {
        sink.col(&super::ColRow {
            crt_secs: 0,
            notetypes: &[],
            decks: &[],
            cards: 0,
            mtime_ms: 0,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("c.anki21");
        write_empty(&path).unwrap();
        path
    }

    fn open(path: &Path, cancel: bool) -> Result<Collection, StoreError> {
        AnkiFile::open(path, "p.apkg", Arc::new(AtomicBool::new(cancel)))?.read()
    }

    #[test]
    fn a_plain_collection_reads_and_a_cancelled_read_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = written(dir.path());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) \
             INSERT INTO notes SELECT i, 'g' || i, 1, 0, 0, '', 'a', 'a', 0, 0, '' FROM n;",
        )
        .unwrap();
        drop(conn);
        assert_eq!(open(&path, false).unwrap().notes.len(), 5000);
        let err = open(&path, true).unwrap_err().to_string();
        assert!(err.contains("reading it was stopped"), "{err}");
    }

    #[test]
    fn sql_in_the_schema_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = written(dir.path());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE VIEW v AS SELECT 1;").unwrap();
        drop(conn);
        let err = open(&path, false).unwrap_err().to_string();
        assert!(err.contains("a view named \"v\""), "{err}");
    }

    #[test]
    fn sqlite_makes_no_value_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = written(dir.path());
        let file = AnkiFile::open(&path, "p.apkg", Arc::new(AtomicBool::new(false))).unwrap();
        let made: rusqlite::Result<i64> =
            file.conn
                .query_row("SELECT length(zeroblob(400000000))", [], |r| r.get(0));
        assert!(made.is_err(), "{made:?}");
    }
}
