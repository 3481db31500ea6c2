-- The active cards whose deck matches the GLOB ?1 (NULL: all), with their
-- state (columns as in cards/get.sql, without the leech tag) and when they
-- were added and last changed (22, 23). Read in table order: `+` keeps
-- SQLite off the `retired` index, which would jump around the file per card.
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       c.added_ms, c.updated_ms, c.exact, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE +c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY c.id
