//! Unpacking an Anki package: which collection file it holds (by its `meta`
//! entry, or the legacy names), unpacked to a temp file with a cap on its
//! size whatever the zip claims, zstd-decoded for the current format.
//!
//! The temp file lives in a directory made beside the collection (not in the
//! system's temp directory) and is removed on every way out: an error, the
//! end of the read, or a signal, which sets `cancel` and stops the unpacking
//! and the SQLite read at their next step.

use crate::anki::{media, proto, Collection};
use crate::import::ImportError;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use zip::ZipArchive;

/// The prefix of the temp directory an import unpacks into.
pub const TEMP_PREFIX: &str = ".recall-import-";
/// Bytes copied between two looks at `cancel`.
const COPY_CHUNK: usize = 1 << 16;

/// The most a collection may unpack to. A zip or zstd stream can claim
/// anything and inflate a thousandfold, so reading stops here.
pub const MAX_UNPACKED_BYTES: u64 = 2 << 30;
/// The `meta` entry is a few bytes of protobuf.
const MAX_META_BYTES: u64 = 1 << 10;

/// Media: at most this many files, each at most this large, and together
/// at most [`MAX_UNPACKED_BYTES`]; the `media` map at most this large.
pub const MAX_MEDIA_FILES: usize = 100_000;
pub const MAX_MEDIA_FILE_BYTES: u64 = 256 << 20;
const MAX_MEDIA_MAP_BYTES: u64 = 16 << 20;
/// The first bytes of a zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// `MediaEntries.entries`, `MediaEntry.name`, `MediaEntry.legacy_zip_filename`.
const MEDIA_ENTRIES_FIELD: u64 = 1;
const MEDIA_NAME_FIELD: u64 = 1;
const MEDIA_LEGACY_ZIP_NAME_FIELD: u64 = 255;
const MEDIA_DIR: &str = "media";

const META: &str = "meta";
const LATEST: &str = "collection.anki21b";
const LEGACY2: &str = "collection.anki21";
const LEGACY1: &str = "collection.anki2";
/// `PackageMetadata.version`: 1 and 2 are the legacy layouts, 3 the current one.
const VERSION_FIELD: u64 = 1;
const VERSION_LATEST: u64 = 3;

/// Copies at most `limit` bytes; more is a zip bomb. Stops when `cancel` is set.
fn copy_capped(
    reader: impl Read,
    out: &mut impl Write,
    limit: u64,
    path: &str,
    entry: &str,
    cancel: &AtomicBool,
) -> Result<(), ImportError> {
    let mut reader = reader.take(limit + 1);
    let mut buf = vec![0u8; COPY_CHUNK];
    let mut copied = 0u64;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Interrupted { path: path.into() });
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_error(path, e)),
        };
        out.write_all(&buf[..n]).map_err(|e| io_error(path, e))?;
        copied += n as u64;
    }
    if copied > limit {
        return Err(ImportError::TooLarge {
            path: path.into(),
            entry: entry.into(),
            limit,
        });
    }
    Ok(())
}

fn io_error(path: &str, source: io::Error) -> ImportError {
    ImportError::Io {
        path: path.into(),
        source,
    }
}

/// Which entry holds the collection, and whether it is zstd-compressed.
fn collection_entry(
    zip: &mut ZipArchive<File>,
    path: &str,
) -> Result<(&'static str, bool), ImportError> {
    if let Ok(meta) = zip.by_name(META) {
        let mut bytes = Vec::new();
        let never = AtomicBool::new(false);
        copy_capped(meta, &mut bytes, MAX_META_BYTES, path, META, &never)?;
        let version =
            proto::varint_field(&bytes, VERSION_FIELD).map_err(|e| ImportError::NotAZip {
                path: path.into(),
                reason: format!("its meta entry is unreadable ({e})"),
            })?;
        return match version {
            VERSION_LATEST => Ok((LATEST, true)),
            1 => Ok((LEGACY1, false)),
            2 => Ok((LEGACY2, false)),
            other => Err(ImportError::TooNew {
                path: path.into(),
                version: other,
            }),
        };
    }
    for name in [LEGACY2, LEGACY1] {
        if zip.by_name(name).is_ok() {
            return Ok((name, false));
        }
    }
    Err(ImportError::NoCollection { path: path.into() })
}

/// Reads the collection of the package at `path`, unpacking at most `limit`
/// bytes into a temp directory made in `temp_parent` (the collection's
/// directory; the system's temp directory if that cannot be written). Stops
/// with [`ImportError::Interrupted`] once `cancel` is set. (The import
/// reads card by card: [`open`].)
#[cfg(test)]
pub fn read(
    path: &Path,
    limit: u64,
    temp_parent: &Path,
    cancel: &Arc<AtomicBool>,
) -> Result<Package, ImportError> {
    let name = path.display().to_string();
    let interrupted = |e: ImportError| {
        if cancel.load(Ordering::Relaxed) {
            ImportError::Interrupted { path: name.clone() }
        } else {
            e
        }
    };
    read_in(path, limit, temp_parent, cancel, Whole::Read)
        .map(|opened| opened.package)
        .map_err(interrupted)
}

/// [`read`] without the notes, cards and revlog: the package's collection
/// file stays open (and on disk, in the temp directory) for the import to
/// read card by card ([`crate::anki::read::streamed`]), so its memory does
/// not grow with the collection. The package's `col` holds the rest.
pub fn open(
    path: &Path,
    limit: u64,
    temp_parent: &Path,
    cancel: &Arc<AtomicBool>,
) -> Result<Opened, ImportError> {
    let name = path.display().to_string();
    let interrupted = |e: ImportError| {
        if cancel.load(Ordering::Relaxed) {
            ImportError::Interrupted { path: name.clone() }
        } else {
            e
        }
    };
    read_in(path, limit, temp_parent, cancel, Whole::Leave).map_err(interrupted)
}

/// Whether the collection is read whole.
#[derive(PartialEq, Eq)]
enum Whole {
    Read,
    Leave,
}

/// A package whose collection file is still open ([`open`]). The file is
/// closed before the temp directory goes (the fields drop in this order).
#[derive(Debug)]
pub struct Opened {
    pub file: Option<crate::store::AnkiFile>,
    pub package: Package,
}

fn read_in(
    path: &Path,
    limit: u64,
    temp_parent: &Path,
    cancel: &Arc<AtomicBool>,
    whole: Whole,
) -> Result<Opened, ImportError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| io_error(&name, e))?;
    let mut zip = ZipArchive::new(file).map_err(|e| ImportError::NotAZip {
        path: name.clone(),
        reason: e.to_string(),
    })?;
    let (entry_name, zstd) = collection_entry(&mut zip, &name)?;
    let dir = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempdir_in(temp_parent)
        .or_else(|_| tempfile::Builder::new().prefix(TEMP_PREFIX).tempdir())
        .map_err(|e| io_error(&name, e))?;
    let target = dir.path().join("collection");
    {
        let entry = zip.by_name(entry_name).map_err(|e| ImportError::NotAZip {
            path: name.clone(),
            reason: e.to_string(),
        })?;
        if entry.size() > limit {
            return Err(ImportError::TooLarge {
                path: name,
                entry: entry_name.into(),
                limit,
            });
        }
        let mut out = File::create(&target).map_err(|e| io_error(&name, e))?;
        if zstd {
            let decoder =
                zstd::stream::read::Decoder::new(entry).map_err(|e| io_error(&name, e))?;
            copy_capped(decoder, &mut out, limit, &name, entry_name, cancel)?;
        } else {
            copy_capped(entry, &mut out, limit, &name, entry_name, cancel)?;
        }
    }
    let file = crate::store::AnkiFile::open(&target, &name, Arc::clone(cancel))?;
    let (col, flags) = if whole == Whole::Read {
        (file.read()?, file.read_flags()?)
    } else {
        (file.read_head()?, file.read_flags()?)
    };
    let file = if whole == Whole::Read {
        drop(file);
        std::fs::remove_file(&target).map_err(|e| io_error(&name, e))?;
        None
    } else {
        Some(file)
    };
    let media = read_media(&mut zip, &name, zstd, dir.path(), cancel)?;
    Ok(Opened {
        file,
        package: Package {
            col,
            flags,
            media,
            dir,
        },
    })
}

/// A package as read: its collection, its cards' flags, and its media
/// unpacked into a temp directory that lives as long as the package.
#[derive(Debug)]
pub struct Package {
    pub col: Collection,
    /// Anki card id → `cards.flags`, for the cards that have a flag.
    pub flags: std::collections::HashMap<i64, i64>,
    pub media: Media,
    dir: tempfile::TempDir,
}

impl Package {
    /// The directory holding the unpacked media files, under their names.
    pub fn media_dir(&self) -> std::path::PathBuf {
        self.dir.path().join(MEDIA_DIR)
    }
}

/// The media of a package: the files unpacked, and those left out with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Media {
    pub files: Vec<String>,
    pub refused: Vec<(String, String)>,
}

/// Entry name (`"0"`) → media name, from the `media` entry: JSON in legacy
/// packages, zstd-compressed `MediaEntries` protobuf in current ones.
fn media_map(zip: &mut ZipArchive<File>, path: &str) -> Result<Vec<(String, String)>, ImportError> {
    let Ok(entry) = zip.by_name(crate::anki::carry::MEDIA_ENTRY) else {
        return Ok(Vec::new());
    };
    let mut raw = Vec::new();
    let never = AtomicBool::new(false);
    copy_capped(entry, &mut raw, MAX_MEDIA_MAP_BYTES, path, "media", &never)?;
    let unreadable = |why: String| ImportError::NotAZip {
        path: path.into(),
        reason: format!("its media entry is unreadable ({why})"),
    };
    if !raw.starts_with(&ZSTD_MAGIC) {
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(Vec::new());
        }
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_slice(&raw).map_err(|e| unreadable(e.to_string()))?;
        return Ok(map.into_iter().collect());
    }
    let mut bytes = Vec::new();
    let decoder = zstd::stream::read::Decoder::new(&raw[..]).map_err(|e| io_error(path, e))?;
    copy_capped(
        decoder,
        &mut bytes,
        MAX_MEDIA_MAP_BYTES,
        path,
        "media",
        &never,
    )?;
    let mut out = Vec::new();
    let entries = proto::fields(&bytes).map_err(|e| unreadable(e.to_string()))?;
    for (index, (_, value)) in entries
        .into_iter()
        .filter(|(n, _)| *n == MEDIA_ENTRIES_FIELD)
        .enumerate()
    {
        let proto::Value::Bytes(entry) = value else {
            return Err(unreadable("an entry is not a message".into()));
        };
        let name = proto::string_field(entry, MEDIA_NAME_FIELD)
            .map_err(|e| unreadable(e.to_string()))?
            .ok_or_else(|| unreadable("a name is not UTF-8".into()))?;
        let zip_name = proto::varint_field(entry, MEDIA_LEGACY_ZIP_NAME_FIELD)
            .ok()
            .filter(|&n| n != 0)
            .map_or(index as u64, |n| n);
        out.push((zip_name.to_string(), name));
    }
    Ok(out)
}

/// Unpacks the package's media files into `dir/media`, each under its
/// name: a name that is not a plain file name ([`media::valid_name`]), a
/// second file of one name, or a missing entry is left out, with why; more
/// than [`MAX_MEDIA_FILES`] files, one larger than [`MAX_MEDIA_FILE_BYTES`]
/// or all together larger than [`MAX_UNPACKED_BYTES`] refuse the package.
fn read_media(
    zip: &mut ZipArchive<File>,
    path: &str,
    zstd: bool,
    dir: &Path,
    cancel: &AtomicBool,
) -> Result<Media, ImportError> {
    let map = media_map(zip, path)?;
    if map.len() > MAX_MEDIA_FILES {
        return Err(ImportError::TooLarge {
            path: path.into(),
            entry: format!("media ({} files, more than {MAX_MEDIA_FILES})", map.len()),
            limit: MAX_MEDIA_FILES as u64,
        });
    }
    let out_dir = dir.join(MEDIA_DIR);
    std::fs::create_dir(&out_dir).map_err(|e| io_error(path, e))?;
    let mut media = Media::default();
    let mut total = 0u64;
    for (entry_name, name) in map {
        if !media::valid_name(&name) {
            media.refused.push((
                name,
                "not a plain file name (a path or a control character)".into(),
            ));
            continue;
        }
        if media.files.contains(&name) {
            media
                .refused
                .push((name, "a second file of this name".into()));
            continue;
        }
        let Ok(entry) = zip.by_name(&entry_name) else {
            media
                .refused
                .push((name, format!("the package has no entry {entry_name}")));
            continue;
        };
        let mut bytes = Vec::new();
        copy_capped(entry, &mut bytes, MAX_MEDIA_FILE_BYTES, path, &name, cancel)?;
        if zstd && bytes.starts_with(&ZSTD_MAGIC) {
            let mut plain = Vec::new();
            let decoder =
                zstd::stream::read::Decoder::new(&bytes[..]).map_err(|e| io_error(path, e))?;
            copy_capped(
                decoder,
                &mut plain,
                MAX_MEDIA_FILE_BYTES,
                path,
                &name,
                cancel,
            )?;
            bytes = plain;
        }
        total += bytes.len() as u64;
        if total > MAX_UNPACKED_BYTES {
            return Err(ImportError::TooLarge {
                path: path.into(),
                entry: "media".into(),
                limit: MAX_UNPACKED_BYTES,
            });
        }
        std::fs::write(out_dir.join(&name), &bytes).map_err(|e| io_error(path, e))?;
        media.files.push(name);
    }
    Ok(media)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn read_at(path: &Path, limit: u64) -> Result<Collection, ImportError> {
        let parent = path.parent().unwrap();
        read(path, limit, parent, &Arc::new(AtomicBool::new(false))).map(|p| p.col)
    }

    #[test]
    fn a_cancelled_read_stops_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = zip_with(dir.path(), &[(LEGACY2, &[0u8; 4096])]);
        let err = read(&path, 1 << 20, dir.path(), &Arc::new(AtomicBool::new(true))).unwrap_err();
        assert!(matches!(err, ImportError::Interrupted { .. }), "{err}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with(TEMP_PREFIX))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    fn zip_with(dir: &Path, entries: &[(&str, &[u8])]) -> std::path::PathBuf {
        let path = dir.join("p.apkg");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        for (name, bytes) in entries {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    #[test]
    fn an_entry_bigger_than_the_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = zip_with(dir.path(), &[(LEGACY2, &[0u8; 4096])]);
        let err = read_at(&path, 1024).unwrap_err();
        assert!(
            matches!(err, ImportError::TooLarge { limit: 1024, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_zstd_stream_is_capped_as_it_inflates() {
        // 64 KiB of zeros compress to a few bytes: the header says little,
        // only decoding shows the size.
        let dir = tempfile::tempdir().unwrap();
        let packed = zstd::encode_all(&[0u8; 65_536][..], 3).unwrap();
        let meta = [0x08, 0x03];
        let path = zip_with(dir.path(), &[(META, &meta), (LATEST, &packed)]);
        let err = read_at(&path, 1024).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    }

    #[test]
    fn a_zip_without_a_collection_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = zip_with(dir.path(), &[("media", b"{}")]);
        assert!(matches!(
            read_at(&path, 1024),
            Err(ImportError::NoCollection { .. })
        ));
    }

    /// A legacy package: an empty schema-11 collection and `media`.
    fn package_with_media_map(dir: &Path, map: &str) -> std::path::PathBuf {
        let col = dir.join("c.anki21");
        crate::store::write_empty_anki_file(&col).unwrap();
        let bytes = std::fs::read(&col).unwrap();
        zip_with(
            dir,
            &[(LEGACY2, &bytes), ("media", map.as_bytes()), ("0", b"png")],
        )
    }

    #[test]
    fn more_media_files_than_the_cap_refuse_the_package() {
        let dir = tempfile::tempdir().unwrap();
        let map: serde_json::Map<String, serde_json::Value> = (0..=MAX_MEDIA_FILES)
            .map(|i| (i.to_string(), format!("f{i}.png").into()))
            .collect();
        let map = serde_json::Value::Object(map).to_string();
        let path = package_with_media_map(dir.path(), &map);
        let err = read_at(&path, 1 << 30).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    }

    #[test]
    fn media_are_unpacked_under_their_names_and_bad_names_refused() {
        let dir = tempfile::tempdir().unwrap();
        let map = r#"{"0": "ok.png", "1": "../up.png", "2": "missing.png"}"#;
        let path = package_with_media_map(dir.path(), map);
        let pkg = read(
            &path,
            1 << 30,
            dir.path(),
            &Arc::new(AtomicBool::new(false)),
        )
        .unwrap();
        assert_eq!(pkg.media.files, ["ok.png"]);
        assert_eq!(
            std::fs::read(pkg.media_dir().join("ok.png")).unwrap(),
            b"png"
        );
        let refused: Vec<&str> = pkg.media.refused.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(refused, ["../up.png", "missing.png"]);
    }

    #[test]
    fn a_newer_package_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = zip_with(dir.path(), &[(META, &[0x08, 0x07])]);
        assert!(matches!(
            read_at(&path, 1024),
            Err(ImportError::TooNew { version: 7, .. })
        ));
    }
}
