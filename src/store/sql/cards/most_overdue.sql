-- The due cards of due.sql up to the day of the (?3 + 1)-th most overdue
-- one, all of that day included, so the caller can shuffle within a day and
-- still read a few hundred rows rather than every due card of a large backlog.
-- NOT MATERIALIZED: used twice, the CTE would otherwise be computed whole
-- (every due card: 38k of an Anki-shaped 100k collection) and sorted; inlined,
-- the OFFSET walks card_state_queue in due order and stops at ?3 + 1 rows.
WITH due AS NOT MATERIALIZED (
    SELECT s.card_id, s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
      ON c.id = s.card_id
    WHERE s.suspended = 0 AND s.due <= ?1
      AND (s.buried_until IS NULL OR s.buried_until <= ?1)
      AND c.retired = 0
      AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
)
SELECT card_id, due FROM due
WHERE due <= coalesce((SELECT due FROM due ORDER BY due LIMIT 1 OFFSET ?3), ?1)
ORDER BY due, card_id
