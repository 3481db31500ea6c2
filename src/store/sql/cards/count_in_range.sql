-- How many card ids lie in [?1, ?2).
SELECT count(*) FROM cards WHERE id >= ?1 AND id < ?2
