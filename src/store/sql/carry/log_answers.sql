-- The times (ms) of card ?1's answers, oldest first.
SELECT at_ms FROM review_log WHERE card_id = ?1 AND event = 'answer' ORDER BY at_ms
