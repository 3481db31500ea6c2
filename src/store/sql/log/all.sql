-- The whole log in table order: a sequential scan (for the export).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses
FROM review_log r
ORDER BY r.id
