//! A live `recall review` process driven through its line prompter, for the
//! crash and concurrency tests.

use crate::env::recall_process;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A guard against a hung session, not a timing assertion.
const HANG: Duration = Duration::from_secs(60);

/// One running `recall review`, its stdout read line by line on a thread.
pub struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    reader: Option<JoinHandle<()>>,
    /// Grades sent, and grades whose `saved` line was seen, in order.
    pub sent: usize,
    pub acked: Vec<u8>,
}

impl Session {
    pub fn start(db: &Path, now: &str) -> Session {
        let mut child = recall_process(db, now, &["review"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        let reader = thread::spawn(move || {
            for line in stdout.lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Session {
            stdin: child.stdin.take(),
            child,
            lines,
            reader: Some(reader),
            sent: 0,
            acked: Vec::new(),
        }
    }

    fn note(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("saved ") {
            self.acked.push(rest.as_bytes()[0] - b'0');
        }
    }

    /// Sends raw input; false once the session has gone.
    pub fn send(&mut self, text: &str) -> bool {
        let Some(stdin) = self.stdin.as_mut() else {
            return false;
        };
        stdin.write_all(text.as_bytes()).is_ok() && stdin.flush().is_ok()
    }

    /// Answers the current card (Enter reveals a basic card or submits an
    /// empty typed answer; then the grade) and waits for its `saved` line.
    /// False when the session ended instead.
    pub fn answer(&mut self, grade: u8) -> bool {
        if !self.send(&format!("\n{grade}\n")) {
            return false;
        }
        self.sent += 1;
        let want = self.acked.len() + 1;
        while self.acked.len() < want {
            match self.lines.recv_timeout(HANG) {
                Ok(line) => self.note(&line),
                Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => panic!("recall review hung"),
            }
        }
        true
    }

    /// SIGKILL, then every line printed before it. Returns whether the
    /// process was still running when killed.
    pub fn kill(mut self) -> (bool, usize, Vec<u8>) {
        let was_running = self.child.try_wait().unwrap().is_none();
        self.child.kill().unwrap();
        self.finish(was_running)
    }

    /// Closes stdin (the session ends as at end of input) and waits.
    /// Returns `killed` as given, the grades sent and those acknowledged.
    pub fn finish(mut self, killed: bool) -> (bool, usize, Vec<u8>) {
        self.end();
        (killed, self.sent, std::mem::take(&mut self.acked))
    }

    /// Ends the session at end of input; whether it exited with success, and
    /// the acknowledged grades.
    pub fn quit(mut self) -> (bool, Vec<u8>) {
        let success = self.end();
        (success, std::mem::take(&mut self.acked))
    }

    fn end(&mut self) -> bool {
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        while let Ok(line) = self.lines.try_recv() {
            self.note(&line);
        }
        status.success()
    }
}

pub fn spin(micros: u64) {
    thread::sleep(Duration::from_micros(micros));
}
