//! A full disk: an answer that cannot be written is reported as not saved,
//! the session stops with a non-zero exit, and nothing is half-written.
//! The disk fills up through a file-size limit (RLIMIT_FSIZE) on the recall
//! process: past it, writes fail with EFBIG, as on a full disk.

use crate::env::{recall_process, TestEnv};

/// Room for the collection to be opened and a few answers committed to the
/// write-ahead log, not for the hundreds below.
const FILE_SIZE_LIMIT: libc::rlim_t = 48 * 1024;
const ANSWERS: usize = 300;

#[test]
fn an_answer_that_cannot_be_written_is_not_saved_and_ends_the_session() {
    let env = TestEnv::new();
    env.compile_small();
    let mut cmd = recall_process(&env.db(), &env.now, &["review"]);
    // A write past the limit must fail with EFBIG, not kill the process.
    crate::env::limit_file_size(&mut cmd, FILE_SIZE_LIMIT);
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // Grade 1: every card comes back, so the session outlasts the disk.
        // The session may stop reading early; a broken pipe is expected.
        let _ = stdin.write_all("\n1\n".repeat(ANSWERS).as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: not saved: answer 1 to card "),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: every answer acknowledged with `saved` is kept"),
        "{stderr}"
    );
    assert!(!stdout.contains("Session over"), "{stdout}");
    let acked = stdout.lines().filter(|l| l.starts_with("saved ")).count();
    assert!(acked < ANSWERS, "the limit never bit");

    // Without the limit: the log holds exactly the acknowledged answers.
    let out = env.ok(&["check"]);
    assert!(
        out.starts_with(&format!("ok: 7 cards, {acked} log rows")),
        "{out}"
    );
}
