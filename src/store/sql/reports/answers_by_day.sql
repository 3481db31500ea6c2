-- Not-undone review answers (scheduled or same-day repeats) per day from ?1
-- to ?2, for the heatmap: a range of day_stats (one row a day, kept by the
-- review_log triggers of migration 005), not a scan of the log.
SELECT day, reviews FROM day_stats
WHERE day >= ?1 AND day <= ?2 AND reviews > 0
ORDER BY day
