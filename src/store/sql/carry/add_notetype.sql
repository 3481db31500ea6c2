-- Note type ?1 as Anki had it (name, cloze, fields JSON, templates JSON,
-- css, mtime); a newer one replaces it.
INSERT INTO anki_notetypes (id, name, cloze, fields, templates, css, mtime_secs)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, cloze = excluded.cloze,
    fields = excluded.fields, templates = excluded.templates, css = excluded.css,
    mtime_secs = excluded.mtime_secs
WHERE excluded.mtime_secs >= anki_notetypes.mtime_secs
