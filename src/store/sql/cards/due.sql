-- Cards to review on ?1: scheduled, due on or before it, neither suspended,
-- retired nor buried past it, of the decks in the JSON array ?2 (NULL: all);
-- by due day, then id. A range scan of card_state_queue on (suspended = 0,
-- due <= ?1); CROSS JOIN keeps SQLite from walking every active card in
-- `ord` order instead.
SELECT s.card_id, s.due FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue
  ON c.id = s.card_id
WHERE s.suspended = 0 AND s.due <= ?1
  AND (s.buried_until IS NULL OR s.buried_until <= ?1)
  AND c.retired = 0
  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
ORDER BY s.due, s.card_id
