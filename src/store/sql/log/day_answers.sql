-- The answers and undos logged on day ?1, in log order, through the partial
-- index review_log_study_by_day: the day's `import` rows (one per card an
-- import brought in that day) are not read, so no FSRS memory either.
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses,
       NULL AS import_stability, NULL AS import_difficulty
FROM review_log r
WHERE r.day = ?1 AND r.event IN ('answer', 'undo')
ORDER BY r.id
