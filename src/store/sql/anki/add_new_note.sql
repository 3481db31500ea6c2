-- add_note.sql, unless a note of that id is there already (a note an
-- import carried, added by another of its cards): then nothing.
INSERT INTO notes VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, 0, '')
ON CONFLICT (id) DO NOTHING
