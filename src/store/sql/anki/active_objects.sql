-- What in a package's collection would run SQL when read: views, triggers
-- and virtual tables (type, name), in schema order. A collection recall
-- reads holds plain tables and indexes only.
SELECT type, name FROM sqlite_schema
WHERE type IN ('view', 'trigger')
   OR (type = 'table' AND upper(ltrim(sql)) LIKE 'CREATE VIRTUAL TABLE%')
ORDER BY rowid
