-- Not-undone Schedule answers on day ?1 of cards that were not new then (a
-- not-undone Schedule answer of the card comes before them): that day's
-- young and mature reviews in day_stats (store/day_stats.rs), one row.
SELECT coalesce((SELECT young + mature FROM day_stats WHERE day = ?1), 0)
