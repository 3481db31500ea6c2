-- Every note an import carried.
SELECT guid, id, notetype_id, fields, tags, mtime_secs FROM anki_notes ORDER BY id
