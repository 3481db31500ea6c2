-- One note of notes.sql, by id (?2): NULL fields past ?1 bytes, as there.
SELECT id, guid, mid, mod, tags,
       CASE WHEN octet_length(flds) > ?1 THEN NULL ELSE flds END,
       octet_length(flds)
FROM notes WHERE id = ?2
