-- Scheduled active cards by interval (days).
-- CROSS JOIN to the covering cards_queue: the wide card rows are not read.
SELECT s.interval, count(*) FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
WHERE c.retired = 0 AND s.due IS NOT NULL
GROUP BY s.interval ORDER BY s.interval
