-- Active cards that lapsed ?1 times or more.
-- CROSS JOIN to the covering cards_queue: the wide card rows are not read.
SELECT count(*) FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
WHERE c.retired = 0 AND s.lapses >= ?1
