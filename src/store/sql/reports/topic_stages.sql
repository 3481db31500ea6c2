-- The topics of section ?2 that have active cards, with those cards by
-- stage: new, learning (interval under ?1 days), mature, suspended.
SELECT c.topic,
       count(c.id) FILTER (WHERE s.due IS NULL),
       count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval < ?1),
       count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval >= ?1),
       count(c.id) FILTER (WHERE s.suspended = 1)
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE c.deck = ?2 AND c.retired = 0
GROUP BY c.topic
