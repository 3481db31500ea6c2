-- The data (JSON) of the card ?1.
UPDATE cards SET data = ?2 WHERE id = ?1
