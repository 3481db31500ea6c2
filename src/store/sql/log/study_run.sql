-- The run of days with a not-undone answer (drills too) that ends today
-- (?1) or, if today has none yet, yesterday, newest first: walking back a
-- day at a time on day_stats (one row a day, `answers` as review_days.sql
-- counts them; `recall check` compares it with the log). Probing the log
-- instead read every row of a day without answers up to the first answer:
-- all 100k `import` rows of the day an Anki package came in.
WITH RECURSIVE run(day) AS (
    SELECT d FROM (
        SELECT d FROM (SELECT ?1 AS d UNION ALL SELECT ?1 - 1)
        WHERE EXISTS (SELECT 1 FROM day_stats s WHERE s.day = d AND s.answers > 0)
        ORDER BY d DESC LIMIT 1)
    UNION ALL
    SELECT run.day - 1 FROM run
    WHERE EXISTS (SELECT 1 FROM day_stats s WHERE s.day = run.day - 1 AND s.answers > 0)
)
SELECT day FROM run ORDER BY day DESC
