-- Whether card ?1 is retired, and its state (reps .. last_review, then the
-- FSRS memory, read by name), before a write.
SELECT c.retired, s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until,
       s.last_review, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE c.id = ?1
