-- The log of the cards of cards.sql (same ?1), card by card in the order of
-- cards.sql and each card's rows in log order: read beside it by a second
-- cursor, so that no more than one card's log is in memory; an import row
-- with the FSRS memory it carried (the JSON export writes it).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses,
       m.stability AS import_stability, m.difficulty AS import_difficulty
FROM cards c
JOIN review_log r ON r.card_id = c.id
LEFT JOIN import_memory m ON m.log_id = r.id
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY c.ord, c.id, r.id
