-- The state row of card ?1 (columns as in update_state.sql).
INSERT INTO card_state (card_id, reps, ef, interval, due, lapses, suspended, buried_until,
                        last_review, stability, difficulty)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
