-- The revlog copied into the connection's temp database in the order the
-- import plans its cards (plan_order.sql), each card's rows by id: the
-- planner then reads it front to back (revlog_from.sql), each card's rows
-- right after the card before's, instead of looking each card up in an
-- index all over the file. Rows of a card the file lacks are never read.
-- Only this connection sees the copy; SQLite's sort and the temp pages
-- spill to its temp files, so the memory does not grow with the revlog.
CREATE TEMP TABLE revlog_in_plan_order AS
SELECT p.pos, r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type
FROM main.revlog r JOIN temp.plan_order p ON p.cid = r.cid
ORDER BY p.pos, r.id;
DROP TABLE temp.plan_order;
