-- The log rows an undo took back (the partial unique index on target).
SELECT target FROM review_log WHERE target IS NOT NULL
