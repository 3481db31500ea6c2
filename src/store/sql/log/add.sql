-- Appends a row: card, at_ms, day, event, quality, effect, target, until_day,
-- elapsed_ms, typed, and for an import event the state it sets (reps .. lapses).
INSERT INTO review_log (card_id, at_ms, day, event, quality, effect, target, until_day,
                        elapsed_ms, typed, reps, ef, interval, due, lapses)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
