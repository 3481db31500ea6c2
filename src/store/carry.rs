//! What an Anki import carries beyond recall's cards (migration 005): note
//! types, notes, which Anki card each card is, the revlog ids in the log,
//! and the media folder beside the collection. Written by the import, read
//! back as [`Carried`] for the Anki export. Queries: `sql/carry/`.

use super::import_plan::AnkiIdentity;
use super::{Db, Store, StoreError};
use crate::anki::carry::{Carried, CarriedCard, CarriedNote, MediaFile};
use crate::anki::{media, Notetype, NotetypeKind, Template, GUID_PREFIX};
use crate::card::CardId;
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const ADD_NOTETYPE: &str = include_str!("sql/carry/add_notetype.sql");
const ADD_NOTE: &str = include_str!("sql/carry/add_note.sql");
const NOTE_MTIME: &str = include_str!("sql/carry/note_mtime.sql");
const ADD_CARD: &str = include_str!("sql/carry/add_card.sql");
const ADD_REVLOG: &str = include_str!("sql/carry/add_revlog.sql");
const KNOWN_ANSWERS: &str = include_str!("sql/carry/known_answers.sql");
const LOG_ANSWERS: &str = include_str!("sql/carry/log_answers.sql");
const NOTETYPES: &str = include_str!("sql/carry/notetypes.sql");
const NOTES: &str = include_str!("sql/carry/notes.sql");
const CARDS: &str = include_str!("sql/carry/cards.sql");
const TAGS: &str = include_str!("sql/carry/tags.sql");

/// The media folder of the collection at `db`: `recall.db` → `recall.media`,
/// as Anki keeps `collection.media` beside `collection.anki2`.
pub fn media_dir(db: &Path) -> PathBuf {
    db.with_extension("media")
}

fn to_json(db: Db<'_>, value: &serde_json::Value, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| {
        db.fail(format!("cannot encode {what}"))(rusqlite::Error::ToSqlConversionFailure(Box::new(
            e,
        )))
    })
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, at: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Db<'_> {
    pub(crate) fn add_notetype(self, nt: &Notetype) -> Result<(), StoreError> {
        let templates: Vec<[&str; 3]> = nt
            .templates
            .iter()
            .map(|t| [t.name.as_str(), t.qfmt.as_str(), t.afmt.as_str()])
            .collect();
        let what = format!("note type {}", nt.name);
        let fields = to_json(self, &serde_json::json!(nt.fields), &what)?;
        let templates = to_json(self, &serde_json::json!(templates), &what)?;
        self.run(
            ADD_NOTETYPE,
            params![
                nt.id,
                nt.name,
                nt.kind == NotetypeKind::Cloze,
                fields,
                templates,
                nt.css,
                nt.mtime_secs
            ],
            format!("cannot store {what}"),
        )
    }

    /// Stores `note` (if it is newer than the one stored): `Some(true)` if it
    /// is new, `Some(false)` if its fields or tags changed, else `None`.
    pub(crate) fn add_note(self, note: &CarriedNote) -> Result<Option<bool>, StoreError> {
        let what = format!("note {}", note.guid);
        let fields = to_json(self, &serde_json::json!(note.fields), &what)?;
        let tags = to_json(self, &serde_json::json!(note.tags), &what)?;
        let before: Option<(String, String, i64)> = self
            .conn
            .prepare_cached(NOTE_MTIME)
            .and_then(|mut s| {
                s.query_row([&note.guid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(self.fail(format!("cannot read {what}")))?;
        self.run(
            ADD_NOTE,
            params![
                note.guid,
                note.id,
                note.notetype,
                fields,
                tags,
                note.mtime_secs
            ],
            format!("cannot store {what}"),
        )?;
        Ok(match before {
            None => Some(true),
            Some((f, t, mtime)) => {
                (note.mtime_secs > mtime && (f != fields || t != tags)).then_some(false)
            }
        })
    }

    pub(crate) fn add_identity(self, card: CardId, id: &AnkiIdentity) -> Result<(), StoreError> {
        self.run(
            ADD_CARD,
            params![card, id.anki_id, id.guid, id.ord],
            format!("cannot store which Anki card card {card} is"),
        )
    }

    pub(crate) fn add_revlog_id(self, card: CardId, revlog_id: i64) -> Result<(), StoreError> {
        self.run(
            ADD_REVLOG,
            params![card, revlog_id],
            format!("cannot store Anki's revlog id {revlog_id} of card {card}"),
        )
    }

    /// The answer times and Anki revlog ids already in card `card`'s log.
    pub(crate) fn known_answers(self, card: CardId) -> Result<HashSet<i64>, StoreError> {
        let rows: Vec<i64> = self.rows(
            KNOWN_ANSWERS,
            [card],
            &format!("the answers of card {card}"),
            |r| r.get(0),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// The times of card `card`'s answers, oldest first.
    pub(crate) fn log_answers(self, card: CardId) -> Result<Vec<i64>, StoreError> {
        self.rows(
            LOG_ANSWERS,
            [card],
            &format!("the answers of card {card}"),
            |r| r.get(0),
        )
    }

    /// The note types an import carried.
    pub(crate) fn carried_notetypes(self) -> Result<Vec<Notetype>, StoreError> {
        self.rows(NOTETYPES, [], "the Anki note types", |r| {
            let fields: String = r.get(3)?;
            let templates: String = r.get(4)?;
            let templates: Vec<[String; 3]> = from_json(&templates, 4)?;
            Ok(Notetype {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: if r.get::<_, bool>(2)? {
                    NotetypeKind::Cloze
                } else {
                    NotetypeKind::Standard
                },
                fields: from_json(&fields, 3)?,
                templates: templates
                    .into_iter()
                    .map(|[name, qfmt, afmt]| Template { name, qfmt, afmt })
                    .collect(),
                css: r.get(5)?,
                mtime_secs: r.get(6)?,
            })
        })
    }

    fn carried(self) -> Result<Carried, StoreError> {
        let notetypes = self.carried_notetypes()?;
        let notes = self.rows(NOTES, [], "the Anki notes", |r| {
            let fields: String = r.get(3)?;
            let tags: String = r.get(4)?;
            Ok(CarriedNote {
                guid: r.get(0)?,
                id: r.get(1)?,
                notetype: r.get(2)?,
                fields: from_json(&fields, 3)?,
                tags: from_json(&tags, 4)?,
                mtime_secs: r.get(5)?,
            })
        })?;
        let cards = self.rows(CARDS, [], "which Anki card each card is", |r| {
            let card: CardId = r.get(0)?;
            Ok(CarriedCard {
                recall_guid: format!("{GUID_PREFIX}{card}"),
                anki_id: r.get(1)?,
                guid: r.get(2)?,
                ord: r.get(3)?,
            })
        })?;
        let mut carried = Carried {
            notetypes,
            notes,
            cards,
            ..Carried::default()
        };
        for (card, tag) in self.rows(TAGS, [], "the card tags", |r| {
            Ok((r.get::<_, CardId>(0)?, r.get::<_, String>(1)?))
        })? {
            carried
                .tags
                .entry(format!("{GUID_PREFIX}{card}"))
                .or_default()
                .push(tag);
        }
        Ok(carried)
    }
}

/// Whether `tag` is `pattern` or below it (`rust` matches `rust::memory`).
pub fn tag_matches(tag: &str, pattern: &str) -> bool {
    tag.strip_prefix(pattern)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(crate::anki::HIERARCHY))
}

impl Store {
    /// Every card's tags, in the order they were added.
    pub fn card_tags(&self) -> Result<HashMap<CardId, Vec<String>>, StoreError> {
        let mut out: HashMap<CardId, Vec<String>> = HashMap::new();
        for (card, tag) in self.db().rows(TAGS, [], "the card tags", |r| {
            Ok((r.get::<_, CardId>(0)?, r.get::<_, String>(1)?))
        })? {
            out.entry(card).or_default().push(tag);
        }
        Ok(out)
    }

    /// What the Anki export gives back: note types, notes, card identities,
    /// tags, and the media files the notes name, read from the media folder
    /// (a name not found there is listed in `missing_media`).
    pub fn carried(&self) -> Result<Carried, StoreError> {
        let mut carried = self.db().carried()?;
        let Some(db_path) = self.path.as_deref() else {
            return Ok(carried);
        };
        let dir = media_dir(db_path);
        let mut names: Vec<String> = Vec::new();
        for note in &carried.notes {
            for name in note.fields.iter().flat_map(|f| media::references(f)) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        for name in names {
            if !media::valid_name(&name) {
                carried.missing_media.push(name);
                continue;
            }
            match std::fs::read(dir.join(&name)) {
                Ok(bytes) => carried.media.push(MediaFile { name, bytes }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    carried.missing_media.push(name);
                }
                Err(source) => {
                    return Err(StoreError::Io {
                        path: dir.join(&name),
                        source,
                    })
                }
            }
        }
        Ok(carried)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_matches_itself_and_its_children() {
        assert!(tag_matches("rust", "rust"));
        assert!(tag_matches("rust::memory", "rust"));
        assert!(!tag_matches("rustacean", "rust"));
        assert!(!tag_matches("rust", "rust::memory"));
    }
}
