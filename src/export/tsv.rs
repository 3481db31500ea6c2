//! Anki's text import format, tab-separated: `#` header lines name the
//! separator and the guid, note type, deck and tags columns, then one note
//! per line. The note types are Anki's stock ones, which every collection
//! has: Basic, Basic (type in the answer) and Cloze. Their two fields are
//! columns 5 and 6; recall's note and alternatives follow in columns 7 and 8
//! (Anki leaves columns past a note type's fields out; recall reads them
//! back). Scheduling does not fit this format (use apkg).

use super::{card_name, cloze_fits, cloze_text, deck_names, prompt_with_code, stock_notetype};
use super::{scheduling_dropped, topic_tag, ExportError, Exporter, Options, Summary, Target};
use crate::card::CardKind;
use crate::progress::Progress;
use crate::store::{CardRead, ExportRead};
use std::collections::HashMap;
use std::io::Write;

pub struct Tsv;

/// The guid, note type, deck and tags columns, then the fields.
pub const GUID_COLUMN: usize = 1;
pub const NOTETYPE_COLUMN: usize = 2;
pub const DECK_COLUMN: usize = 3;
pub const TAGS_COLUMN: usize = 4;

/// Writes the header lines and one record per card, `separator` between
/// fields (`name` is what the `#separator:` header calls it); what the
/// records cannot hold goes into the summary.
pub(super) fn write_text(
    read: &ExportRead<'_>,
    options: &Options,
    out: &mut dyn Write,
    separator: u8,
    name: &str,
) -> Result<Summary, ExportError> {
    let mut summary = Summary::new(if separator == b',' { "csv" } else { "tsv" });
    let mut out = std::io::BufWriter::new(out);
    writeln!(out, "#separator:{name}")?;
    writeln!(out, "#html:false")?;
    writeln!(out, "#guid column:{GUID_COLUMN}")?;
    writeln!(out, "#notetype column:{NOTETYPE_COLUMN}")?;
    writeln!(out, "#deck column:{DECK_COLUMN}")?;
    writeln!(out, "#tags column:{TAGS_COLUMN}")?;
    let decks: HashMap<String, String> = deck_names(read).into_iter().collect();
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_writer(&mut out);
    read.each_card(
        if options.with_scheduling {
            CardRead::Logged
        } else {
            CardRead::Cards
        }, |c, _| -> Result<(), ExportError> {
        let card = &c.record.card;
        let note = card.note.clone().unwrap_or_default();
        let (first, second, note) = match card.kind {
            CardKind::Cloze => (cloze_text(card, str::to_string), note, String::new()),
            // The note below the answer too, so that Anki shows it.
            CardKind::Basic => (
                card.prompt.clone(),
                match &card.note {
                    Some(note) => format!("{}{}{note}", card.answer, crate::anki::TEXT_NOTE_BREAK),
                    None => card.answer.clone(),
                },
                note,
            ),
            CardKind::Typed | CardKind::Eval => (prompt_with_code(card), card.answer.clone(), note),
        };
        let name = || card_name(card);
        if card.kind == CardKind::Eval {
            summary.changed(
                "eval cards go out as typed cards with the code below the prompt",
                name,
            );
        }
        if card.kind.is_typed() && !card.case_sensitive {
            summary.changed(
                "case-insensitive typed answers: the text format has no such setting",
                name,
            );
        }
        if card.kind.is_typed() && card.exact {
            summary.changed(
                "exact matching (`Match: exact`): the text format has no such setting",
                name,
            );
        }
        if card.kind == CardKind::Cloze && !cloze_fits(card) {
            summary.changed(
                "cloze gaps whose joined answer does not split into one part per gap: the first gap takes the whole answer",
                name,
            );
        }
        let deck = decks.get(&card.deck).map_or("", String::as_str);
        writer.write_record([
            format!("{}{}", crate::anki::GUID_PREFIX, card.id).as_str(),
            stock_notetype(card.kind),
            deck,
            &crate::anki::carry::tags_field(topic_tag(&card.topic), &c.tags),
            &first,
            &second,
            &note,
            &card.alternatives.join("\n"),
        ])?;
        scheduling_dropped(c, options, &mut summary);
        summary.cards += 1;
        summary.notes += 1;
        Ok(())
    })?;
    writer.flush()?;
    drop(writer);
    out.flush()?;
    Ok(summary)
}

impl Exporter for Tsv {
    fn export(
        &self,
        read: &ExportRead<'_>,
        options: &Options,
        target: Target<'_>,
        _progress: &mut dyn Progress,
    ) -> Result<Summary, ExportError> {
        write_text(read, options, target.out, b'\t', "tab")
    }
}
