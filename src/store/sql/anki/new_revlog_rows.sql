-- The tail of add_revlog_rows.sql: a row whose id is taken is not inserted,
-- and the ids of those that were come back, so the writer can move the
-- others to a free millisecond.
ON CONFLICT (id) DO NOTHING RETURNING id
