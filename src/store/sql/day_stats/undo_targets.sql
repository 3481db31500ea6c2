-- The undone answers: read from the partial index review_log_undo_target alone.
SELECT target FROM review_log WHERE target IS NOT NULL
