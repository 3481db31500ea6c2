//! What an Anki import carries so that the export gives it back: each note
//! under its own guid and note type (one note per Anki note, not per card),
//! each card under its Anki id and template, the tags, and the media files.
//! The writer (`anki::write`) puts each carried card back under its Anki
//! note ([`note_back`]), id and template as it streams the cards.

use super::{Note, Notetype, GUID_PREFIX};
use std::collections::HashMap;
use std::io::{Seek, Write};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

/// A note as Anki had it when it was last imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedNote {
    pub guid: String,
    pub id: i64,
    pub notetype: i64,
    /// HTML, in the note type's order.
    pub fields: Vec<String>,
    pub tags: Vec<String>,
    pub mtime_secs: i64,
}

/// Which Anki card a recall card is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedCard {
    /// The guid the writer gives the recall card: `recall:<card id>`.
    pub recall_guid: String,
    pub anki_id: i64,
    /// The Anki note's guid.
    pub guid: String,
    pub ord: u32,
}

/// A media file to write into the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything an export gives back to Anki beyond recall's own cards.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Carried {
    pub notetypes: Vec<Notetype>,
    pub notes: Vec<CarriedNote>,
    pub cards: Vec<CarriedCard>,
    /// Tags of recall cards, by `recall:<card id>` guid.
    pub tags: HashMap<String, Vec<String>>,
    pub media: Vec<MediaFile>,
    /// Media the notes name that are not in the media folder.
    pub missing_media: Vec<String>,
}

/// The package entry that maps numbered files to media names.
pub const MEDIA_ENTRY: &str = "media";

/// The tag prefix an Anki flag becomes; flags are Anki's per card, so these
/// tags are not written back as note tags.
pub const FLAG_TAG_PREFIX: &str = "flag:";

/// Anki's flags by number (`cards.flags & 7`), 1 to 7.
const FLAG_NAMES: [&str; 7] = [
    "red",
    "orange",
    "green",
    "blue",
    "pink",
    "turquoise",
    "purple",
];

/// The tag of Anki flag `flag` (`cards.flags & 7`).
pub fn flag_tag(flag: i64) -> Option<String> {
    let at = usize::try_from(flag & 7).ok()?.checked_sub(1)?;
    Some(format!("{FLAG_TAG_PREFIX}{}", FLAG_NAMES.get(at)?))
}

/// The Anki flags (`cards.flags`) that `tags` name, in their order: what
/// [`flag_tag`] made, back (Anki keeps one per card).
pub fn flags_of(tags: &[String]) -> Vec<i64> {
    tags.iter()
        .filter_map(|t| t.strip_prefix(FLAG_TAG_PREFIX))
        .filter_map(|name| FLAG_NAMES.iter().position(|n| *n == name))
        .filter_map(|at| i64::try_from(at + 1).ok())
        .collect()
}

/// Adds the tags of `more` that `into` lacks, but flags.
pub fn merge_tags(into: &mut Vec<String>, more: &[String]) {
    for t in more {
        if !t.starts_with(FLAG_TAG_PREFIX) && !into.contains(t) {
            into.push(t.clone());
        }
    }
}

/// The tags field of a text export: `first` (the topic's tag), then the
/// card's own tags but flags, space-separated as Anki reads them.
pub fn tags_field(first: String, card_tags: &[String]) -> String {
    let mut tags = vec![first];
    merge_tags(&mut tags, card_tags);
    tags.join(" ")
}

/// The note a card an import carried goes back as: the Anki note, newer
/// than `recall_mtime_secs` if recall's is, with the card's tags added.
pub fn note_back(note: &CarriedNote, recall_mtime_secs: i64, card_tags: &[String]) -> Note {
    let mut back = Note {
        id: note.id,
        guid: note.guid.clone(),
        notetype: note.notetype,
        mtime_secs: note.mtime_secs.max(recall_mtime_secs),
        tags: note.tags.clone(),
        fields: note.fields.clone(),
        oversized_bytes: None,
    };
    merge_tags(&mut back.tags, card_tags);
    back
}

/// Whether `guid` is one recall made (`recall:<id>`).
pub fn is_recall_guid(guid: &str) -> bool {
    guid.starts_with(GUID_PREFIX)
}

/// Writes the package's `media` entry (named `entry`: `{"0": "diagram.png",
/// …}`) and the numbered files, as a legacy package holds them, each
/// streamed from its file (name, path).
pub fn write_media<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    entry: &str,
    media: &[(String, std::path::PathBuf)],
    options: SimpleFileOptions,
) -> zip::result::ZipResult<()> {
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .zip(0..)
        .map(|((name, _), i): (&(String, _), u32)| (i.to_string(), name.clone().into()))
        .collect();
    zip.start_file(entry, options)?;
    zip.write_all(serde_json::Value::Object(map).to_string().as_bytes())?;
    for ((_, path), i) in media.iter().zip(0u32..) {
        zip.start_file(i.to_string(), options)?;
        std::io::copy(&mut std::fs::File::open(path)?, zip)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_carried_note_goes_back_with_the_card_tags_but_flags() {
        let note = CarriedNote {
            guid: "Xy!".into(),
            id: 500,
            notetype: 77,
            fields: vec!["<b>q</b>".into(), "a".into()],
            tags: vec!["a::b".into()],
            mtime_secs: 3,
        };
        let tags = [
            "mine".to_string(),
            "flag:red".to_string(),
            "a::b".to_string(),
        ];
        let back = note_back(&note, 5, &tags);
        assert_eq!(
            (back.id, back.guid.as_str(), back.notetype),
            (500, "Xy!", 77)
        );
        assert_eq!(back.tags, ["a::b", "mine"]);
        assert_eq!(back.fields, note.fields);
        assert_eq!(back.mtime_secs, 5);
        assert_eq!(note_back(&note, 1, &[]).mtime_secs, 3);
    }

    #[test]
    fn a_text_export_lists_the_topic_and_the_card_tags() {
        let tags = ["a::b".to_string(), "flag:red".to_string()];
        assert_eq!(tags_field("t::1".into(), &tags), "t::1 a::b");
        assert_eq!(tags_field("t::1".into(), &[]), "t::1");
    }

    #[test]
    fn flags_map_to_tags() {
        assert_eq!(flag_tag(1).as_deref(), Some("flag:red"));
        assert_eq!(flag_tag(7).as_deref(), Some("flag:purple"));
        assert_eq!(flag_tag(0), None);
        for flag in 1..=7 {
            let tag = flag_tag(flag).unwrap();
            assert_eq!(flags_of(&[tag, "mine".into()]), [flag]);
        }
        assert_eq!(
            flags_of(&["flag:mauve".into(), "red".into()]),
            Vec::<i64>::new()
        );
    }
}
