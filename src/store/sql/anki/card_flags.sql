-- The cards with a flag (the low three bits of `flags`: red … purple).
SELECT id, flags & 7 FROM cards WHERE flags & 7 != 0 ORDER BY id
