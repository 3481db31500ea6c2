//! Test-only Python venvs made once under `target/` (the real Anki library,
//! the decks' libraries): made on first use, so plain `cargo test` works on a
//! fresh machine with Python and PyPI in reach; `.ci/run` makes the same ones.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The python of the venv at `dir`, made with `pip install <install>` unless
/// its stamp file `ready` already holds `stamp` (what it was made from), so a
/// half-made venv or a changed list is made again.
pub fn make_venv(
    dir: &Path,
    ready: &str,
    stamp: &str,
    install: &[&OsStr],
) -> Result<PathBuf, String> {
    let python = dir.join("bin/python");
    if std::fs::read_to_string(dir.join(ready)).is_ok_and(|made| made == stamp) {
        return Ok(python);
    }
    let _ = std::fs::remove_dir_all(dir);
    run(Command::new("python3").arg("-m").arg("venv").arg(dir))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(install))?;
    std::fs::write(dir.join(ready), stamp).map_err(|e| e.to_string())?;
    Ok(python)
}
