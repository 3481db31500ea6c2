//! `--git`: the shared folder as a git clone; pull before, commit and push
//! this device's folder after.

use super::DEVICES;
use crate::error::{Error, Result};
use crate::synclog::DeviceId;
use std::path::Path;
use std::process::Command;

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
pub(super) fn git_pull(dir: &Path) -> Result<()> {
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
pub(super) fn git_publish(dir: &Path, device: &DeviceId, pushed: u64) -> Result<()> {
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
