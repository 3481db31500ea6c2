//! What an Anki import carries so that the export gives it back: each note
//! under its own guid and note type (one note per Anki note, not per card),
//! each card under its Anki id and template, the tags, and the media files.
//! [`apply`] turns the collection the writer made from recall's cards (one
//! `recall:<id>` note per card) into that.

use super::{Collection, Note, Notetype, GUID_PREFIX};
use std::collections::{HashMap, HashSet};
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

fn merge_tags(into: &mut Vec<String>, more: &[String]) {
    for t in more {
        if !t.starts_with(FLAG_TAG_PREFIX) && !into.contains(t) {
            into.push(t.clone());
        }
    }
}

/// The tags field of a text export: `first` (the topic's tag), then the
/// card's own tags but flags, space-separated as Anki reads them.
pub fn tags_field(first: String, recall_guid: &str, carried: &Carried) -> String {
    let mut tags = vec![first];
    merge_tags(
        &mut tags,
        carried.tags.get(recall_guid).map_or(&[][..], Vec::as_slice),
    );
    tags.join(" ")
}

/// `col` (as the writer made it from recall's cards) with every carried card
/// back under its Anki note, id and template, the carried note types added,
/// and recall's card tags on the notes.
pub fn apply(mut col: Collection, carried: &Carried) -> Collection {
    let by_recall: HashMap<&str, &CarriedCard> = carried
        .cards
        .iter()
        .map(|c| (c.recall_guid.as_str(), c))
        .collect();
    let notes: HashMap<&str, &CarriedNote> =
        carried.notes.iter().map(|n| (n.guid.as_str(), n)).collect();
    // The writer's note id of each carried card → (card, its Anki note).
    let mut moved: HashMap<i64, (&CarriedCard, &CarriedNote)> = HashMap::new();
    let mut kept = Vec::with_capacity(col.notes.len());
    let mut back: Vec<Note> = Vec::new();
    let mut back_at: HashMap<&str, usize> = HashMap::new();
    for mut note in std::mem::take(&mut col.notes) {
        let recall_tags = carried.tags.get(&note.guid).cloned().unwrap_or_default();
        let target = by_recall
            .get(note.guid.as_str())
            .and_then(|c| notes.get(c.guid.as_str()).map(|n| (*c, *n)));
        let Some((card, anki_note)) = target else {
            merge_tags(&mut note.tags, &recall_tags);
            kept.push(note);
            continue;
        };
        moved.insert(note.id, (card, anki_note));
        let at = *back_at.entry(anki_note.guid.as_str()).or_insert_with(|| {
            back.push(Note {
                id: anki_note.id,
                guid: anki_note.guid.clone(),
                notetype: anki_note.notetype,
                mtime_secs: anki_note.mtime_secs.max(note.mtime_secs),
                tags: anki_note.tags.clone(),
                fields: anki_note.fields.clone(),
                oversized_bytes: None,
            });
            back.len() - 1
        });
        merge_tags(&mut back[at].tags, &recall_tags);
    }
    kept.extend(back);
    col.notes = kept;
    let mut card_ids: HashMap<i64, i64> = HashMap::new();
    for c in &mut col.cards {
        if let Some((card, note)) = moved.get(&c.note) {
            card_ids.insert(c.id, card.anki_id);
            c.id = card.anki_id;
            c.note = note.id;
            c.ord = card.ord;
        }
    }
    for r in &mut col.revlog {
        if let Some(id) = card_ids.get(&r.card) {
            r.card = *id;
        }
    }
    let used: HashSet<i64> = col.notes.iter().map(|n| n.notetype).collect();
    let present: HashSet<i64> = col.notetypes.iter().map(|n| n.id).collect();
    col.notetypes.extend(
        carried
            .notetypes
            .iter()
            .filter(|n| used.contains(&n.id) && !present.contains(&n.id))
            .cloned(),
    );
    col
}

/// Whether `guid` is one recall made (`recall:<id>`).
pub fn is_recall_guid(guid: &str) -> bool {
    guid.starts_with(GUID_PREFIX)
}

/// Writes the package's `media` entry (named `entry`) (`{"0": "diagram.png", …}`) and the
/// numbered files, as a legacy package holds them.
pub fn write_media<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    entry: &str,
    media: &[MediaFile],
    options: SimpleFileOptions,
) -> zip::result::ZipResult<()> {
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .zip(0..)
        .map(|(m, i): (&MediaFile, u32)| (i.to_string(), m.name.clone().into()))
        .collect();
    zip.start_file(entry, options)?;
    zip.write_all(serde_json::Value::Object(map).to_string().as_bytes())?;
    for (m, i) in media.iter().zip(0u32..) {
        zip.start_file(i.to_string(), options)?;
        zip.write_all(&m.bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anki::{Card, NotetypeKind, Revlog};

    fn note(id: i64, guid: &str) -> Note {
        Note {
            id,
            guid: guid.into(),
            notetype: 1,
            mtime_secs: 5,
            tags: vec!["topic".into()],
            fields: vec!["q".into(), "a".into()],
            oversized_bytes: None,
        }
    }

    fn card(id: i64) -> Card {
        Card {
            id,
            note: id,
            deck: 1,
            ord: 0,
            mtime_secs: 0,
            ctype: 0,
            queue: 0,
            due: 0,
            ivl: 0,
            factor: 0,
            reps: 0,
            lapses: 0,
            left: 0,
            data: String::new(),
            flags: 0,
        }
    }

    #[test]
    fn two_cards_of_one_anki_note_go_back_as_that_note() {
        let col = Collection {
            notes: vec![
                note(10, "recall:a"),
                note(11, "recall:b"),
                note(12, "recall:c"),
            ],
            cards: vec![card(10), card(11), card(12)],
            revlog: vec![Revlog {
                id: 1,
                card: 11,
                ease: 3,
                ivl: 1,
                last_ivl: 0,
                factor: 2500,
                time_ms: 0,
                kind: 0,
            }],
            ..Collection::default()
        };
        let nt = Notetype {
            id: 77,
            name: "Basic (and reversed card)".into(),
            kind: NotetypeKind::Standard,
            fields: vec!["Front".into(), "Back".into()],
            templates: Vec::new(),
            css: String::new(),
            mtime_secs: 0,
        };
        let carried = Carried {
            notetypes: vec![nt],
            notes: vec![CarriedNote {
                guid: "Xy!".into(),
                id: 500,
                notetype: 77,
                fields: vec!["<b>q</b>".into(), "a".into()],
                tags: vec!["a::b".into()],
                mtime_secs: 3,
            }],
            cards: ["a", "b"]
                .iter()
                .zip(0..)
                .map(|(g, ord)| CarriedCard {
                    recall_guid: format!("recall:{g}"),
                    anki_id: 600 + i64::from(ord),
                    guid: "Xy!".into(),
                    ord,
                })
                .collect(),
            tags: HashMap::from([(
                "recall:b".to_string(),
                vec!["mine".to_string(), "flag:red".to_string()],
            )]),
            ..Carried::default()
        };
        let col = apply(col, &carried);
        let guids: Vec<&str> = col.notes.iter().map(|n| n.guid.as_str()).collect();
        assert_eq!(guids, ["recall:c", "Xy!"]);
        assert_eq!(col.notes[1].tags, ["a::b", "mine"]);
        assert_eq!(col.notes[1].notetype, 77);
        let cards: Vec<(i64, i64, u32)> = col.cards.iter().map(|c| (c.id, c.note, c.ord)).collect();
        assert_eq!(cards, [(600, 500, 0), (601, 500, 1), (12, 12, 0)]);
        assert_eq!(col.revlog[0].card, 601);
        assert_eq!(col.notetypes.len(), 1);
    }

    #[test]
    fn a_text_export_lists_the_topic_and_the_card_tags() {
        let carried = Carried {
            tags: HashMap::from([(
                "recall:a".to_string(),
                vec!["a::b".to_string(), "flag:red".to_string()],
            )]),
            ..Carried::default()
        };
        assert_eq!(tags_field("t::1".into(), "recall:a", &carried), "t::1 a::b");
        assert_eq!(tags_field("t::1".into(), "recall:b", &carried), "t::1");
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
