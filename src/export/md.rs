//! Printable Markdown, per deck, in recall's own deck format
//! (docs/deck-format.md): a `#` heading per section, `##` per topic, and
//! the cards as `Q:`/`T:`/`C:`/`E:` blocks, so the file also compiles.

use super::{card_name, cloze_gaps, cloze_text, deck_names, scheduling_dropped};
use super::{ExportError, Exporter, Options, Summary, Target};
use crate::card::{Card, CardKind};
use crate::progress::Progress;
use crate::store::ExportRead;
use std::collections::HashMap;
use std::io::Write;

pub struct Md;

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// An answer as an `A:` line, or `A:` and a text block when it has several
/// lines or spaces at its ends.
fn answer(out: &mut String, text: &str) {
    if text.contains('\n') || text.trim() != text {
        let f = fence(text);
        out.push_str(&format!("A:\n{f}text\n{text}\n{f}\n"));
    } else {
        out.push_str(&format!("A: {text}\n"));
    }
}

/// One card as it would be written in a deck file.
pub fn render_card(card: &Card) -> String {
    let mut out = String::new();
    match card.kind {
        CardKind::Basic => {
            out.push_str(&format!("Q: {}\nA: {}\n", card.prompt, card.answer));
        }
        CardKind::Typed => {
            out.push_str(&format!("T: {}\n", card.prompt));
            answer(&mut out, &card.answer);
        }
        CardKind::Cloze => {
            let text = cloze_text(card, str::to_string).replace("{{c1::", "{{");
            out.push_str(&format!("C: {text}\n"));
        }
        CardKind::Eval => {
            let code = card.code.as_deref().unwrap_or("");
            let f = fence(code);
            out.push_str(&format!("E: {}\n{f}python\n{code}\n{f}\n", card.prompt));
            answer(&mut out, &card.answer);
        }
    }
    if card.kind.is_typed() && card.kind != CardKind::Cloze {
        for alt in &card.alternatives {
            out.push_str(&format!("A: {alt}\n"));
        }
    }
    if card.exact && card.kind.is_typed() {
        out.push_str("Match: exact\n");
    }
    if let Some(note) = &card.note {
        out.push_str(&format!("N: {note}\n"));
    }
    out
}

impl Exporter for Md {
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        let topics: HashMap<&str, (&str, &str)> = read
            .topics
            .iter()
            .map(|t| (t.id.as_str(), (t.number.as_str(), t.title.as_str())))
            .collect();
        let names = deck_names(read);
        let heading: HashMap<&str, &str> = names
            .iter()
            .map(|(id, name)| (id.as_str(), name.as_str()))
            .collect();
        let order: Vec<String> = names.iter().map(|(id, _)| id.clone()).collect();
        let mut out = std::io::BufWriter::new(target.out);
        let mut summary = Summary::new("md");
        let mut deck: Option<String> = None;
        let mut topic: Option<String> = None;
        read.each_card_by_deck(&order, |c| -> Result<(), ExportError> {
            let card = &c.record.card;
            if deck.as_deref() != Some(card.deck.as_str()) {
                if deck.is_some() {
                    out.write_all(b"\n")?;
                }
                let name = heading.get(card.deck.as_str()).copied().unwrap_or("");
                writeln!(out, "# {name}")?;
                deck = Some(card.deck.clone());
                topic = None;
            }
            if topic.as_deref() != Some(card.topic.as_str()) {
                topic = Some(card.topic.clone());
                let (number, title) = topics
                    .get(card.topic.as_str())
                    .copied()
                    .unwrap_or((card.topic.as_str(), ""));
                write!(out, "\n## {number} {title}\n")?;
            }
            out.write_all(b"\n")?;
            out.write_all(render_card(card).as_bytes())?;
            if card.kind == CardKind::Cloze && cloze_gaps(&card.prompt).len() > 1 {
                summary.changed(
                    "cloze cards with several gaps: the deck format makes one card per gap",
                    || card_name(card),
                );
            }
            scheduling_dropped(c, options, &mut summary);
            summary.cards += 1;
            summary.notes += 1;
            Ok(())
        })?;
        out.flush()?;
        Ok(summary)
    }
}
