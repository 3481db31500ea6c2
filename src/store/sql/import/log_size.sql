-- About how many rows the log holds (rows are never deleted): its last id.
SELECT COALESCE(max(id), 0) FROM review_log
