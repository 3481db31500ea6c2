-- The whole log, by card and then log order (for the check).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses
FROM review_log r
ORDER BY r.card_id, r.id
