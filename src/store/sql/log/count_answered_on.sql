-- Not-undone answers on day ?1 that counted as schedule or repeat (not
-- drills), from day_stats (store/day_stats.rs), one row.
SELECT coalesce((SELECT reviews FROM day_stats WHERE day = ?1), 0)
