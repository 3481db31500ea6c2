-- The due cards of due.sql up to the day of the (?3 + 1)-th most overdue
-- one, all of that day included, so the caller can shuffle within a day and
-- still read a few hundred rows rather than every due card of a large backlog.
-- The cutoff day is the only upper bound of the outer range: with it beside
-- `s.due <= ?1` (a CTE used twice, as before), SQLite bounded the range by
-- ?1 and filtered by the cutoff, walking every due card (38k of an
-- Anki-shaped 100k collection, 437k VM steps); this way the walk stops at the
-- cutoff day (16k steps). The cutoff is never after ?1, so the outer range
-- holds only cards due by then.
SELECT s.card_id, s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
  ON c.id = s.card_id
WHERE s.suspended = 0
  AND s.due <= (
    SELECT coalesce((
        SELECT s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
          ON c.id = s.card_id
        WHERE s.suspended = 0 AND s.due <= ?1
          AND (s.buried_until IS NULL OR s.buried_until <= ?1)
          AND c.retired = 0
          AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
        ORDER BY s.due LIMIT 1 OFFSET ?3), ?1))
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND c.retired = 0
  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
ORDER BY s.due, s.card_id
