-- cards.sql (same columns) deck by deck, in the order of the JSON array of
-- deck ids ?2, and in introduction order within a deck: what a per-deck
-- export (Markdown) writes, read by one cursor.
WITH wanted(deck, rank) AS (SELECT value, key FROM json_each(?2))
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       c.added_ms, c.updated_ms, c.exact,
       (SELECT json_group_array(tag)
        FROM (SELECT t.tag FROM card_tags t WHERE t.card_id = c.id ORDER BY t.added_ms, t.tag)),
       ac.anki_id, ac.ord, an.guid, an.id, an.notetype_id, an.fields, an.tags, an.mtime_secs,
       EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = c.id),
       s.stability, s.difficulty
FROM wanted w
JOIN cards c ON c.deck = w.deck
JOIN card_state s ON s.card_id = c.id
LEFT JOIN anki_cards ac ON ac.card_id = c.id
LEFT JOIN anki_notes an ON an.guid = ac.guid
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY w.rank, c.ord, c.id
