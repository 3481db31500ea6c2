-- The staged rows by time, then card, then arrival (a card's answers of one
-- millisecond stay in log order): SQLite's sorter, which spills to disk.
SELECT at, cid, ease, ivl, last_ivl, factor, time, type
FROM temp.staged_revlog ORDER BY at, cid, rowid
