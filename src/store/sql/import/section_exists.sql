-- 1 if section ?1 exists.
SELECT 1 FROM sections WHERE id = ?1
