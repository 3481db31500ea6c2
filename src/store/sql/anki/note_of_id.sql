-- The guid and tags of the note of id ?1.
SELECT guid, tags FROM notes WHERE id = ?1
