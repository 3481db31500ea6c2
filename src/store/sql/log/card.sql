-- Card ?1's whole log, in replay order: (clock, device, seq)
-- of its origin (docs/sync.md), which is log order for one device's rows
-- (columns: see row_to_log_entry, with an import's FSRS memory).
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses,
       m.stability AS import_stability, m.difficulty AS import_difficulty
FROM review_log r
LEFT JOIN event_origin o ON o.log_id = r.id
LEFT JOIN import_memory m ON m.log_id = r.id
WHERE r.card_id = ?1
ORDER BY o.clock_ms, o.device, o.seq, r.id
