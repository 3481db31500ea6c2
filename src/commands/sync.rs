//! `recall sync DIR [--git] [--new-device-id]`: publish this device's new events as one
//! segment under `DIR/devices/<id>/`, then merge every other device's
//! events not seen yet (docs/sync.md). Only this device's folder is ever
//! written, each file once (temp file, fsync, rename), so a file-sync tool
//! or git never has a conflict. The collection is written in one
//! transaction, after the folder: a sync that fails changes nothing in it.

use super::Ctx;
use crate::cli::SyncArgs;
use crate::error::{Error, Result};
use crate::store::{Incoming, MergeReport, Store};
use crate::synclog::{
    clock_went_back, parse_segment, render_segment, segment_name, DeviceId, Fault, SyncEvent,
};
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of the devices' folders, inside DIR.
const DEVICES: &str = "devices";
/// Prefix of a segment being written; never read, removed by its device.
const TEMP_PREFIX: &str = ".tmp-";

pub fn run(args: &SyncArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let mut device = store.device_id()?;
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::advice(
            format!("{} is not a folder", dir.display()),
            "create the shared folder first (Syncthing, Dropbox or a git clone); docs/sync.md",
        ));
    }
    if args.git {
        git_pull(dir)?;
    }
    let devices = dir.join(DEVICES);
    let mut warnings = Vec::new();
    let renamed_from = if args.new_device_id {
        let old = device.clone();
        check_all_published(&store, &old, &devices.join(old.as_str()), dir)?;
        device = store.renew_device_id()?;
        Some(old)
    } else {
        None
    };
    let own_dir = devices.join(device.as_str());
    let published = read_device(&own_dir, &device, 0, &mut warnings)?;
    let pushed = push(&store, &device, &own_dir, &published)?;
    let seen = store.seen()?;
    let mut incoming = Vec::new();
    let mut pulled: HashMap<DeviceId, u64> = HashMap::new();
    for (other, path) in other_devices(&devices, &device, &mut warnings)? {
        let hw = seen.get(&other).copied().unwrap_or(0);
        let read = read_device(&path, &other, hw, &mut warnings)?;
        let new: Vec<Incoming> = read
            .events
            .into_iter()
            .filter(|i| i.event.id.seq > hw)
            .collect();
        if !new.is_empty() {
            pulled.insert(other, u64::try_from(new.len()).unwrap_or(u64::MAX));
        }
        incoming.extend(new);
    }
    let report = store.merge(incoming)?;
    warnings.extend(report.warnings.iter().cloned());
    if args.git {
        git_publish(dir, &device, pushed)?;
    }
    let summary = Summary {
        device,
        renamed_from,
        pulled,
        pushed,
        report,
        warnings,
    };
    if args.json {
        ctx.println(&super::to_json(&summary.json()))
    } else {
        ctx.print(&summary.text())
    }
}

/// What a sync did, for the user.
struct Summary {
    device: DeviceId,
    /// The id this collection had before `--new-device-id`.
    renamed_from: Option<DeviceId>,
    pulled: HashMap<DeviceId, u64>,
    pushed: u64,
    report: MergeReport,
    warnings: Vec<String>,
}

impl Summary {
    fn pulled_events(&self) -> u64 {
        self.pulled.values().sum()
    }

    fn text(&self) -> String {
        let devices = self.pulled.len();
        let mut out = format!(
            "pulled {} events from {devices} device{}, pushed {}, {} card{} changed\n",
            self.pulled_events(),
            if devices == 1 { "" } else { "s" },
            self.pushed,
            self.report.cards_changed.len(),
            if self.report.cards_changed.len() == 1 {
                ""
            } else {
                "s"
            },
        );
        if let Some(old) = &self.renamed_from {
            out.push_str(&format!(
                "this collection is now device {} (it was {old}, whose events it keeps as {old}'s)\n",
                self.device
            ));
        }
        if self.report.pending > 0 {
            out.push_str(&format!(
                "{} events wait for their card or the event they undo (kept; the next sync applies them)\n",
                self.report.pending
            ));
        }
        for w in &self.warnings {
            out.push_str(&format!("warning: {w}\n"));
        }
        out
    }

    fn json(&self) -> serde_json::Value {
        let mut from: Vec<_> = self.pulled.iter().collect();
        from.sort();
        json!({
            "device": self.device.as_str(),
            "renamed_from": self.renamed_from.as_ref().map(DeviceId::as_str),
            "pulled": self.pulled_events(),
            "pulled_from": from.into_iter().map(|(d, n)| json!({"device": d.as_str(), "events": n})).collect::<Vec<_>>(),
            "pushed": self.pushed,
            "applied": self.report.applied,
            "applied_from_pending": self.report.from_pending,
            "pending": self.report.pending,
            "already_seen": self.report.already_seen,
            "cards_changed": self.report.cards_changed.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "warnings": self.warnings,
        })
    }
}

/// A device's folder, read: its events in sequence, from 1 without gaps
/// (as far as they go), and the last sequence number.
struct DeviceLog {
    events: Vec<Incoming>,
    last: u64,
}

/// The other devices' folders under `devices`, by id.
fn other_devices(
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
fn read_device(
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
fn push(store: &Store, device: &DeviceId, own_dir: &Path, published: &DeviceLog) -> Result<u64> {
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
fn check_all_published(store: &Store, device: &DeviceId, own_dir: &Path, dir: &Path) -> Result<()> {
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

/// Runs `git -C dir args…`; its stdout, or an error with what git said.
fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            Error::advice(
                format!("cannot run git in {}: {e}", dir.display()),
                "install git, or sync the folder by other means and run `recall sync DIR` without --git",
            )
        })
}

fn git_ok(dir: &Path, args: &[&str]) -> Result<String> {
    let out = git(dir, args)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(Error::advice(
            format!(
                "git {} failed in {}: {}",
                args.join(" "),
                dir.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            "fix the clone (its remote, credentials, a rebase in progress), then sync again; the collection keeps what it has and the next sync picks up",
        ))
    }
}

/// The branch checked out and whether `origin` exists.
fn git_branch(dir: &Path) -> Result<(String, bool)> {
    let branch = git_ok(dir, &["symbolic-ref", "--short", "HEAD"])?;
    let remotes = git_ok(dir, &["remote"])?;
    Ok((branch, remotes.lines().any(|r| r == "origin")))
}

/// Brings in the other devices' commits. Devices write disjoint files, so
/// the rebase has nothing to resolve.
fn git_pull(dir: &Path) -> Result<()> {
    let (branch, has_origin) = git_branch(dir)?;
    if !has_origin {
        return Ok(());
    }
    let heads = git(
        dir,
        &["ls-remote", "--exit-code", "--heads", "origin", &branch],
    )?;
    if heads.status.success() {
        git_ok(dir, &["pull", "--rebase", "--quiet", "origin", &branch])?;
    }
    Ok(())
}

/// Commits this device's folder when it holds anything uncommitted (also
/// what a sync that failed before its commit wrote), and pushes.
fn git_publish(dir: &Path, device: &DeviceId, pushed: u64) -> Result<()> {
    let (branch, has_origin) = git_branch(dir)?;
    let own = format!("{DEVICES}/{device}");
    if dir.join(&own).is_dir() {
        git_ok(dir, &["add", "--", &own])?;
        let staged = git(dir, &["diff", "--cached", "--quiet", "--", &own])?;
        if !staged.status.success() {
            let message = format!("recall sync: device {device} (+{pushed} events)");
            git_ok(dir, &["commit", "--quiet", "-m", &message, "--", &own])?;
        }
    }
    // A branch with no commit yet (nothing logged, nothing pulled) has nothing to push.
    let born = git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"])?
        .status
        .success();
    if has_origin && born {
        git_ok(dir, &["push", "--quiet", "origin", &branch])?;
    }
    Ok(())
}
