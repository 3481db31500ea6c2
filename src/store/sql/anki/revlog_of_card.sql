-- The revlog rows of card ?1 in time order, from revlog_by_card.sql's copy.
SELECT id, cid, ease, ivl, lastIvl, factor, time, type
FROM temp.revlog_by_card WHERE cid = ?1 ORDER BY id
