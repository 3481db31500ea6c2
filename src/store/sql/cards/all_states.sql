-- Every card's id, whether it is retired, and its state (columns as in
-- writable_state.sql, the FSRS memory read by name), by id: what a
-- reschedule replays, without reading the cards' text.
SELECT c.id, c.retired, s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until,
       s.last_review, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
ORDER BY c.id
