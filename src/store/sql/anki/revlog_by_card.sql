-- The revlog copied into the connection's temp database in card order,
-- indexed by card: the import plans card by card in its own order (not
-- the revlog's), and reads each card's rows from neighbouring pages
-- instead of all over the file, whether or not the package indexes `cid`.
-- Only this connection sees the copy; SQLite's sort and the temp pages
-- spill to its temp files, so the memory does not grow with the revlog.
CREATE TEMP TABLE revlog_by_card AS
SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM main.revlog ORDER BY cid, id;
CREATE INDEX temp.revlog_by_card_cid ON revlog_by_card (cid, id);
