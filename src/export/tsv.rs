//! Anki's text import format, tab-separated: `#` header lines name the
//! separator and the guid, note type, deck and tags columns, then one note
//! per line. The note types are Anki's stock ones, which every collection
//! has: Basic, Basic (type in the answer) and Cloze. Scheduling does not fit
//! this format (use apkg).

use super::{cloze_text, deck_names, prompt_with_code, stock_notetype, topic_tag, ExportError};
use super::{Exporter, Options};
use crate::card::CardKind;
use crate::progress::Progress;
use crate::store::Snapshot;
use std::collections::HashMap;
use std::io::Write;

pub struct Tsv;

/// The guid, note type, deck and tags columns, then the fields.
pub const GUID_COLUMN: usize = 1;
pub const NOTETYPE_COLUMN: usize = 2;
pub const DECK_COLUMN: usize = 3;
pub const TAGS_COLUMN: usize = 4;

/// Writes the header lines and one record per card, `separator` between
/// fields (`name` is what the `#separator:` header calls it).
pub(super) fn write_text(
    snapshot: &Snapshot,
    out: &mut dyn Write,
    separator: u8,
    name: &str,
) -> Result<(), ExportError> {
    writeln!(out, "#separator:{name}")?;
    writeln!(out, "#html:false")?;
    writeln!(out, "#guid column:{GUID_COLUMN}")?;
    writeln!(out, "#notetype column:{NOTETYPE_COLUMN}")?;
    writeln!(out, "#deck column:{DECK_COLUMN}")?;
    writeln!(out, "#tags column:{TAGS_COLUMN}")?;
    let decks: HashMap<String, String> = deck_names(snapshot).into_iter().collect();
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_writer(out);
    for c in &snapshot.cards {
        let card = &c.record.card;
        let (first, second) = match card.kind {
            CardKind::Cloze => (
                cloze_text(card, str::to_string),
                card.note.clone().unwrap_or_default(),
            ),
            CardKind::Basic => (
                card.prompt.clone(),
                match &card.note {
                    Some(note) => format!("{}\n\n{note}", card.answer),
                    None => card.answer.clone(),
                },
            ),
            CardKind::Typed | CardKind::Eval => (prompt_with_code(card), card.answer.clone()),
        };
        let deck = decks.get(&card.deck).cloned().unwrap_or_default();
        writer.write_record([
            format!("{}{}", crate::anki::GUID_PREFIX, card.id).as_str(),
            stock_notetype(card.kind),
            &deck,
            &crate::anki::carry::tags_field(
                topic_tag(&card.topic),
                &format!("{}{}", crate::anki::GUID_PREFIX, card.id),
                &snapshot.anki,
            ),
            &first,
            &second,
        ])?;
    }
    writer.flush()?;
    Ok(())
}

impl Exporter for Tsv {
    fn export(
        &self,
        snapshot: &Snapshot,
        _options: &Options,
        out: &mut dyn Write,
        _progress: &mut dyn Progress,
    ) -> Result<(), ExportError> {
        write_text(snapshot, out, b'\t', "tab")
    }
}
