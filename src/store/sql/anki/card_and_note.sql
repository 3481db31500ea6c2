-- One card of cards.sql, by id (?1): the same columns, read as the import
-- plans it, then its note as notes.sql gives it (NULL fields past ?2 bytes;
-- all NULL if the file lacks the note): one statement, not two, a card.
SELECT cards.id, cards.nid, CASE WHEN cards.odid != 0 THEN cards.odid ELSE cards.did END, cards.ord, cards.mod, cards.type, cards.queue,
       CASE WHEN cards.odid != 0 AND cards.odue != 0 THEN cards.odue ELSE cards.due END, cards.ivl, cards.factor, cards.reps, cards.lapses,
       CASE WHEN typeof(cards.data) = 'text' AND json_valid(cards.data) = 1 THEN
           -- Nested: json_type runs only on valid JSON, which a CASE guarantees.
           CASE WHEN json_type(cards.data, '$.s') IN ('real', 'integer')
                     AND json_type(cards.data, '$.d') IN ('real', 'integer')
                THEN json_object('s', json_extract(cards.data, '$.s'),
                                 'd', json_extract(cards.data, '$.d'))
                ELSE '' END
       ELSE '' END,
       CASE WHEN cards.data IS NULL OR (typeof(cards.data) = 'text' AND trim(cards.data) = '') THEN ''
            WHEN typeof(cards.data) = 'text' AND json_valid(cards.data) = 1 AND json_type(cards.data) = 'object' THEN
                coalesce((SELECT substr(group_concat(key, ', '), 1, 200)
                          FROM (SELECT key FROM json_each(cards.data)
                                WHERE key NOT IN ('s', 'd', 'lrt') ORDER BY key)), '')
            ELSE 'data' END,
       notes.id, notes.guid, notes.mid, notes.mod, notes.tags,
       CASE WHEN octet_length(notes.flds) > ?2 THEN NULL ELSE notes.flds END,
       octet_length(notes.flds)
FROM cards LEFT JOIN notes ON notes.id = cards.nid
WHERE cards.id = ?1
