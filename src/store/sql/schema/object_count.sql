-- Tables, indexes, views and triggers: none in a new file.
SELECT count(*) FROM sqlite_schema
