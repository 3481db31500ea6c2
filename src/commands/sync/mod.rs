//! `recall sync DIR [--git] [--new-device-id]`: publish this device's new events as one
//! segment under `DIR/devices/<id>/`, then merge every other device's
//! events not seen yet (docs/sync.md). Only this device's folder is ever
//! written, each file once (temp file, fsync, rename), so a file-sync tool
//! or git never has a conflict. The collection is written in one
//! transaction, after the folder: a sync that fails changes nothing in it.

mod folder;
mod git;

use super::Ctx;
use crate::cli::SyncArgs;
use crate::error::{Error, Result};
use crate::store::{Incoming, MergeReport};
use crate::synclog::DeviceId;
use folder::{check_all_published, other_devices, push, read_device};
use git::{git_publish, git_pull};
use serde_json::json;
use std::collections::HashMap;

/// The folder of the devices' folders, inside DIR.
const DEVICES: &str = "devices";

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
