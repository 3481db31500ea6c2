-- Every row logged on day ?1, in log order, through review_log_by_day, with
-- an import row's FSRS memory (columns: see row_to_log_entry).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses,
       m.stability AS import_stability, m.difficulty AS import_difficulty
FROM review_log r
LEFT JOIN import_memory m ON m.log_id = r.id
WHERE r.day = ?1
ORDER BY r.id
