-- Days whose stored day_stats row differs from a recomputation from the log
-- (rows of all zeros count as absent): day, then the stored and the
-- recomputed answers, reviews, scheduled, young, young_passed, mature, mature_passed,
-- as one text each ('' when absent). ?1 = MATURE_INTERVAL, ?2 = PASSING_QUALITY.
-- Each card's answers in replay order (log/card.sql).
WITH counted AS (
    SELECT r.day, count(*) AS answers, sum(r.effect IN ('schedule', 'repeat')) AS reviews,
           sum(r.effect = 'schedule') AS scheduled
    FROM review_log r NOT INDEXED
    WHERE r.event = 'answer'
      AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
    GROUP BY r.day
),
gaps AS (
    SELECT r.day, r.quality,
           r.day - lag(r.day) OVER (PARTITION BY r.card_id
                                    ORDER BY o.clock_ms, o.device, o.seq, r.id) AS gap
    FROM review_log r
    LEFT JOIN event_origin o ON o.log_id = r.id
    WHERE r.event = 'answer' AND r.effect = 'schedule'
      AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
),
retained AS (
    SELECT day, sum(gap < ?1) AS young, sum(gap < ?1 AND quality >= ?2) AS young_passed,
           sum(gap >= ?1) AS mature, sum(gap >= ?1 AND quality >= ?2) AS mature_passed
    FROM gaps WHERE gap IS NOT NULL GROUP BY day
),
recomputed AS (
    SELECT c.day, c.answers || ' ' || c.reviews || ' ' || c.scheduled || ' ' || coalesce(t.young, 0) || ' '
           || coalesce(t.young_passed, 0) || ' ' || coalesce(t.mature, 0) || ' '
           || coalesce(t.mature_passed, 0) AS v
    FROM counted c LEFT JOIN retained t ON t.day = c.day
),
stored AS (
    SELECT day, answers || ' ' || reviews || ' ' || scheduled || ' ' || young || ' ' || young_passed || ' '
           || mature || ' ' || mature_passed AS v
    FROM day_stats
    WHERE answers <> 0 OR reviews <> 0 OR scheduled <> 0 OR young <> 0 OR young_passed <> 0
       OR mature <> 0 OR mature_passed <> 0
)
SELECT s.day, s.v, coalesce(r.v, '') FROM stored s LEFT JOIN recomputed r ON r.day = s.day
WHERE r.v IS NOT s.v
UNION ALL
SELECT r.day, '', r.v FROM recomputed r
WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.day = r.day)
ORDER BY 1
