-- The collection at a glance: active cards in all, new, learning (interval
-- under ?1 days), mature, suspended; and retired cards.
SELECT count(*) FILTER (WHERE c.retired = 0),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NULL),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval < ?1),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval >= ?1),
       count(*) FILTER (WHERE c.retired = 0 AND s.suspended = 1),
       count(*) FILTER (WHERE c.retired = 1)
FROM cards c JOIN card_state s ON s.card_id = c.id
