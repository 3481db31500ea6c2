-- The notes, in id order. A note whose fields together are longer than ?1
-- bytes comes with NULL fields and its length (octet_length reads only the
-- value's header), so one huge note is skipped, not the whole package.
SELECT id, guid, mid, mod, tags,
       CASE WHEN octet_length(flds) > ?1 THEN NULL ELSE flds END,
       octet_length(flds)
FROM notes ORDER BY id
