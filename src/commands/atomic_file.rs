//! Writing a file so that it is either all there or not at all: the bytes go
//! to a temp file beside it, are synced, and the temp file is renamed over
//! the name. Dropped before [`AtomicFile::commit`] (any error on the way),
//! the temp file is removed and nothing changed. Used by `export -o` (which
//! streams into the temp file) and by the deck files `add` and `compile`
//! write.

use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to do when the name is taken when the file is put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace what is there (a symlink is replaced, never followed).
    Yes,
    /// Fail with [`io::ErrorKind::AlreadyExists`].
    No,
}

/// The mode the file gets: a fixed one, or the one the file it replaces had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fixed(u32),
    /// The replaced file's mode, or this one for a new file.
    KeepOr(u32),
}

/// rw-r--r--, as a file written by any other program.
pub const ORDINARY: u32 = 0o644;

/// A file being written beside `path`, put in place by [`AtomicFile::commit`].
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// The directory `path` is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl AtomicFile {
    /// A new temp file in `path`'s directory (which must exist).
    pub fn beside(path: &Path) -> io::Result<AtomicFile> {
        let temp = tempfile::NamedTempFile::new_in(parent_dir(path))?;
        Ok(AtomicFile {
            temp,
            path: path.to_path_buf(),
        })
    }

    /// The temp file, to write into (it can seek, as a zip writer needs).
    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Sets the mode, syncs, and renames the temp file to the name.
    pub fn commit(self, mode: Mode, replace: Replace) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A temp file is private (0600); the file is an ordinary one.
            let mode = match mode {
                Mode::Fixed(m) => m,
                Mode::KeepOr(m) => {
                    std::fs::metadata(&self.path).map_or(m, |m| m.permissions().mode())
                }
            };
            self.temp
                .as_file()
                .set_permissions(Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        self.temp.as_file().sync_all()?;
        match replace {
            Replace::Yes => self.temp.persist(&self.path).map(drop),
            Replace::No => self.temp.persist_noclobber(&self.path).map(drop),
        }
        .map_err(|e| e.error)
    }
}

/// Writes `bytes` to `path` at once (see the module).
pub fn write_atomically(path: &Path, bytes: &[u8], mode: Mode, replace: Replace) -> io::Result<()> {
    let mut file = AtomicFile::beside(path)?;
    file.file().write_all(bytes)?;
    file.commit(mode, replace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_file_appears_whole_and_no_temp_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, b"one", Mode::Fixed(ORDINARY), Replace::No).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let again = write_atomically(&path, b"two", Mode::Fixed(ORDINARY), Replace::No);
        assert_eq!(again.unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"two", Mode::Fixed(ORDINARY), Replace::Yes).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn a_file_dropped_before_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.apkg");
        let mut file = AtomicFile::beside(&path).unwrap();
        file.file().write_all(b"half").unwrap();
        assert_eq!(names(dir.path()).len(), 1, "the temp file is there");
        drop(file);
        assert!(names(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_mode_is_ordinary_or_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.md");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write_atomically(&path, b"a", Mode::KeepOr(ORDINARY), Replace::Yes).unwrap();
        assert_eq!(mode(&path), ORDINARY);
        std::fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"b", Mode::KeepOr(ORDINARY), Replace::Yes).unwrap();
        assert_eq!(mode(&path), 0o600);
        write_atomically(&path, b"c", Mode::Fixed(ORDINARY), Replace::Yes).unwrap();
        assert_eq!(mode(&path), ORDINARY);
    }
}
