-- Imported log rows, many per statement (a statement journals each page it
-- changes once, and the log's triggers make every insert journal): the code
-- appends one "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" per row,
-- comma-separated, with the columns of sql/log/add.sql.
INSERT INTO review_log (card_id, at_ms, day, event, quality, effect, target, until_day,
                        elapsed_ms, typed, reps, ef, interval, due, lapses)
VALUES
