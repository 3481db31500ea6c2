-- The generated columns (computed on read) of the plain tables, as
-- (table, column): `table_xinfo` marks them hidden = 2 (virtual) or 3 (stored).
SELECT t.name, c.name FROM sqlite_schema t, pragma_table_xinfo(t.name) c
WHERE t.type = 'table' AND c.hidden IN (2, 3)
ORDER BY t.rowid
