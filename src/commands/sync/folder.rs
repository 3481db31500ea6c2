//! This device's folder and the others' under `DIR/devices/`: reading a
//! device's segments in order, and writing this device's new events as one
//! segment (temp file, fsync, rename), never touching another's folder.

use crate::error::{Error, Result};
use crate::store::{Incoming, Store};
use crate::synclog::{
    clock_went_back, parse_segment, render_segment, segment_name, DeviceId, Fault, SyncEvent,
};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of a segment being written; never read, removed by its device.
const TEMP_PREFIX: &str = ".tmp-";

/// A device's folder, read: its events in sequence, from 1 without gaps
/// (as far as they go), and the last sequence number.
pub(super) struct DeviceLog {
    pub(super) events: Vec<Incoming>,
    pub(super) last: u64,
}

/// The other devices' folders under `devices`, by id.
pub(super) fn other_devices(
    devices: &Path,
    own: &DeviceId,
    warnings: &mut Vec<String>,
) -> Result<Vec<(DeviceId, PathBuf)>> {
    let Ok(entries) = std::fs::read_dir(devices) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| read_error(devices, source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        match DeviceId::parse(&name) {
            Some(id) if &id == own => {}
            Some(id) => found.push((id, entry.path())),
            None => warnings.push(format!(
                "{}: not a device folder (its name is not a device id); skipped",
                entry.path().display()
            )),
        }
    }
    found.sort();
    Ok(found)
}

/// Reads a device's segments in order. A fault is reported with its file
/// and line and ends the device's events there, unless the next segment
/// carries on from the last good event; `quiet_to` is the high-water mark
/// (faults and clock warnings at or below it were reported before).
pub(super) fn read_device(
    path: &Path,
    device: &DeviceId,
    quiet_to: u64,
    warnings: &mut Vec<String>,
) -> Result<DeviceLog> {
    let mut log = DeviceLog {
        events: Vec::new(),
        last: 0,
    };
    let Ok(entries) = std::fs::read_dir(path) else {
        return Ok(log);
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| read_error(path, source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name.ends_with(".jsonl") {
            files.push(entry.path());
        }
    }
    files.sort();
    let mut at_before = None;
    for file in files {
        let text = match std::fs::read(&file) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string()),
            Err(e) => return Err(read_error(&file, e)),
        };
        let segment = match text {
            Ok(text) => parse_segment(&text, device),
            Err(why) => {
                warnings.push(format!("{}:1: {why}; skipped", file.display()));
                continue;
            }
        };
        if segment.events.is_empty() && segment.fault.is_none() {
            continue;
        }
        let first = segment
            .events
            .first()
            .map_or(segment.first, |(_, e)| e.id.seq);
        if first > log.last + 1 {
            if segment.first > quiet_to {
                warnings.push(format!(
                    "{}: starts at event {}, but {}-{} is the last one read: the events between have not arrived (the next sync reads on)",
                    file.display(),
                    first,
                    device,
                    log.last
                ));
            }
            break;
        }
        let new: Vec<&(usize, SyncEvent)> = segment
            .events
            .iter()
            .filter(|(_, e)| e.id.seq > log.last)
            .collect();
        for line in clock_went_back(new.iter().copied(), at_before) {
            if new.iter().any(|(l, e)| *l == line && e.id.seq > quiet_to) {
                warnings.push(format!(
                    "{}:{line}: device {device}'s clock went back; its events still sort after the ones before",
                    file.display()
                ));
            }
        }
        for (line, event) in segment.events {
            if event.id.seq > log.last {
                at_before = Some(event.at_ms);
                log.last = event.id.seq;
                log.events.push(Incoming {
                    source: format!("{}:{line}", file.display()),
                    event,
                });
            }
        }
        if let Some(Fault { line, kind }) = segment.fault {
            if log.last >= quiet_to {
                warnings.push(format!(
                    "{}:{line}: {kind}; the events of {device} from there on wait for the next sync",
                    file.display()
                ));
            }
        }
    }
    Ok(log)
}

/// Writes this device's events after the ones already in its folder as one
/// new segment; returns how many. Refuses when the folder holds events this
/// collection did not log: another collection has the same device id.
pub(super) fn push(
    store: &Store,
    device: &DeviceId,
    own_dir: &Path,
    published: &DeviceLog,
) -> Result<u64> {
    let from = published.last.saturating_sub(1);
    let mut events = store.own_events(from)?;
    if published.last > 0 {
        let theirs = published.events.last().map(|i| &i.event);
        let same = matches!((theirs, events.first()), (Some(t), Some(o)) if same_event(t, o));
        if !same {
            return Err(Error::advice(
                format!(
                    "device id collision: {} holds event {device}-{}, which this collection did not log the same way; another collection uses device id {device} (was it copied?)",
                    own_dir.display(),
                    published.last
                ),
                "nothing was changed; give each device its own collection: start the other one empty (`recall compile`) and sync it, which brings in the whole history (docs/sync.md)",
            ));
        }
        events.remove(0);
    }
    if events.is_empty() {
        return Ok(0);
    }
    write_segment(own_dir, device, &events)?;
    Ok(u64::try_from(events.len()).unwrap_or(u64::MAX))
}

/// Whether two copies of an event are the one event a device logged.
fn same_event(theirs: &SyncEvent, ours: &SyncEvent) -> bool {
    theirs.id == ours.id
        && theirs.clock_ms == ours.clock_ms
        && theirs.card == ours.card
        && theirs.kind == ours.kind
        && theirs.at_ms == ours.at_ms
}

/// Before `--new-device-id`: every event this collection logged as `device`
/// must be in `device`'s folder as this collection logged it. Then the other
/// collection with that id and this one agree on all of them, and after the
/// rename this one pulls the other's later events like any device's. An
/// event missing there may be this copy's own or the other's not yet
/// published, and one that differs is both collections' own: either way the
/// ids cannot be told apart, so nothing is changed.
pub(super) fn check_all_published(
    store: &Store,
    device: &DeviceId,
    own_dir: &Path,
    dir: &Path,
) -> Result<()> {
    // Faults in that folder are reported by the sync proper.
    let published = read_device(own_dir, device, u64::MAX, &mut Vec::new())?;
    let ours = store.own_events(0)?;
    let first_apart = ours
        .iter()
        .zip(&published.events)
        .position(|(o, t)| !same_event(&t.event, o));
    if let Some(i) = first_apart {
        return Err(Error::advice(
            format!(
                "cannot give this collection a new device id: {} holds event {}, which this collection logged differently (both collections logged events as {device} after the copy)",
                own_dir.display(),
                ours[i].id
            ),
            "nothing was changed; this copy's events from there cannot be told apart from the other collection's: start this device empty (`recall compile`) and sync it, which brings in the other's whole history (docs/sync.md)",
        ));
    }
    if ours.len() > published.events.len() {
        let first = &ours[published.events.len()].id;
        return Err(Error::advice(
            format!(
                "cannot give this collection a new device id yet: {} of its events as {device} (from {first}) are not in {}",
                ours.len() - published.events.len(),
                own_dir.display()
            ),
            format!(
                "nothing was changed; run `recall sync {}` with the collection that keeps device id {device} first, so that they are there to compare, then run this again",
                dir.display()
            ),
        ));
    }
    Ok(())
}

/// temp file, fsync, rename (never over an existing file), fsync the folder.
fn write_segment(own_dir: &Path, device: &DeviceId, events: &[SyncEvent]) -> Result<()> {
    let write_error = |path: &Path, source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(own_dir).map_err(|e| write_error(own_dir, e))?;
    remove_stale_temp_files(own_dir);
    let first = events.first().map_or(1, |e| e.id.seq);
    let target = own_dir.join(segment_name(first));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".jsonl")
        .tempfile_in(own_dir)
        .map_err(|e| write_error(own_dir, e))?;
    temp.write_all(render_segment(device, events).as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| write_error(temp.path(), e))?;
    temp.persist_noclobber(&target)
        .map_err(|e| write_error(&target, e.error))?;
    std::fs::File::open(own_dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| write_error(own_dir, e))
}

/// Temp files a killed sync left behind in this device's own folder.
fn remove_stale_temp_files(own_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(own_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            // Best effort: a temp file left is never read, only untidy.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.display().to_string(),
        source,
    }
}
