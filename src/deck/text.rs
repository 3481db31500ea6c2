//! Field text gathered from several source lines, remembering where each piece
//! came from so that errors found in the joined text point into the file.

/// One source line's contribution to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    line: u32,
    /// 1-based column of the piece's first character in its line.
    col: u32,
    text: String,
}

/// The text of a prompt, answer or note, as lines joined by `\n`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Text {
    pieces: Vec<Piece>,
}

impl Text {
    pub(super) fn push(&mut self, line: u32, col: u32, text: &str) {
        self.pieces.push(Piece {
            line,
            col,
            text: text.trim_end().to_string(),
        });
    }

    pub(super) fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    pub(super) fn joined(&self) -> String {
        let texts: Vec<&str> = self.pieces.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n")
    }

    /// Line and column of byte `offset` of [`Text::joined`]; offsets past the
    /// end land on the end of the last piece.
    pub(super) fn locate(&self, offset: usize) -> (u32, u32) {
        let mut start = 0;
        for (i, piece) in self.pieces.iter().enumerate() {
            let end = start + piece.text.len();
            let last = i + 1 == self.pieces.len();
            if offset <= end || last {
                let within = offset.saturating_sub(start).min(piece.text.len());
                let chars = piece.text.get(..within).map_or(0, |s| s.chars().count());
                return (piece.line, piece.col.saturating_add(to_u32(chars)));
            }
            // The joining `\n` belongs to no piece.
            start = end + 1;
        }
        (1, 1)
    }
}

/// A count as a `u32`, saturating: line and column numbers of absurdly large
/// inputs are clamped rather than wrapped.
pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// 1-based column of byte `byte` in `line`.
pub(super) fn col_at(line: &str, byte: usize) -> u32 {
    let prefix = line.get(..byte).unwrap_or(line);
    to_u32(prefix.chars().count()).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_maps_offsets_to_source_lines() {
        let mut text = Text::default();
        text.push(3, 4, "abc");
        text.push(4, 1, "dé f");
        let joined = text.joined();
        assert_eq!(joined, "abc\ndé f");
        let cases = [
            (0, (3, 4)),
            (2, (3, 6)),
            (4, (4, 1)),
            (7, (4, 3)),
            (99, (4, 5)),
        ];
        for (offset, want) in cases {
            assert_eq!(text.locate(offset), want, "offset {offset}");
        }
    }

    #[test]
    fn col_at_counts_characters_not_bytes() {
        assert_eq!(col_at("é{{", 2), 2);
        assert_eq!(col_at("abc", 0), 1);
    }
}
