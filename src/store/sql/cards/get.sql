-- A card with its state and leech tag, by id. Columns: the card (0-13,
-- `retired` last), its state (14-21), the leech tag (22),
-- `exact` and the FSRS memory `stability`, `difficulty` (read by name); see
-- row_to_card_record.
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       EXISTS (SELECT 1 FROM card_tags t WHERE t.card_id = c.id AND t.tag = 'leech'),
       c.exact, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE c.id = ?1
