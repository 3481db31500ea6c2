-- Card ?1's state: reps, ef, interval, due, lapses, suspended, buried_until,
-- last_review, and the FSRS memory stability, difficulty (NULL under SM-2).
UPDATE card_state SET reps = ?2, ef = ?3, interval = ?4, due = ?5, lapses = ?6,
                      suspended = ?7, buried_until = ?8, last_review = ?9,
                      stability = ?10, difficulty = ?11
WHERE card_id = ?1
