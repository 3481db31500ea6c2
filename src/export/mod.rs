//! `recall export`: serializers from an [`ExportRead`] of the collection
//! (cursors over its cards and their log, one card at a time) to a file,
//! one file per format behind one trait. None holds the collection in
//! memory: what is written is streamed, and what is counted is counted.
//!
//! | format | what it is |
//! |---|---|
//! | `apkg` | an Anki package (schema 11) that Anki imports: decks, note types, notes, cards, and with `--with-scheduling` the SM-2 state and the review log |
//! | `tsv`, `csv` | Anki's text import format, with `#` header lines |
//! | `md` | printable Markdown in recall's own deck format, per deck |
//! | `json` | cards, and with `--with-scheduling` their state and full review log (docs/export.md) |

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod md;
pub(crate) mod summary;
pub(crate) mod tsv;

pub use summary::{Loss, Summary};

use crate::anki::cloze::ANSWER_JOINER;
use crate::card::{Card, CardKind};
use crate::day::Day;
use crate::progress::Progress;
use crate::store::{ExportRead, ExportedCard, SectionInfo, StoreError};

use std::io::{Seek, Write};
use std::path::Path;

/// What went wrong while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the export: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot zip the package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot encode the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Apkg,
    Tsv,
    Csv,
    Md,
    Json,
}

impl Format {
    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Apkg)
    }
}

/// The clock and choices an export is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Include the SM-2 state and the review log (apkg, json).
    pub with_scheduling: bool,
    pub now_ms: i64,
    pub today: Day,
    /// The local offset from UTC and the hour a day starts: Anki counts
    /// review days from a collection creation time at that hour.
    pub utc_offset_secs: i32,
    pub rollover_hour: u32,
}

/// Where an export goes: a file it can seek in (a zip writer goes back to
/// its headers), or a buffer.
pub trait WriteSeek: Write + Seek {}
impl<T: Write + Seek + ?Sized> WriteSeek for T {}

/// The output of an export, and the directory for the scratch files a
/// format needs (the Anki SQLite): the output's, so that a big export does
/// not fill the system's temp directory.
pub struct Target<'a> {
    pub out: &'a mut dyn WriteSeek,
    pub temp_dir: &'a Path,
}

/// One export format.
pub trait Exporter {
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError>;
}

/// The root of the deck tree in Anki and in text exports.
pub const ROOT_DECK: &str = "Python";

/// A section's deck name: `Python::Phase 2 — Standard Library Power` (the
/// roadmap heading without its closing remark in parentheses). Decks made
/// by `recall import` keep the Anki name they came with.
pub fn deck_name(section: &SectionInfo) -> String {
    if crate::store::is_imported_section(&section.id) {
        return section.title.clone();
    }
    let title = section.title.trim();
    let title = match title.rfind(" (") {
        Some(i) if title.ends_with(')') => &title[..i],
        _ => title,
    };
    format!("{ROOT_DECK}::{}", title.replace("::", ":"))
}

/// The deck name of every exported card's section, in section order; a
/// deck that is no known section (`decks` in the order of their first
/// card) gets one named after its id.
pub fn deck_names(read: &ExportRead<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for section in &read.sections {
        if read.decks.contains(&section.id) {
            out.push((section.id.clone(), deck_name(section)));
        }
    }
    for deck in &read.decks {
        if !out.iter().any(|(id, _)| id == deck) {
            out.push((deck.clone(), format!("{ROOT_DECK}::{deck}")));
        }
    }
    out
}

/// A topic id as an Anki tag: `phase-2/1` → `phase-2::1`.
pub fn topic_tag(topic: &str) -> String {
    topic.replace('/', crate::anki::HIERARCHY).replace(' ', "_")
}

/// A cloze card's text in Anki's syntax, `{{c1::answer::hint}}`: the prompt
/// shows the deletion as `[...]` or `[hint]`, and the other deletions of the
/// same text filled in, so this card becomes a note with one deletion number.
/// A card imported from a note that used its number more than once has a
/// `[...]` at each place and their answers joined by ", ": each gap gets its
/// own `{{c1::…}}` again (see [`cloze_fits`] for when they cannot be told
/// apart). `escape` turns the literal text into the field's markup.
pub fn cloze_text(card: &Card, escape: impl Fn(&str) -> String) -> String {
    let prompt = &card.prompt;
    let gaps = cloze_gaps(prompt);
    if gaps.is_empty() {
        return escape(prompt);
    }
    let answers = cloze_answers(card, gaps.len());
    let mut out = String::new();
    let mut at = 0;
    for ((start, len, hint), answer) in gaps.into_iter().zip(answers) {
        out.push_str(&escape(&prompt[at..start]));
        let hint = hint.map(|h| format!("::{}", escape(h))).unwrap_or_default();
        out.push_str(&format!("{{{{c1::{}{hint}}}}}", escape(answer)));
        at = start + len;
    }
    out.push_str(&escape(&prompt[at..]));
    out
}

/// Whether every gap of a cloze card gets its own answer back: false for a
/// card with several `[...]` whose answer does not split into as many parts
/// (then the first gap takes the whole answer and the others stay `[...]`).
pub fn cloze_fits(card: &Card) -> bool {
    let gaps = cloze_gaps(&card.prompt).len();
    gaps <= 1 || card.answer.split(ANSWER_JOINER).count() == gaps
}

/// The answers of `gaps` gaps: the parts of a joined answer when they match,
/// else the whole answer for the first gap only.
fn cloze_answers(card: &Card, gaps: usize) -> Vec<&str> {
    if gaps > 1 && cloze_fits(card) {
        card.answer.split(ANSWER_JOINER).collect()
    } else {
        vec![card.answer.as_str()]
    }
}

/// Where the deletions of a cloze prompt are: every `[...]`, or else the
/// first `[hint]`; (start, length, hint).
pub(crate) fn cloze_gaps(prompt: &str) -> Vec<(usize, usize, Option<&str>)> {
    let masks: Vec<(usize, usize, Option<&str>)> = prompt
        .match_indices(CLOZE_MASK)
        .map(|(at, _)| (at, CLOZE_MASK.len(), None))
        .collect();
    if !masks.is_empty() {
        return masks;
    }
    hinted_mask(prompt)
        .map(|(at, len)| vec![(at, len, Some(&prompt[at + 1..at + len - 1]))])
        .unwrap_or_default()
}

/// How recall shows an unhinted deletion.
const CLOZE_MASK: &str = "[...]";

/// The first `[hint]` of a prompt: a bracketed run with no brackets inside.
fn hinted_mask(prompt: &str) -> Option<(usize, usize)> {
    let open = prompt.find('[')?;
    let close = open + prompt[open..].find(']')?;
    (!prompt[open + 1..close].contains('[')).then_some((open, close + 1 - open))
}

/// The note type names of Anki's stock note types, which every Anki
/// collection has, for the text formats.
pub fn stock_notetype(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Basic => "Basic",
        CardKind::Typed | CardKind::Eval => "Basic (type in the answer)",
        CardKind::Cloze => "Cloze",
    }
}

/// A card's prompt with its code below it, as plain text.
pub fn prompt_with_code(card: &Card) -> String {
    match &card.code {
        Some(code) => format!("{}\n\n{code}", card.prompt),
        None => card.prompt.clone(),
    }
}

/// A card as the summary names it: its id and the start of its prompt.
pub fn card_name(card: &Card) -> String {
    let prompt: String = card.prompt.chars().take(NAME_CHARS).collect();
    let cut = if prompt.len() < card.prompt.len() {
        "…"
    } else {
        ""
    };
    format!("{} \"{}{cut}\"", card.id, prompt.replace('\n', " "))
}

/// How much of a prompt names a card in the summary.
const NAME_CHARS: usize = 40;

/// With `--with-scheduling`, a format that holds no scheduling drops the
/// state and history of a scheduled card: counted in `summary`.
pub fn scheduling_dropped(c: &ExportedCard, options: &Options, summary: &mut Summary) {
    if !options.with_scheduling {
        return;
    }
    let card = &c.record.card;
    if !c.record.state.sm2.is_new() || c.logged {
        let why = format!(
            "SM-2 state and review history: {} holds no scheduling (use apkg or json)",
            summary.format
        );
        summary.dropped(&why, || card_name(card));
    }
}

/// Counts a card into `progress` a batch at a time.
pub(crate) const PROGRESS_EVERY: u64 = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{CardId, SourcePos};

    fn cloze(prompt: &str, answer: &str) -> Card {
        Card {
            id: CardId(1),
            kind: CardKind::Cloze,
            deck: "phase-2".into(),
            topic: "phase-2/1".into(),
            ord: 0,
            prompt: prompt.into(),
            code: None,
            answer: answer.into(),
            alternatives: vec![],
            note: None,
            case_sensitive: true,
            exact: false,
            source: SourcePos {
                path: "d.md".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn cloze_text_puts_the_answer_back_as_c1() {
        let plain = |s: &str| s.to_string();
        let cases = [
            (
                "`[...]` pops at both ends",
                "deque",
                "`{{c1::deque}}` pops at both ends",
            ),
            (
                "at the [front or back?] of it",
                "front",
                "at the {{c1::front::front or back?}} of it",
            ),
            (
                "the `[[...]]` table",
                "tool.ruff",
                "the `[{{c1::tool.ruff}}]` table",
            ),
        ];
        for (prompt, answer, want) in cases {
            assert_eq!(cloze_text(&cloze(prompt, answer), plain), want, "{prompt}");
        }
    }

    #[test]
    fn a_repeated_deletion_goes_back_as_a_gap_at_each_place() {
        let plain = |s: &str| s.to_string();
        let card = cloze("A [...] grows; a [...] borrows.", "Vec, slice");
        assert!(cloze_fits(&card));
        assert_eq!(
            cloze_text(&card, plain),
            "A {{c1::Vec}} grows; a {{c1::slice}} borrows."
        );
        let odd = cloze("A [...] grows; a [...] borrows.", "Vec, Box, slice");
        assert!(!cloze_fits(&odd));
        assert_eq!(
            cloze_text(&odd, plain),
            "A {{c1::Vec, Box, slice}} grows; a [...] borrows."
        );
    }

    #[test]
    fn deck_names_drop_the_closing_remark() {
        let s = SectionInfo {
            id: "phase-2".into(),
            title: "Phase 2 — Standard Library Power (Early-Intermediate)".into(),
            goal: None,
        };
        assert_eq!(deck_name(&s), "Python::Phase 2 — Standard Library Power");
        let imported = SectionInfo {
            id: "anki-spanish".into(),
            title: "Spanish::Verbs".into(),
            goal: None,
        };
        assert_eq!(deck_name(&imported), "Spanish::Verbs");
    }
}
