-- Scheduled answers from ?1 to ?2 per day, split into young and mature (21
-- days or more since the card's previous scheduled answer, MATURE_INTERVAL),
-- with how many passed (quality >= 3, PASSING_QUALITY): a range of day_stats,
-- kept per answer by the triggers of migration 005 (`recall check` compares
-- it with the one-pass `lag` recomputation in sql/check/day_stats_diff.sql).
-- A card's first scheduled answer is an introduction, not a review.
SELECT day, 0 AS mature, young, young_passed FROM day_stats
WHERE day >= ?1 AND day <= ?2 AND young > 0
UNION ALL
SELECT day, 1, mature, mature_passed FROM day_stats
WHERE day >= ?1 AND day <= ?2 AND mature > 0
ORDER BY 1, 2
