-- Active cards that lapsed ?1 times or more.
SELECT count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.retired = 0 AND s.lapses >= ?1
