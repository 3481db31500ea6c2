-- The setting ?1.
SELECT value FROM meta WHERE key = ?1
