-- The tags of the note of id ?1.
UPDATE notes SET tags = ?2 WHERE id = ?1
