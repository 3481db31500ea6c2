-- Field names per note type, in order (schema 15 on).
SELECT ntid, name FROM fields ORDER BY ntid, ord
