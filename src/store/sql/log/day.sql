-- Every row logged on day ?1, in log order, through review_log_by_day.
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses
FROM review_log r
WHERE r.day = ?1
ORDER BY r.id
