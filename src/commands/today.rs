//! Today's session as `review`, `next` and `stats` all see it: the store's
//! view of the day, planned by [`Session::plan`].

use crate::card::DeckPattern;
use crate::day::Day;
use crate::error::{Error, Result};
use crate::session::plan::{self, matching_sections, new_card_sections};
use crate::session::{pending_repeats, DayProgress, Limits, Session};
use crate::store::Store;

/// Meta key holding the specialization tracks a learner picked.
pub const TRACKS_KEY: &str = "tracks";

/// The track sections (`track-b`) the learner picked, in the order picked.
pub fn picked_tracks(store: &Store) -> Result<Vec<String>> {
    Ok(plan::parse_picked(
        &store.get_meta(TRACKS_KEY)?.unwrap_or_default(),
    ))
}

/// Remember the tracks whose new cards the learner wants (`--track b`).
pub fn pick_tracks(store: &mut Store, tracks: &[String]) -> Result<()> {
    let sections = section_ids(store)?;
    let mut picked = picked_tracks(store)?;
    plan::pick_tracks(&mut picked, &sections, tracks).map_err(|e| {
        Error::Usage(format!(
            "no track {:?} in this roadmap (tracks: {})",
            e.name,
            e.known.join(", ")
        ))
    })?;
    store.set_meta(TRACKS_KEY, &plan::format_picked(&picked))?;
    Ok(())
}

fn section_ids(store: &Store) -> Result<Vec<String>> {
    Ok(store
        .cards()
        .sections()?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

/// Today's session: the day's allowance of due reviews and new cards, then
/// the repeats still owed from earlier today.
pub fn plan_today(
    store: &Store,
    today: Day,
    rng: &mut impl rand::Rng,
    limits: Limits,
    deck: Option<&DeckPattern>,
) -> Result<Session> {
    let sections = section_ids(store)?;
    let due_decks = deck.map(|pat| matching_sections(&sections, Some(pat)));
    let reviewed = store.log().reviewed_on(today)?;
    let review_room = limits.reviews_per_day.saturating_sub(reviewed);
    let due: Vec<_> = store
        .cards()
        .most_overdue(today, due_decks.as_deref(), review_room)?
        .into_iter()
        .map(|d| (d.id, d.due))
        .collect();
    let new_decks = new_card_sections(&sections, &picked_tracks(store)?, deck);
    let new = store
        .cards()
        .new_cards(today, limits.new_per_day, Some(&new_decks))?;
    let mut repeats = Vec::new();
    for card in pending_repeats(&store.log().day_answers(today)?) {
        // The day's `import` rows are not in `day_answers` (an import day
        // has one per card): an owed card's own day decides, since an import
        // after its failed answer (Anki's learning step) takes over.
        let day_log: Vec<_> = store
            .log()
            .card(card)?
            .into_iter()
            .filter(|e| e.day == today)
            .collect();
        if pending_repeats(&day_log).is_empty() {
            continue;
        }
        if store
            .cards()
            .get(card)?
            .is_some_and(|r| !r.retired && r.state.is_askable_on(today))
        {
            repeats.push(card);
        }
    }
    let progress = DayProgress {
        introduced: store.log().introduced_on(today)?,
        reviewed,
        repeats,
    };
    Ok(Session::plan(&due, &new, &progress, limits, rng))
}
