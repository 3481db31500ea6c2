-- Revlog rows, many per statement: at a million rows, the cost of a
-- statement per row is most of the time. The code appends one
-- "(?, ?, 0, ?, ?, ?, ?, ?, ?)" per row (id, card, ease, ivl, lastIvl,
-- factor, time, type), comma-separated.
INSERT INTO revlog VALUES
