-- The revlog rows of revlog_in_plan_order.sql's copy from row ?1 on, in
-- plan order, each with its row and its card's position: the planner reads
-- one card's rows and stops at the next card's.
SELECT rowid, pos, id, cid, ease, ivl, lastIvl, factor, time, type
FROM temp.revlog_in_plan_order WHERE rowid >= ?1 ORDER BY rowid
