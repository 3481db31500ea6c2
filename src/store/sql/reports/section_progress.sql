-- Every section in roadmap order with its active cards by stage: new,
-- learning (interval under ?1 days), mature, suspended.
SELECT x.id, x.title, x.goal,
       count(c.id) FILTER (WHERE s.due IS NULL),
       count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval < ?1),
       count(c.id) FILTER (WHERE s.due IS NOT NULL AND s.interval >= ?1),
       count(c.id) FILTER (WHERE s.suspended = 1)
FROM sections x
LEFT JOIN cards c ON c.deck = x.id AND c.retired = 0
LEFT JOIN card_state s ON s.card_id = c.id
GROUP BY x.id ORDER BY x.ord
