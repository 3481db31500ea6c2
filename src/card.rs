//! Cards as the compiler produces them from deck text: what is asked, what is
//! expected, and where it came from. Scheduling state lives elsewhere.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// A card's identity: 48 bits of a SHA-256 of its identity key (its prompt),
/// so it survives edits of the answer, reordering and moves between files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardId(pub u64);

/// Hex digits in a printed card id.
pub const CARD_ID_DIGITS: usize = 12;

impl CardId {
    pub fn from_key(key: &str) -> CardId {
        let digest = Sha256::digest(key.as_bytes());
        let mut bytes = [0u8; 8];
        bytes[2..].copy_from_slice(&digest[..6]);
        CardId(u64::from_be_bytes(bytes))
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012x}", self.0)
    }
}

impl Serialize for CardId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for CardId {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() || s.len() > CARD_ID_DIGITS || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(());
        }
        u64::from_str_radix(s, 16).map(CardId).map_err(|_| ())
    }
}

/// How a card is asked and answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// Reveal and grade yourself.
    Basic,
    /// Type the answer; compared with the expected answer and its alternatives.
    Typed,
    /// One deletion of a cloze text; typed.
    Cloze,
    /// A Python snippet; type what it prints.
    Eval,
}

impl CardKind {
    pub const ALL: [CardKind; 4] = [
        CardKind::Basic,
        CardKind::Typed,
        CardKind::Cloze,
        CardKind::Eval,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Typed => "typed",
            CardKind::Cloze => "cloze",
            CardKind::Eval => "eval",
        }
    }

    pub fn parse(s: &str) -> Option<CardKind> {
        CardKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the learner types the answer (rather than revealing it).
    pub fn is_typed(self) -> bool {
        !matches!(self, CardKind::Basic)
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a card was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcePos {
    pub path: String,
    pub line: u32,
}

/// A compiled card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    pub id: CardId,
    pub kind: CardKind,
    /// The roadmap section (one deck per section), e.g. `phase-2`.
    pub deck: String,
    /// The roadmap topic, e.g. `phase-2/1` or `phase-0/1.2`.
    pub topic: String,
    /// Introduction order: roadmap order first, then position in the deck.
    pub ord: i64,
    /// What is shown; for a cloze, the text with this card's deletion masked.
    pub prompt: String,
    /// The Python snippet of an eval card.
    pub code: Option<String>,
    /// The expected answer, as shown after the reveal.
    pub answer: String,
    /// Other answers accepted for typed, cloze and eval cards.
    pub alternatives: Vec<String>,
    /// An explanation shown after the reveal.
    pub note: Option<String>,
    /// Whether typed answers are compared case-sensitively.
    pub case_sensitive: bool,
    /// Whether typed answers must be the same text (a `Match: exact` line):
    /// no Python-aware rule applies, for a card where the difference is the point.
    pub exact: bool,
    pub source: SourcePos,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_id_is_stable_and_round_trips() {
        let id = CardId::from_key("basic:What does len() return?");
        assert_eq!(id, CardId::from_key("basic:What does len() return?"));
        assert_ne!(id, CardId::from_key("basic:What does len() return ?"));
        assert!(id.0 < (1u64 << 48));
        let text = id.to_string();
        assert_eq!(text.len(), CARD_ID_DIGITS);
        assert_eq!(text.parse::<CardId>(), Ok(id));
    }

    #[test]
    fn card_id_rejects_non_hex() {
        assert!("xyz".parse::<CardId>().is_err());
        assert!("".parse::<CardId>().is_err());
        assert!("0123456789abc".parse::<CardId>().is_err());
    }
}

/// A `--deck` pattern: `*` matches any run of characters, everything else
/// matches itself (`phase-*`, `track-b`). Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeckPattern(String);

impl DeckPattern {
    /// `None` for an empty (or blank) pattern, which would match nothing.
    pub fn new(pattern: &str) -> Option<DeckPattern> {
        let pattern = pattern.trim();
        (!pattern.is_empty()).then(|| DeckPattern(pattern.to_string()))
    }

    pub fn matches(&self, deck: &str) -> bool {
        deck_matches(&self.0, deck)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeckPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a deck id matches a `--deck` pattern: `*` matches any run of
/// characters, everything else matches itself (`phase-*`, `track-b`).
fn deck_matches(pattern: &str, deck: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == deck,
        Some((head, rest)) => {
            let Some(tail) = deck.strip_prefix(head) else {
                return false;
            };
            (0..=tail.len())
                .filter(|&i| tail.is_char_boundary(i))
                .any(|i| deck_matches(rest, &tail[i..]))
        }
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::deck_matches;

    #[test]
    fn deck_patterns_match_like_globs() {
        let table = [
            ("phase-2", "phase-2", true),
            ("phase-2", "phase-20", false),
            ("phase-*", "phase-2", true),
            ("phase-*", "track-a", false),
            ("*", "anything", true),
            ("*-b", "track-b", true),
            ("t*a", "track-a", true),
            ("t*a", "track-b", false),
        ];
        for (pattern, deck, want) in table {
            assert_eq!(deck_matches(pattern, deck), want, "{pattern} vs {deck}");
        }
    }
}
