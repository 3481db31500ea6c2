//! Reading the learner's text files (roadmaps, decks): valid UTF-8, and
//! bounded, so a runaway file (a 100 MB line, a binary, `/dev/zero`) is
//! refused at the line where it runs away after reading at most
//! [`MAX_FILE_BYTES`], instead of filling memory and the collection.

use crate::deck::DeckError;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// The largest deck or roadmap file read (the bundled ones are under 50 KiB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The longest line, in bytes: deck lines are text for people.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// How much is read at a time.
const CHUNK_BYTES: usize = 64 * 1024;

fn position(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn refuse(name: &str, line: usize, col: usize, message: String, hint: &str) -> Error {
    Error::Deck(DeckError {
        path: name.to_string(),
        line: position(line),
        col: position(col),
        message,
        hint: hint.into(),
    })
}

/// Reads the file at `path` as UTF-8 text within the limits.
pub fn read_source(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let read_error = |source| Error::Read {
        path: name.clone(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    read_bounded(file, &name)
}

/// Reads `input` (named `name` in errors) as UTF-8 text of at most
/// [`MAX_FILE_BYTES`] with lines of at most [`MAX_LINE_BYTES`].
pub fn read_bounded(mut input: impl Read, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; CHUNK_BYTES];
    let (mut line, mut line_len) = (1usize, 0usize);
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(Error::Read {
                    path: name.to_string(),
                    source,
                })
            }
        };
        let chunk = &chunk[..n];
        for &b in chunk {
            if b == b'\n' {
                line += 1;
                line_len = 0;
                continue;
            }
            line_len += 1;
            if line_len > MAX_LINE_BYTES {
                return Err(refuse(
                    name,
                    line,
                    1,
                    format!("line {line} is longer than {MAX_LINE_BYTES} bytes"),
                    "deck and roadmap lines are text for people: break the line up (is this a generated or binary file?)",
                ));
            }
        }
        if bytes.len() + n > MAX_FILE_BYTES {
            return Err(refuse(
                name,
                line,
                1,
                format!("the file is larger than {} MiB", MAX_FILE_BYTES >> 20),
                "split it into several deck files",
            ));
        }
        bytes.extend_from_slice(chunk);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        refuse(
            name,
            line,
            col,
            "the file is not valid UTF-8".into(),
            "save the file as UTF-8",
        )
    })?;
    // Text with a NUL in it is a binary file, or one saved in UTF-16.
    if let Some(at) = text.find('\0') {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(refuse(
            name,
            line,
            col,
            "NUL byte in the file".into(),
            "roadmaps and decks are plain UTF-8 text: remove the NUL byte (is this a binary or UTF-16 file?)",
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, Repeat};

    fn message(result: Result<String>) -> String {
        match result {
            Err(Error::Deck(e)) => e.to_string(),
            other => panic!("expected a deck error, got {other:?}"),
        }
    }

    #[test]
    fn text_within_the_limits_reads_unchanged() {
        let text = "# T\n\nQ: café?\nA: yes\n";
        assert_eq!(read_bounded(text.as_bytes(), "d.md").unwrap(), text);
        let longest = "x".repeat(MAX_LINE_BYTES) + "\n";
        assert_eq!(read_bounded(longest.as_bytes(), "d.md").unwrap(), longest);
    }

    #[test]
    fn a_runaway_line_is_refused_where_it_runs_away() {
        let text = format!("a\nb\n{}", "x".repeat(MAX_LINE_BYTES + 1));
        assert_eq!(
            message(read_bounded(text.as_bytes(), "d.md")),
            "d.md:3:1: line 3 is longer than 65536 bytes"
        );
    }

    #[test]
    fn an_endless_stream_stops_at_the_first_line_limit() {
        let endless: io::Take<Repeat> = io::repeat(b'z').take(u64::MAX);
        assert!(message(read_bounded(endless, "/dev/zero")).contains("longer than"));
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused() {
        let line = "y".repeat(1023) + "\n";
        let text = line.repeat(MAX_FILE_BYTES / 1024 + 1);
        assert!(message(read_bounded(text.as_bytes(), "big.md")).contains("larger than 16 MiB"));
    }

    #[test]
    fn a_nul_byte_is_refused_at_its_character() {
        let text = "ok\nQ: café\0\n";
        assert_eq!(
            message(read_bounded(text.as_bytes(), "d.md")),
            "d.md:2:8: NUL byte in the file"
        );
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let bytes = b"ok\nQ: caf\xff\n";
        assert_eq!(
            message(read_bounded(&bytes[..], "d.md")),
            "d.md:2:7: the file is not valid UTF-8"
        );
    }
}
