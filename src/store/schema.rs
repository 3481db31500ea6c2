//! The schema and its migrations, and the checks that run before anything
//! writes to a file: is it ours, and is it not newer than this binary.

use super::error::{sql_error, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::time::Duration;

/// `PRAGMA application_id` of a recall collection: "RECL" in ASCII.
pub const APPLICATION_ID: i64 = 0x5245_434C;

/// Append-only: a released migration is never edited, only followed by a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("sql/migrations/001_init.sql"),
    include_str!("sql/migrations/002_card_tags.sql"),
    include_str!("sql/migrations/003_milestones.sql"),
    include_str!("sql/migrations/004_import_event.sql"),
    include_str!("sql/migrations/005_undo_targets.sql"),
    include_str!("sql/migrations/006_anki_identity.sql"),
    include_str!("sql/migrations/007_card_keys.sql"),
    include_str!("sql/migrations/008_event_origin.sql"),
    include_str!("sql/migrations/009_day_stats.sql"),
    include_str!("sql/migrations/010_new_cards.sql"),
    include_str!("sql/migrations/011_exact.sql"),
    include_str!("sql/migrations/012_fsrs_store_memory.sql"),
    include_str!("sql/migrations/013_import_memory.sql"),
    include_str!("sql/migrations/014_bulk_append.sql"),
    include_str!("sql/migrations/015_checks_without_in_lists.sql"),
];

/// The newest schema version (`PRAGMA user_version`) this binary reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Whether opening a file found as `found` will run migrations on it, so a
/// backup comes first. A new (empty) file has nothing to lose.
pub(crate) fn needs_backup(found: Found, target: i64) -> bool {
    matches!(found, Found::Collection(version) if version < target)
}

/// How long a write waits for another writer before giving up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn migrations(steps: &[&'static str]) -> Migrations<'static> {
    Migrations::new(steps.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version after `steps`.
pub(crate) fn version_of(steps: &[&str]) -> i64 {
    i64::try_from(steps.len()).unwrap_or(i64::MAX)
}

/// What an existing file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// An empty database (or an empty file): ours to initialise.
    Empty,
    /// A recall collection at this schema version (≤ [`SCHEMA_VERSION`]).
    Collection(i64),
}

/// Reads the header and the schema table only: nothing here writes, so a file
/// that is refused stays byte-identical. `supported` is the newest version
/// this binary knows.
pub(crate) fn inspect(conn: &Connection, path: &Path, supported: i64) -> Result<Found, StoreError> {
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |row| row.get(0))
            .map_err(|e| sql_error(path, format!("cannot read {}", path.display()), e))
    };
    let application_id = read(include_str!("sql/schema/application_id.sql"))?;
    let version = read(include_str!("sql/schema/user_version.sql"))?;
    let objects = read(include_str!("sql/schema/object_count.sql"))?;
    match application_id {
        APPLICATION_ID if version > supported => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        }),
        APPLICATION_ID => Ok(Found::Collection(version)),
        0 if version == 0 && objects == 0 => Ok(Found::Empty),
        _ => Err(StoreError::NotACollection {
            path: path.to_path_buf(),
        }),
    }
}

/// Per-connection settings; `journal_mode` is the first thing that may write.
pub(crate) fn configure(conn: &Connection, path: &Path, on_disk: bool) -> Result<(), StoreError> {
    let fail = |e| sql_error(path, format!("cannot configure {}", path.display()), e);
    conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(fail)?;
    if on_disk {
        let mode: String = conn
            .query_row(include_str!("sql/schema/journal_mode_wal.sql"), [], |row| {
                row.get(0)
            })
            .map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite {
                context: format!("cannot switch {} to WAL (got {mode})", path.display()),
                source: rusqlite::Error::InvalidQuery,
            });
        }
    }
    // FULL: a commit is on disk before `record*` returns, even in WAL mode.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(fail)?;
    Ok(())
}

/// Brings the schema to the version after `steps` in one transaction.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &Path,
    steps: &[&'static str],
) -> Result<(), StoreError> {
    migrations(steps).to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { query, err } => sql_error(
            path,
            format!("cannot migrate {} ({query})", path.display()),
            err,
        ),
        other => StoreError::Migration {
            path: path.to_path_buf(),
            source: other,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations(MIGRATIONS).validate().is_ok());
        assert_eq!(SCHEMA_VERSION, 15);
    }

    #[test]
    fn fresh_database_inspects_as_empty_and_migrates_to_a_collection() {
        let mut conn = Connection::open_in_memory().unwrap();
        let path = Path::new(":memory:");
        assert_eq!(inspect(&conn, path, SCHEMA_VERSION).unwrap(), Found::Empty);
        migrate(&mut conn, path, MIGRATIONS).unwrap();
        assert_eq!(
            inspect(&conn, path, SCHEMA_VERSION).unwrap(),
            Found::Collection(SCHEMA_VERSION)
        );
    }

    /// Migration 015: SQLite builds a B-tree of a CHECK's IN list for every
    /// row written, so no table of a collection has one; and the rewritten
    /// constraints still refuse what the lists refused.
    #[test]
    fn no_check_has_an_in_list_and_the_rewritten_ones_still_refuse() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:"), MIGRATIONS).unwrap();
        let with_lists: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '% IN (%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(with_lists, Vec::<String>::new());
        // A fresh connection reads the edited schema, as another process would.
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut conn = Connection::open(file.path()).unwrap();
        migrate(&mut conn, file.path(), MIGRATIONS).unwrap();
        drop(conn);
        let conn = Connection::open(file.path()).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        conn.execute_batch(
            "INSERT INTO cards (id, kind, deck, topic, ord, prompt, answer, alternatives,
                                case_sensitive, source_path, source_line, added_ms, updated_ms)
             VALUES (1, 'basic', 'd', '1', 1, 'p', 'a', '[]', 0, 'f', 1, 0, 0)",
        )
        .unwrap();
        for bad in [
            "INSERT INTO review_log (card_id, at_ms, day, event) VALUES (1, 0, 0, 'forget')",
            "INSERT INTO review_log (card_id, at_ms, day, event, quality, effect, elapsed_ms) VALUES (1, 0, 0, 'answer', 4, 'cram', 0)",
            "UPDATE cards SET retired = 2",
            "UPDATE cards SET kind = 'audio'",
        ] {
            let err = conn.execute_batch(bad).unwrap_err().to_string();
            assert!(err.contains("CHECK constraint failed"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_table_is_strict() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:"), MIGRATIONS).unwrap();
        let mut stmt = conn
            .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
            .unwrap();
        let tables: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tables.len(), 20, "{tables:?}");
        for (name, strict) in tables {
            assert_eq!(strict, 1, "{name} is not STRICT");
        }
    }
}
