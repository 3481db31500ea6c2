SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id
