-- Up to ?3 never-scheduled cards, neither suspended, retired nor buried past
-- ?1, of the decks in the JSON array ?2 (NULL: all), in introduction order:
-- the point (suspended = 0, due IS NULL) of card_state_queue.
SELECT s.card_id FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
  ON c.id = s.card_id
WHERE s.suspended = 0 AND s.due IS NULL
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND c.retired = 0
  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
ORDER BY c.ord, c.id
LIMIT ?3
