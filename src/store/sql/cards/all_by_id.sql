-- Every card with its state and leech tag (columns as in get.sql), by id.
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       EXISTS (SELECT 1 FROM card_tags t WHERE t.card_id = c.id AND t.tag = 'leech'),
       c.exact, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
ORDER BY c.id
