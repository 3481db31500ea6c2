//! Which sections a day's session draws from: track sections only once the
//! learner picked the track, and only the sections a deck pattern names.

use crate::card::DeckPattern;

/// Section ids of specialization tracks start with this (`track-b`).
pub const TRACK_PREFIX: &str = "track-";

pub fn is_track(section: &str) -> bool {
    section.starts_with(TRACK_PREFIX)
}

/// `b`, `B` or `track-b` → `track-b`.
pub fn track_id(name: &str) -> String {
    let name = name.to_lowercase();
    if is_track(&name) {
        name
    } else {
        format!("{TRACK_PREFIX}{name}")
    }
}

/// The picked tracks as stored (`track-b,track-d`), in the order picked.
pub fn parse_picked(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn format_picked(picked: &[String]) -> String {
    picked.join(",")
}

/// A track the roadmap does not have, with the ones it has (`b`, `c`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTrack {
    pub name: String,
    pub known: Vec<String>,
}

/// Adds the tracks `names` to `picked` (each once, in order); every name
/// must be a track section of `sections`.
pub fn pick_tracks(
    picked: &mut Vec<String>,
    sections: &[String],
    names: &[String],
) -> Result<(), UnknownTrack> {
    for name in names {
        let id = track_id(name);
        if !sections.contains(&id) {
            return Err(UnknownTrack {
                name: name.clone(),
                known: sections
                    .iter()
                    .filter(|s| is_track(s))
                    .map(|s| s.trim_start_matches(TRACK_PREFIX).to_string())
                    .collect(),
            });
        }
        if !picked.contains(&id) {
            picked.push(id);
        }
    }
    Ok(())
}

/// The sections `deck` matches (all of them without a pattern).
pub fn matching_sections(sections: &[String], deck: Option<&DeckPattern>) -> Vec<String> {
    sections
        .iter()
        .filter(|s| deck.is_none_or(|pat| pat.matches(s)))
        .cloned()
        .collect()
}

/// Sections whose new cards are introduced: every matching section except
/// the tracks nobody picked.
pub fn new_card_sections(
    sections: &[String],
    picked: &[String],
    deck: Option<&DeckPattern>,
) -> Vec<String> {
    matching_sections(sections, deck)
        .into_iter()
        .filter(|s| !is_track(s) || picked.contains(s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn unpicked_tracks_give_no_new_cards() {
        let sections = ids(&["phase-0", "track-a", "track-b"]);
        let picked = ids(&["track-b"]);
        assert_eq!(
            new_card_sections(&sections, &picked, None),
            ids(&["phase-0", "track-b"])
        );
        assert_eq!(
            new_card_sections(&sections, &picked, DeckPattern::new("track-*").as_ref()),
            ids(&["track-b"])
        );
    }

    #[test]
    fn picking_names_tracks_once_and_refuses_unknown_ones() {
        let sections = ids(&["phase-0", "track-a", "track-b"]);
        let mut picked = ids(&["track-a"]);
        pick_tracks(&mut picked, &sections, &ids(&["B", "track-a", "b"])).unwrap();
        assert_eq!(picked, ids(&["track-a", "track-b"]));
        let err = pick_tracks(&mut picked, &sections, &ids(&["z"])).unwrap_err();
        assert_eq!(err.known, ids(&["a", "b"]));
        assert_eq!(parse_picked(&format_picked(&picked)), picked);
    }
}
