-- Each reviewed card with a moved row: its latest moved id, and its data
-- (which names its latest answer time before the move).
SELECT m.cid, max(m.id), c.data FROM temp.moved_revlog m JOIN cards c ON c.id = m.cid
WHERE c.type != 0 GROUP BY m.cid
