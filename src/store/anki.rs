//! Anki's SQLite: writing a schema-11 collection (what a legacy `.apkg`
//! holds) and reading schema 11 to 18 (legacy and current packages). The
//! JSON and protobuf inside are `crate::anki`'s; the SQL is here.

use super::error::StoreError;
use crate::anki::{self, proto, schema11, Collection, Deck, Notetype, NotetypeKind, Template};
use crate::progress::Progress;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OpenFlags, Row};
use std::path::Path;

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
const ROWS_PER_INSERT: usize = 256;
/// Rows written between two progress reports.
const PROGRESS_CHUNK: usize = 16_384;
/// Schema-18 deck names separate their levels with this instead of `::`.
const NATIVE_DECK_SEPARATOR: char = '\x1f';

const SCHEMA_11: &str = "
CREATE TABLE col (
    id integer primary key, crt integer not null, mod integer not null, scm integer not null,
    ver integer not null, dty integer not null, usn integer not null, ls integer not null,
    conf text not null, models text not null, decks text not null, dconf text not null,
    tags text not null);
CREATE TABLE notes (
    id integer primary key, guid text not null, mid integer not null, mod integer not null,
    usn integer not null, tags text not null, flds text not null, sfld integer not null,
    csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (
    id integer primary key, nid integer not null, did integer not null, ord integer not null,
    mod integer not null, usn integer not null, type integer not null, queue integer not null,
    due integer not null, ivl integer not null, factor integer not null, reps integer not null,
    lapses integer not null, left integer not null, odue integer not null,
    odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (
    id integer primary key, cid integer not null, usn integer not null, ease integer not null,
    ivl integer not null, lastIvl integer not null, factor integer not null,
    time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);";

/// A throwaway file: no journal, no syncing, and a cache big enough that
/// pages are written once.
const WRITE_PRAGMAS: &str =
    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;";

fn fail(name: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::AnkiCollection {
        name: name.to_string(),
        reason: reason.to_string(),
    }
}

/// Writes `col` as a new schema-11 collection at `path` (which must not
/// exist yet: a temp file). Nothing is synced to disk: the file is zipped
/// right after and then deleted. It has no indexes: Anki's importer reads
/// every table whole, and at 1M revlog rows the indexes would double the
/// time to write and the size to zip.
pub fn write_collection(
    path: &Path,
    col: &Collection,
    mtime_ms: i64,
    progress: &mut dyn Progress,
) -> Result<(), StoreError> {
    let name = path.display().to_string();
    let sql = |e: rusqlite::Error| fail(&name, format!("cannot write it: {e}"));
    let mut conn = Connection::open(path).map_err(sql)?;
    conn.execute_batch(WRITE_PRAGMAS).map_err(sql)?;
    let tx = conn.transaction().map_err(sql)?;
    tx.execute_batch(SCHEMA_11).map_err(sql)?;
    let mtime_secs = mtime_ms / 1000;
    let current = col.notetypes.first().map_or(0, |nt| nt.id);
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            col.crt_secs,
            mtime_ms,
            schema11::conf_json(current, i64::try_from(col.cards.len()).unwrap_or(0) + 1),
            schema11::models_json(&col.notetypes),
            schema11::decks_json(&col.decks, mtime_secs),
            schema11::dconf_json(mtime_secs),
        ],
    )
    .map_err(sql)?;
    progress.stage("notes", col.notes.len() as u64);
    {
        let mut stmt = tx
            .prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, 0, '')")
            .map_err(sql)?;
        for n in &col.notes {
            let tags = if n.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", n.tags.join(" "))
            };
            let sort_field = n.fields.first().map_or("", String::as_str);
            let fields = n.fields.join(&anki::FIELD_SEPARATOR.to_string());
            stmt.execute(params![
                n.id,
                n.guid,
                n.notetype,
                n.mtime_secs,
                tags,
                fields,
                anki::html::to_text(sort_field),
                anki::field_checksum(sort_field),
            ])
            .map_err(sql)?;
        }
    }
    progress.stage("cards", col.cards.len() as u64);
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                                           0, 0, 0, 0, '')",
            )
            .map_err(sql)?;
        for c in &col.cards {
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
                c.lapses
            ])
            .map_err(sql)?;
        }
    }
    progress.stage("review log", col.revlog.len() as u64);
    {
        // Many rows per statement: at a million rows, the cost of a
        // statement per row is most of the time.
        let values = |n: usize| vec!["(?, ?, 0, ?, ?, ?, ?, ?, ?)"; n].join(", ");
        let mut full = tx
            .prepare(&format!(
                "INSERT INTO revlog VALUES {}",
                values(ROWS_PER_INSERT)
            ))
            .map_err(sql)?;
        for chunk in col.revlog.chunks(PROGRESS_CHUNK) {
            for rows in chunk.chunks(ROWS_PER_INSERT) {
                let mut partial;
                let stmt = if rows.len() == ROWS_PER_INSERT {
                    &mut full
                } else {
                    partial = tx
                        .prepare(&format!("INSERT INTO revlog VALUES {}", values(rows.len())))
                        .map_err(sql)?;
                    &mut partial
                };
                let mut at = 1;
                for r in rows {
                    let row = [
                        r.id,
                        r.card,
                        i64::from(r.ease),
                        r.ivl,
                        r.last_ivl,
                        r.factor,
                        r.time_ms,
                        r.kind,
                    ];
                    for v in row {
                        stmt.raw_bind_parameter(at, v).map_err(sql)?;
                        at += 1;
                    }
                }
                stmt.raw_execute().map_err(sql)?;
            }
            progress.advance(chunk.len() as u64);
        }
    }
    tx.commit().map_err(sql)
}

/// Text that must be UTF-8, with what it is for the message.
fn text(row: &Row<'_>, idx: usize, what: &dyn Fn() -> String) -> rusqlite::Result<String> {
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

fn reason(e: rusqlite::Error) -> String {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.to_string(),
        other => other.to_string(),
    }
}

fn query<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, String> {
    let mut stmt = conn.prepare(sql).map_err(reason)?;
    let rows = stmt.query_map([], map).map_err(reason)?;
    rows.collect::<Result<_, _>>().map_err(reason)
}

/// Reads the collection file at `path` (schema 11 to 18), read-only.
/// `name` is how the user knows the file (the package, not the temp file).
pub fn read_collection(path: &Path, name: &str) -> Result<Collection, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| fail(name, e))?;
    read(&conn).map_err(|reason| fail(name, reason))
}

fn read(conn: &Connection) -> Result<Collection, String> {
    let (crt_secs, ver): (i64, i64) = conn
        .query_row("SELECT crt, ver FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|e| format!("it has no collection row ({e})"))?;
    if !(OLDEST_ANKI_SCHEMA..=NEWEST_ANKI_SCHEMA).contains(&ver) {
        return Err(format!(
            "schema version {ver}; recall reads {OLDEST_ANKI_SCHEMA} to {NEWEST_ANKI_SCHEMA}"
        ));
    }
    let (notetypes, decks) = if ver < FIRST_TABLE_SCHEMA {
        let (models, decks): (String, String) = conn
            .query_row("SELECT models, decks FROM col", [], |r| {
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
    let notes = query(
        conn,
        "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id",
        |r| {
            let id: i64 = r.get(0)?;
            let what = |f: &str| format!("the {f} of note {id}");
            Ok(anki::Note {
                id,
                guid: text(r, 1, &|| what("guid"))?,
                notetype: r.get(2)?,
                mtime_secs: r.get(3)?,
                tags: text(r, 4, &|| what("tags"))?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                fields: text(r, 5, &|| what("fields"))?
                    .split(anki::FIELD_SEPARATOR)
                    .map(str::to_string)
                    .collect(),
            })
        },
    )?;
    // A card in a filtered deck keeps its home deck and due in odid/odue.
    let cards = query(
        conn,
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, mod, type, queue,
                CASE WHEN odid != 0 AND odue != 0 THEN odue ELSE due END, ivl, factor, reps,
                lapses
         FROM cards ORDER BY id",
        |r| {
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
            })
        },
    )?;
    let revlog = query(
        conn,
        "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id",
        |r| {
            Ok(anki::Revlog {
                id: r.get(0)?,
                card: r.get(1)?,
                ease: r.get(2)?,
                ivl: r.get(3)?,
                last_ivl: r.get(4)?,
                factor: r.get(5)?,
                time_ms: r.get(6)?,
                kind: r.get(7)?,
            })
        },
    )?;
    Ok(Collection {
        crt_secs,
        notetypes,
        decks,
        notes,
        cards,
        revlog,
    })
}

fn read_notetypes(conn: &Connection) -> Result<Vec<Notetype>, String> {
    let bad = |what: String| move |e: proto::ProtoError| format!("{what}: {e}");
    let types = query(
        conn,
        "SELECT id, name, mtime_secs, config FROM notetypes ORDER BY id",
        |r| {
            let id: i64 = r.get(0)?;
            Ok((
                id,
                text(r, 1, &|| format!("the name of note type {id}"))?,
                r.get::<_, i64>(2)?,
                r.get::<_, Vec<u8>>(3)?,
            ))
        },
    )?;
    let fields = query(
        conn,
        "SELECT ntid, name FROM fields ORDER BY ntid, ord",
        |r| {
            let id: i64 = r.get(0)?;
            Ok((
                id,
                text(r, 1, &|| format!("a field name of note type {id}"))?,
            ))
        },
    )?;
    let templates = query(
        conn,
        "SELECT ntid, name, config FROM templates ORDER BY ntid, ord",
        |r| {
            let id: i64 = r.get(0)?;
            Ok((
                id,
                text(r, 1, &|| format!("a template name of note type {id}"))?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        },
    )?;
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
    query(conn, "SELECT id, name FROM decks ORDER BY id", |r| {
        let id: i64 = r.get(0)?;
        Ok(Deck {
            id,
            name: text(r, 1, &|| format!("the name of deck {id}"))?
                .replace(NATIVE_DECK_SEPARATOR, anki::HIERARCHY),
        })
    })
}
