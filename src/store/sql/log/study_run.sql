-- The run of days with a not-undone answer (drills too) that ends today
-- (?1) or, if today has none yet, yesterday, newest first. One query,
-- walking back a day at a time on review_log_by_day, so it reads a few rows
-- per day of the streak rather than the whole log.
WITH RECURSIVE run(day) AS (
    SELECT d FROM (
        SELECT d FROM (SELECT ?1 AS d UNION ALL SELECT ?1 - 1)
        WHERE EXISTS (SELECT 1 FROM review_log r
                      WHERE r.day = d AND r.event = 'answer'
                        AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id))
        ORDER BY d DESC LIMIT 1)
    UNION ALL
    SELECT run.day - 1 FROM run
    WHERE EXISTS (SELECT 1 FROM review_log r
                  WHERE r.day = run.day - 1 AND r.event = 'answer'
                    AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id))
)
SELECT day FROM run ORDER BY day DESC
