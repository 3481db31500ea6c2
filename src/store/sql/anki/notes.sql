SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id
