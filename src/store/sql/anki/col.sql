-- When the collection was created (s) and its schema version.
SELECT crt, ver FROM col
