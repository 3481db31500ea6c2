-- The id the next log row gets at the least: rows are never deleted, so every row
-- written from now on has an id at or above it.
SELECT COALESCE(MAX(id), 0) + 1 FROM review_log
