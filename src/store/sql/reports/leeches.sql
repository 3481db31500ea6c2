-- The ?2 active cards that lapsed most, from ?1 lapses on.
SELECT c.id, c.topic, c.prompt, s.lapses, s.suspended
FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.retired = 0 AND s.lapses >= ?1
ORDER BY s.lapses DESC, c.ord, c.id
LIMIT ?2
