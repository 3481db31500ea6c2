-- Note ?1 (guid) as Anki had it: id, note type, fields JSON, tags JSON,
-- mtime; a newer one replaces it.
INSERT INTO anki_notes (guid, id, notetype_id, fields, tags, mtime_secs)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (guid) DO UPDATE SET id = excluded.id, notetype_id = excluded.notetype_id,
    fields = excluded.fields, tags = excluded.tags, mtime_secs = excluded.mtime_secs
WHERE excluded.mtime_secs > anki_notes.mtime_secs
