//! Backups: a consistent copy of the collection, made with `VACUUM INTO`
//! (one read snapshot, so other connections may keep writing meanwhile),
//! written under a temporary name, synced and then linked into place: a backup
//! file is either whole or absent, and an existing file is never overwritten.
//!
//! Automatic backups go to `backups/` beside the collection before anything
//! that rewrites much at once: a migration, an import, a repair. The newest
//! [`KEEP_BACKUPS`] automatic ones are kept; manual ones (`recall backup`) are
//! never deleted. An importer calls [`Store::auto_backup`] with
//! [`BackupReason::Import`] before its transaction.

use super::error::sql_error;
use super::{Store, StoreError};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept per collection.
pub const KEEP_BACKUPS: usize = 5;

/// The directory beside the collection that holds its backups.
const BACKUP_DIR: &str = "backups";

/// Backup files end in this, after `<stem>.<seq>.<reason>`.
const BACKUP_EXT: &str = "sqlite";

/// Written first, renamed when whole.
const PARTIAL_EXT: &str = "partial";

const VACUUM_INTO: &str = include_str!("sql/backup/vacuum_into.sql");

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    /// `recall backup` without `-o`.
    Manual,
    Migration,
    Import,
    Repair,
}

impl BackupReason {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Migration => "before-migration",
            BackupReason::Import => "before-import",
            BackupReason::Repair => "before-repair",
        }
    }

    fn is_automatic(self) -> bool {
        self != BackupReason::Manual
    }

    fn parse(s: &str) -> Option<BackupReason> {
        [
            BackupReason::Manual,
            BackupReason::Migration,
            BackupReason::Import,
            BackupReason::Repair,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Where the backups of the collection at `collection` go.
pub fn backup_dir(collection: &Path) -> PathBuf {
    collection
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(BACKUP_DIR)
}

/// A backup's sequence number and reason, from its file name
/// `<stem>.<seq>.<reason>.sqlite`; `None` for any other file.
fn parse_name(name: &str, stem: &str) -> Option<(u64, BackupReason)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('.')?
        .strip_suffix(BACKUP_EXT)?
        .strip_suffix('.')?;
    let (seq, reason) = rest.split_once('.')?;
    if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((seq.parse().ok()?, BackupReason::parse(reason)?))
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The backups of `stem` in `dir`, oldest first.
fn list(dir: &Path, stem: &str) -> Result<Vec<(u64, BackupReason, PathBuf)>, StoreError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let name = entry.file_name();
        if let Some((seq, reason)) = name.to_str().and_then(|n| parse_name(n, stem)) {
            found.push((seq, reason, entry.path()));
        }
    }
    found.sort_by_key(|(seq, _, _)| *seq);
    Ok(found)
}

/// Flushes a directory entry (a new or renamed file) to disk.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))
}

/// A partial backup file, removed when dropped unless [`Partial::remove`]
/// was called (which reports a failure to remove it).
struct Partial<'a>(Option<&'a Path>);

impl Partial<'_> {
    fn remove(mut self) -> Result<(), StoreError> {
        match self.0.take() {
            Some(path) => fs::remove_file(path).map_err(io_error(path)),
            None => Ok(()),
        }
    }
}

impl Drop for Partial<'_> {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            // An error path already has its error to report; a file that
            // never got written has nothing to remove.
            let _ = fs::remove_file(path);
        }
    }
}

impl Store {
    /// Writes a consistent copy of the collection to `dest`, which must not
    /// exist yet, not even as a symlink (dangling or not: it is never
    /// followed). On every failure the partial copy is removed.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::Exists {
                path: dest.to_path_buf(),
            });
        }
        let mut partial = dest.as_os_str().to_owned();
        partial.push(format!(".{PARTIAL_EXT}"));
        let partial = PathBuf::from(partial);
        // Left over from a backup that was killed halfway: never a backup.
        if fs::symlink_metadata(&partial).is_ok() {
            fs::remove_file(&partial).map_err(io_error(&partial))?;
        }
        let target = partial.to_str().ok_or_else(|| StoreError::Io {
            path: partial.clone(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "the path is not UTF-8"),
        })?;
        let guard = Partial(Some(&partial));
        // A write that fails is a failure of the copy: name it, not the collection.
        self.db()
            .conn
            .execute(VACUUM_INTO, [target])
            .map_err(|e| sql_error(dest, format!("cannot back up to {}", dest.display()), e))?;
        fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&partial))?;
        // A hard link, unlike a rename, refuses to replace a file that
        // appeared meanwhile.
        fs::hard_link(&partial, dest).map_err(io_error(dest))?;
        guard.remove()?;
        if let Some(dir) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(dir)?;
        }
        Ok(())
    }

    /// Backs the collection up into [`backup_dir`] as
    /// `<stem>.<seq>.<reason>.sqlite` and, for automatic backups, deletes all
    /// but the newest [`KEEP_BACKUPS`] automatic ones. Returns the new file,
    /// or `None` for an in-memory collection.
    pub fn auto_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>, StoreError> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let dir = backup_dir(path);
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let stem = path
            .file_stem()
            .map_or_else(|| "collection".into(), |s| s.to_string_lossy());
        let existing = list(&dir, &stem)?;
        let seq = existing.last().map_or(1, |(seq, _, _)| seq + 1);
        let dest = dir.join(format!("{stem}.{seq:04}.{}.{BACKUP_EXT}", reason.as_str()));
        self.backup_to(&dest)?;
        if reason.is_automatic() {
            let automatic: Vec<&PathBuf> = existing
                .iter()
                .filter(|(_, r, _)| r.is_automatic())
                .map(|(_, _, p)| p)
                .collect();
            // The new backup is one of the kept ones.
            let excess = (automatic.len() + 1).saturating_sub(KEEP_BACKUPS);
            for old in automatic.into_iter().take(excess) {
                fs::remove_file(old).map_err(io_error(old))?;
            }
        }
        Ok(Some(dest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_parse_back() {
        let table = [
            (
                "collection.0001.manual.sqlite",
                Some((1, BackupReason::Manual)),
            ),
            (
                "collection.0012.before-repair.sqlite",
                Some((12, BackupReason::Repair)),
            ),
            (
                "collection.12345.before-import.sqlite",
                Some((12345, BackupReason::Import)),
            ),
            ("collection.0001.manual.sqlite.partial", None),
            ("collection.0001.whatever.sqlite", None),
            ("collection.x1.manual.sqlite", None),
            ("other.0001.manual.sqlite", None),
            ("collection.sqlite", None),
        ];
        for (name, expected) in table {
            assert_eq!(parse_name(name, "collection"), expected, "{name}");
        }
    }

    #[test]
    fn backup_dir_is_beside_the_collection() {
        assert_eq!(
            backup_dir(Path::new("/a/b/c.sqlite")),
            PathBuf::from("/a/b/backups")
        );
        assert_eq!(
            backup_dir(Path::new("c.sqlite")),
            PathBuf::from("./backups")
        );
    }
}
