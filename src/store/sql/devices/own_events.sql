-- Device ?1's log rows after sequence number ?2, in sequence: the log row
-- (columns 0-15, see row_to_log_entry), then its origin's seq and clock
-- (16, 17), the card's answer (18, NULL for a card not in the collection)
-- and an undo's target's origin (19, 20); the FSRS memory an import row
-- carried (import_memory, read by name), which the sync files carry too.
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, r.typed, r.reps, r.ef, r.interval, r.due, r.lapses,
       o.seq, o.clock_ms, c.answer, t.device, t.seq,
       m.stability AS import_stability, m.difficulty AS import_difficulty
FROM event_origin o
JOIN review_log r ON r.id = o.log_id
LEFT JOIN cards c ON c.id = r.card_id
LEFT JOIN event_origin t ON t.log_id = r.target
LEFT JOIN import_memory m ON m.log_id = r.id
WHERE o.device = ?1 AND o.seq > ?2
ORDER BY o.seq
