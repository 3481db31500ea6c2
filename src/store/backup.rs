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
//!
//! The collection's media folder (`<db>.media/`, see [`media_dir`]) goes with
//! it, as `<backup>.media/` beside the backup: built under a temporary name and
//! renamed into place before the backup file appears, so a backup is whole with
//! its media or not there at all. Files are copied, not hard-linked: an editor
//! that rewrites a media file in place would change a linked backup too
//! (`fs::copy` clones the extents where the file system can, as on btrfs).

use super::carry::media_dir;
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

/// `path` with `.partial` appended.
fn partial_of(path: &Path) -> PathBuf {
    let mut partial = path.as_os_str().to_owned();
    partial.push(format!(".{PARTIAL_EXT}"));
    PathBuf::from(partial)
}

/// A partial media folder, removed with what is in it when dropped unless
/// [`PartialDir::keep`] was called.
struct PartialDir(Option<PathBuf>);

impl PartialDir {
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for PartialDir {
    fn drop(&mut self) {
        if let Some(dir) = self.0.take() {
            // As for Partial: the error being returned is the one to report.
            let _ = fs::remove_dir_all(dir);
        }
    }
}

/// Copies every file under `from` into the new folder `to`, synced; returns
/// how many files.
fn copy_tree(from: &Path, to: &Path) -> Result<usize, StoreError> {
    fs::create_dir(to).map_err(io_error(to))?;
    let mut files = 0;
    for entry in fs::read_dir(from).map_err(io_error(from))? {
        let entry = entry.map_err(io_error(from))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(io_error(&source))?.is_dir() {
            files += copy_tree(&source, &target)?;
            continue;
        }
        fs::copy(&source, &target).map_err(io_error(&target))?;
        fs::File::open(&target)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&target))?;
        files += 1;
    }
    Ok(files)
}

impl Store {
    /// Writes a consistent copy of the collection to `dest`, which must not
    /// exist yet, not even as a symlink (dangling or not: it is never
    /// followed), with its media folder, if it has one, as
    /// `media_dir(dest)` (which must not exist either). Returns how many
    /// media files went along. On every failure the partial copies are removed.
    pub fn backup_to(&self, dest: &Path) -> Result<usize, StoreError> {
        let media_dest = media_dir(dest);
        for taken in [dest, media_dest.as_path()] {
            if fs::symlink_metadata(taken).is_ok() {
                return Err(StoreError::Exists {
                    path: taken.to_path_buf(),
                });
            }
        }
        let media_partial = partial_of(&media_dest);
        if fs::symlink_metadata(&media_partial).is_ok() {
            fs::remove_dir_all(&media_partial).map_err(io_error(&media_partial))?;
        }
        let media = self
            .path()
            .map(media_dir)
            .filter(|dir| dir.is_dir() && fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()));
        let mut media_guard = PartialDir(None);
        let media_files = match &media {
            None => 0,
            Some(from) => {
                media_guard = PartialDir(Some(media_partial.clone()));
                copy_tree(from, &media_partial)?
            }
        };
        let partial = partial_of(dest);
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
        // The media first: a backup file that is there has its media.
        if media.is_some() {
            fs::rename(&media_partial, &media_dest).map_err(io_error(&media_dest))?;
            media_guard = PartialDir(Some(media_dest.clone()));
        }
        // A hard link, unlike a rename, refuses to replace a file that
        // appeared meanwhile.
        fs::hard_link(&partial, dest).map_err(io_error(dest))?;
        media_guard.keep();
        guard.remove()?;
        if let Some(dir) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(dir)?;
        }
        Ok(media_files)
    }

    /// Backs the collection up into [`backup_dir`] as
    /// `<stem>.<seq>.<reason>.sqlite` and, for automatic backups, deletes all
    /// but the newest [`KEEP_BACKUPS`] automatic ones. Returns the new file,
    /// or `None` for an in-memory collection.
    pub fn auto_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>, StoreError> {
        Ok(self.auto_backup_with_media(reason)?.map(|(path, _)| path))
    }

    /// [`Store::auto_backup`], with how many media files went along.
    pub fn auto_backup_with_media(
        &self,
        reason: BackupReason,
    ) -> Result<Option<(PathBuf, usize)>, StoreError> {
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
        let media_files = self.backup_to(&dest)?;
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
                let media = media_dir(old);
                if media.is_dir() {
                    fs::remove_dir_all(&media).map_err(io_error(&media))?;
                }
            }
        }
        Ok(Some((dest, media_files)))
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
