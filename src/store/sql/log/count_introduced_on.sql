-- Cards whose first not-undone Schedule answer is on day ?1: that day's
-- Schedule answers that are not reviews (no earlier not-undone Schedule answer
-- of the card), from day_stats (store/day_stats.rs), one row.
SELECT coalesce((SELECT scheduled - young - mature FROM day_stats WHERE day = ?1), 0)
