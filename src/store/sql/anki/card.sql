-- One card of cards.sql, by id (?1): the same columns, read as the import plans it.
SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, mod, type, queue,
       CASE WHEN odid != 0 AND odue != 0 THEN odue ELSE due END, ivl, factor, reps, lapses,
       CASE WHEN typeof(data) = 'text' AND json_valid(data) = 1 THEN
           -- Nested: json_type runs only on valid JSON, which a CASE guarantees.
           CASE WHEN json_type(data, '$.s') IN ('real', 'integer')
                     AND json_type(data, '$.d') IN ('real', 'integer')
                THEN json_object('s', json_extract(data, '$.s'),
                                 'd', json_extract(data, '$.d'))
                ELSE '' END
       ELSE '' END,
       CASE WHEN data IS NULL OR (typeof(data) = 'text' AND trim(data) = '') THEN ''
            WHEN typeof(data) = 'text' AND json_valid(data) = 1 AND json_type(data) = 'object' THEN
                coalesce((SELECT substr(group_concat(key, ', '), 1, 200)
                          FROM (SELECT key FROM json_each(cards.data)
                                WHERE key NOT IN ('s', 'd', 'lrt') ORDER BY key)), '')
            ELSE 'data' END
FROM cards
WHERE id = ?1
