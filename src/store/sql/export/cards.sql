-- The active cards whose deck matches the GLOB ?1 (NULL: all), in
-- introduction order, with their state (columns as in cards/get.sql, without
-- the leech tag), when they were added and last changed (22, 23), NULL where
-- by_deck.sql has the tags (25: tags.sql reads them beside), which Anki card
-- and note an import carried them from (26-33, NULL if none) and, if ?2,
-- whether the log has a row of them (34; 0 if not asked: a probe per card). Read by a cursor, in the order of log.sql and
-- tags.sql, so that each card's log and tags follow it.
-- Then the FSRS memory by name (stability, difficulty; NULL under SM-2).
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       c.added_ms, c.updated_ms, c.exact,
       NULL,
       ac.anki_id, ac.ord, an.guid, an.id, an.notetype_id, an.fields, an.tags, an.mtime_secs,
       CASE WHEN ?2 THEN EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = c.id) ELSE 0 END,
       s.stability, s.difficulty
FROM cards c
JOIN card_state s ON s.card_id = c.id
LEFT JOIN anki_cards ac ON ac.card_id = c.id
LEFT JOIN anki_notes an ON an.guid = ac.guid
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY c.ord, c.id
