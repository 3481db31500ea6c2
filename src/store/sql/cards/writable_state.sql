-- Whether card ?1 is retired, and its state (reps .. last_review), before a write.
SELECT c.retired, s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until,
       s.last_review
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE c.id = ?1
