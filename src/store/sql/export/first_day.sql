-- The earliest day a card of cards.sql (same ?1) is due or has a log row
-- on (NULL if none): where Anki's day count of the export starts. The log
-- is read by day from its start (CROSS JOIN: the log is the outer loop) and
-- stops at the first row of such a card.
SELECT min(
    (SELECT min(s.due) FROM cards c JOIN card_state s ON s.card_id = c.id
     WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)),
    (SELECT r.day FROM review_log r CROSS JOIN cards c ON c.id = r.card_id
     WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
     ORDER BY r.day LIMIT 1)
)
