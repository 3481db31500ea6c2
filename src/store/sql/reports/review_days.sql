-- Days studied, as the streak counts them (any not-undone answer, drills
-- too): the days of day_stats with an answer, one row a day.
SELECT day FROM day_stats WHERE answers > 0 ORDER BY day
