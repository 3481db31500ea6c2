-- Every note type an import carried.
SELECT id, name, cloze, fields, templates, css, mtime_secs FROM anki_notetypes ORDER BY id
