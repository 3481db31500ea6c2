-- Up to two card ids in [?1, ?2): enough to tell a unique prefix from an ambiguous one.
SELECT id FROM cards WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2
