-- Card ?1's whole log, in log order (columns: see row_to_log_entry).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses
FROM review_log r
WHERE r.card_id = ?1
ORDER BY r.id
