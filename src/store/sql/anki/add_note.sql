-- A note: id, guid, note type, mtime (s), tags, fields, sort field, checksum.
INSERT INTO notes VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, 0, '')
