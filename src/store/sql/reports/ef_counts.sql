-- Scheduled active cards by ease factor (hundredths).
SELECT s.ef, count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.retired = 0 AND s.due IS NOT NULL
GROUP BY s.ef ORDER BY s.ef
