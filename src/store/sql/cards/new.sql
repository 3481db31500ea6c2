-- Up to ?3 never-scheduled cards, neither suspended, retired nor buried past
-- ?1, of the decks in the JSON array ?2 (NULL: all), in introduction order:
-- a walk of new_cards (migration 010) in (ord, id) order that stops at the
-- ?3-th card that passes, instead of sorting every new card. The conditions
-- new_cards stands for are tested again, so a damaged table shows no wrong card.
SELECT n.card_id FROM new_cards n
  CROSS JOIN card_state s ON s.card_id = n.card_id
  CROSS JOIN cards c INDEXED BY cards_queue ON c.id = n.card_id
WHERE s.suspended = 0 AND s.due IS NULL
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND c.retired = 0
  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
ORDER BY n.ord, n.card_id
LIMIT ?3
