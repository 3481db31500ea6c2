-- The log's secondary indexes a large import builds again at its end
-- (name, CREATE statement): not the unique ones, which guard the log.
SELECT name, sql FROM sqlite_schema
WHERE type = 'index' AND tbl_name = 'review_log' AND sql IS NOT NULL
  AND upper(sql) NOT LIKE 'CREATE UNIQUE%'
ORDER BY name
