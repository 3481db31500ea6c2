-- Cards with their state and leech tag (columns as in get.sql) whose deck
-- matches the GLOB ?1 (NULL: any), due on or before ?2 (NULL: any), retired
-- ones only if ?3; in introduction order.
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       EXISTS (SELECT 1 FROM card_tags t WHERE t.card_id = c.id AND t.tag = 'leech')
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE (?1 IS NULL OR c.deck GLOB ?1) AND (?2 IS NULL OR s.due <= ?2) AND (?3 OR c.retired = 0)
ORDER BY c.ord, c.id
