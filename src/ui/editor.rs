//! Opening a card's source in the learner's editor. A trait, so the review
//! loop can be tested with an editor that edits the file itself.

use std::io;
use std::path::Path;
use std::process::Command;

/// The editor used when `$EDITOR` is unset or blank.
pub const FALLBACK_EDITOR: &str = "vi";

pub trait Editor {
    /// Edit `path` at `line` and return when the editor has closed.
    fn edit(&mut self, path: &Path, line: u32) -> io::Result<()>;
    /// The editor's name, for messages.
    fn name(&self) -> String;
}

/// `$EDITOR +LINE FILE`, the convention vi, vim, nvim, emacs, nano, micro,
/// kakoune and helix all follow. `$EDITOR` may carry arguments (`code -w`).
pub struct ExternalEditor {
    words: Vec<String>,
}

impl ExternalEditor {
    pub fn new(editor: Option<&str>) -> ExternalEditor {
        let words: Vec<String> = editor
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return ExternalEditor {
                words: vec![FALLBACK_EDITOR.to_string()],
            };
        }
        ExternalEditor { words }
    }
}

impl Editor for ExternalEditor {
    fn edit(&mut self, path: &Path, line: u32) -> io::Result<()> {
        let (program, args) = self
            .words
            .split_first()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no editor"))?;
        let status = Command::new(program)
            .args(args)
            .arg(format!("+{}", line.max(1)))
            .arg(path)
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::other(format!("{program} exited with {status}")))
        }
    }

    fn name(&self) -> String {
        self.words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_editor_falls_back_to_vi_and_arguments_are_kept() {
        assert_eq!(ExternalEditor::new(None).name(), "vi");
        assert_eq!(ExternalEditor::new(Some("  ")).name(), "vi");
        assert_eq!(ExternalEditor::new(Some("code  -w")).words, ["code", "-w"]);
    }

    #[test]
    fn the_editor_gets_plus_line_then_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("args");
        let script = dir.path().join("ed.sh");
        std::fs::write(
            &script,
            format!("printf '%s\\n' \"$@\" > {}\n", log.display()),
        )
        .unwrap();
        let mut ed = ExternalEditor::new(Some(&format!("sh {}", script.display())));
        ed.edit(Path::new("deck.md"), 12).unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "+12\ndeck.md\n");
        let mut failing = ExternalEditor::new(Some("false"));
        assert!(failing.edit(Path::new("deck.md"), 1).is_err());
    }
}
