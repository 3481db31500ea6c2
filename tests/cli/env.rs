//! A temp collection, a pinned clock and seed, and helpers to run `recall`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The default pinned time of a test: a Wednesday morning in Berlin.
pub const NOW: &str = "2026-11-25T09:00:00+01:00";

pub struct TestEnv {
    pub dir: TempDir,
    pub now: String,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: TempDir::new().expect("temp dir"),
            now: NOW.to_string(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("collection.sqlite")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).expect("write");
        path
    }

    /// `recall --db <temp> --now <pinned> args…`, with no stdin and a pinned seed.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recall").expect("binary");
        cmd.arg("--db")
            .arg(self.db())
            .arg("--now")
            .arg(&self.now)
            .args(args)
            .env("RECALL_SEED", "42")
            .env("NO_COLOR", "1")
            .env_remove("RECALL_DB")
            // No user's config or editor leaks in; tests that want one set it.
            .env_remove("RECALL_CONFIG")
            .env_remove("EDITOR")
            .env("XDG_CONFIG_HOME", self.path("xdg-config"))
            .write_stdin("");
        cmd
    }

    /// Run and return stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run");
        assert!(
            out.status.success(),
            "recall {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Run and return (exit code, stderr), asserting failure.
    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd(args).output().expect("run");
        assert!(!out.status.success(), "recall {args:?} should fail");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    /// Run with a script on stdin (the line prompter).
    pub fn session(&self, args: &[&str], stdin: &str) -> String {
        let out = self
            .cmd(args)
            .write_stdin(stdin.to_string())
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "recall {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// The id of the first card in roadmap order.
    pub fn first_card_id(&self) -> String {
        self.json(&["cards", "--json"])[0]["id"]
            .as_str()
            .expect("card id")
            .to_string()
    }

    pub fn bytes(&self, path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap_or_default()
    }

    /// A small roadmap and deck of our own, so tests don't hang on the bundled content.
    pub fn small_course(&self) -> (PathBuf, PathBuf) {
        let roadmap = self.write("course/roadmap.md", SMALL_ROADMAP);
        let decks = self.path("course/decks");
        self.write("course/decks/stage-1.md", SMALL_DECK);
        (roadmap, decks)
    }

    pub fn compile_small(&self) -> String {
        self.small_course();
        self.compile_course()
    }

    /// Compile `course/roadmap.md` and `course/decks/` as they are now on disk.
    pub fn compile_course(&self) -> String {
        let roadmap = self.path("course/roadmap.md");
        let decks = self.path("course/decks");
        self.ok(&[
            "compile",
            "--roadmap",
            roadmap.to_str().unwrap(),
            decks.to_str().unwrap(),
        ])
    }

    /// The ids of the active cards, in introduction order.
    pub fn card_ids(&self) -> Vec<String> {
        self.json(&["cards", "--json"])
            .as_array()
            .expect("a card list")
            .iter()
            .map(|c| c["id"].as_str().expect("card id").to_string())
            .collect()
    }
}

/// `recall --db <db> --now <now> args…` as a plain process with piped stdio
/// (for sessions driven live, killed, or run under resource limits).
pub fn recall_process(db: &Path, now: &str, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.arg("--db")
        .arg(db)
        .args(["--now", now])
        .args(args)
        .env("RECALL_SEED", "42")
        .env("NO_COLOR", "1")
        .env_remove("RECALL_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    cmd
}

/// `recall --db <db> --now <NOW> args…` in a pseudo-terminal, waiting up to
/// `patience` for each expected output (the machine is shared; a healthy
/// run answers in milliseconds).
pub fn spawn_pty(env: &TestEnv, args: &[&str], patience: std::time::Duration) -> expectrl::Session {
    spawn_pty_with(env, args, &[], patience)
}

/// [`spawn_pty`] with `vars` set in the environment (`PAGER`, say).
pub fn spawn_pty_with(
    env: &TestEnv,
    args: &[&str],
    vars: &[(&str, &str)],
    patience: std::time::Duration,
) -> expectrl::Session {
    let cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
    spawn_in_pty(env, cmd, args, vars, patience)
}

/// [`spawn_pty_with`] run from `cwd` (a directory outside the test's own).
pub fn spawn_pty_at(
    env: &TestEnv,
    cwd: &Path,
    args: &[&str],
    vars: &[(&str, &str)],
    patience: std::time::Duration,
) -> expectrl::Session {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.current_dir(cwd);
    spawn_in_pty(env, cmd, args, vars, patience)
}

/// [`spawn_pty`] in a terminal of `columns` × `rows`, set by the parent
/// before recall starts, so its first screen already has that size.
pub fn spawn_pty_sized(
    env: &TestEnv,
    args: &[&str],
    (columns, rows): (u16, u16),
    patience: std::time::Duration,
) -> expectrl::Session {
    // The pty library sets 80x24 from the parent after the child started,
    // so a size the child set itself could be undone before recall reads
    // it (seen under load). The parent sets the size once the spawn is
    // over, and the child waits for it (up to 10 s; past that recall runs
    // anyway and the test fails on the width).
    let mut cmd = std::process::Command::new("sh");
    cmd.args([
        "-c",
        "i=0; while [ \"$(stty size)\" != \"$2 $1\" ] && [ $i -lt 1000 ]; do \
         sleep 0.01; i=$((i + 1)); done; shift 2; exec \"$@\"",
        "sh",
    ])
    .arg(columns.to_string())
    .arg(rows.to_string())
    .arg(assert_cmd::cargo::cargo_bin("recall"));
    let mut session = spawn_in_pty(env, cmd, args, &[], patience);
    session
        .get_process_mut()
        .set_window_size(columns, rows)
        .expect("set the pty's size");
    session
}

fn spawn_in_pty(
    env: &TestEnv,
    mut cmd: std::process::Command,
    args: &[&str],
    vars: &[(&str, &str)],
    patience: std::time::Duration,
) -> expectrl::Session {
    // A child inherits an ignored SIGHUP (a suite run under `nohup`), and
    // the pty tests send SIGHUP as a dropped terminal would: restore the
    // default here, in the test process, so the child gets it.
    // SAFETY: setting a signal's disposition to its default.
    unsafe {
        libc::signal(libc::SIGHUP, libc::SIG_DFL);
    }
    cmd.arg("--db")
        .arg(env.db())
        .arg("--now")
        .arg(NOW)
        .args(args)
        .env("RECALL_SEED", "42")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("EDITOR")
        .env_remove("RECALL_CONFIG")
        .env_remove("RECALL_DB")
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .envs(vars.iter().copied());
    let mut session = expectrl::Session::spawn(cmd).unwrap();
    session.set_expect_timeout(Some(patience));
    session
}

/// Caps the size of any file `cmd` writes at `bytes` (RLIMIT_FSIZE); a write
/// past it fails with EFBIG instead of killing the process (SIGXFSZ ignored).
pub fn limit_file_size(cmd: &mut std::process::Command, bytes: libc::rlim_t) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

pub const SMALL_ROADMAP: &str = "\
# Rust Roadmap

## Stage 1 — Basics

**Goal:** Write small programs.

1. **Ownership** — moves, borrows
   1.1 Moves.
   1.2 Borrows.
2. **Errors** — `Result`, `?`

**Milestone M1:** A small CLI.
";

pub const SMALL_DECK: &str = "\
---
case: sensitive
---

# Stage 1 — Basics

## 1 Ownership

Q: Stage 1 · Ownership: what does it cover?
A: moves, borrows

Q: What happens to a `String` assigned to another variable?
A: It is moved; the first variable can no longer be used.

### 1.1 Moves

T: Which trait makes assignment copy instead of move?
A: Copy

### 1.2 Borrows

C: A `&mut` borrow is {{exclusive}}; many `&` borrows may be {{shared::adjective}}.

## 2 Errors

Q: Stage 1 · Errors: which ones?
A: Result, ?

T: Which operator propagates an `Err` to the caller?
A: ?
A: question mark
";
