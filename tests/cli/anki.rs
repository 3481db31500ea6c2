//! The real Anki library for the export tests: a venv with the `anki`
//! package from PyPI, named by `RECALL_ANKI_PYTHON` (CI sets it) or made
//! once under `target/anki-venv/` on first use, so plain `cargo test` works
//! on a fresh machine with Python 3.9+ and PyPI in reach.

use crate::venv::make_venv;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The Anki release the tests are written against.
pub const ANKI_VERSION: &str = "26.9.3";
/// Written into the venv once `anki` is installed, so a half-made venv is redone.
const READY: &str = "recall-anki-ready";

/// The Python that has `anki`; panics with how to provide one.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let found = PYTHON.get_or_init(|| match std::env::var_os("RECALL_ANKI_PYTHON") {
        Some(p) => Ok(PathBuf::from(p)),
        None => make_venv(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("target/anki-venv"),
            READY,
            ANKI_VERSION,
            &[OsStr::new(&format!("anki=={ANKI_VERSION}"))],
        ),
    });
    match found {
        Ok(p) => p,
        Err(e) => panic!(
            "the Anki tests need Python with the `anki` package and could not make one:\n{e}\n\
             Set RECALL_ANKI_PYTHON to a python that has it, e.g.\n  \
             python3 -m venv /tmp/anki && /tmp/anki/bin/pip install anki=={ANKI_VERSION}\n  \
             RECALL_ANKI_PYTHON=/tmp/anki/bin/python cargo test"
        ),
    }
}

/// Runs tests/tools/anki_check.py and parses its JSON.
pub fn check(args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/anki_check.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "anki_check.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("anki_check.py prints JSON")
}
