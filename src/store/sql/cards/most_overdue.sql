-- The due cards of due.sql up to the day of the (?3 + 1)-th most overdue
-- one, all of that day included, so the caller can shuffle within a day and
-- still read a few hundred rows rather than every due card of a large backlog.
-- The cutoff day is the only upper bound of the outer range: with a bound of
-- ?1 beside it (the CTE used twice before), SQLite bounded the range by ?1 and
-- only filtered by the cutoff, walking every due card (38k of an Anki-shaped
-- 100k collection: 437k VM steps; now 18k). The cutoff is never after ?1.
-- Only card_state_queue is walked: a retired card (few) or one of another
-- deck is left out by a set built once from cards_by_ord / cards_by_deck,
-- not by probing cards_queue per row (540 random pages of a 100k collection
-- for 621 due cards; now 15).
SELECT s.card_id, s.due FROM card_state s
WHERE s.suspended = 0
  AND s.due <= (
    SELECT coalesce((
        SELECT s.due FROM card_state s
        WHERE s.suspended = 0 AND s.due <= ?1
          AND (s.buried_until IS NULL OR s.buried_until <= ?1)
          AND s.card_id NOT IN (SELECT id FROM cards WHERE retired = 1)
          AND (?2 IS NULL OR s.card_id IN (SELECT id FROM cards WHERE deck IN (SELECT value FROM json_each(?2))))
        ORDER BY s.due LIMIT 1 OFFSET ?3), ?1))
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND s.card_id NOT IN (SELECT id FROM cards WHERE retired = 1)
  AND (?2 IS NULL OR s.card_id IN (SELECT id FROM cards WHERE deck IN (SELECT value FROM json_each(?2))))
ORDER BY s.due, s.card_id
