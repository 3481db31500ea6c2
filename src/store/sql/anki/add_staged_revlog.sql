-- Staged revlog rows, many per statement; the code appends one
-- "(?, ?, ?, ?, ?, ?, ?, ?)" per row (time, card, ease, ivl, lastIvl,
-- factor, time taken, type), comma-separated.
INSERT INTO temp.staged_revlog VALUES
