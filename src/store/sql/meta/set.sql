-- Sets ?1 to ?2, writing nothing when it already has that value.
INSERT INTO meta (key, value) VALUES (?1, ?2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value
WHERE value IS NOT excluded.value
