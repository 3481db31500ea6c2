-- Scheduled active cards by interval (days).
SELECT s.interval, count(*) FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.retired = 0 AND s.due IS NOT NULL
GROUP BY s.interval ORDER BY s.interval
