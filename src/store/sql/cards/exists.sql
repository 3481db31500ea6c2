-- 1 if card ?1 is in the collection.
SELECT 1 FROM cards WHERE id = ?1
