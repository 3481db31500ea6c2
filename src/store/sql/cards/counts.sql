-- The collection at a glance: active cards in all, new, learning (interval
-- under ?1 days), mature, suspended; and retired cards.
SELECT count(*) FILTER (WHERE c.retired = 0),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NULL),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval < ?1),
       count(*) FILTER (WHERE c.retired = 0 AND s.due IS NOT NULL AND s.interval >= ?1),
       count(*) FILTER (WHERE c.retired = 0 AND s.suspended = 1),
       count(*) FILTER (WHERE c.retired = 1)
-- card_state then the covering cards_queue: the wide card rows are not read.
FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
