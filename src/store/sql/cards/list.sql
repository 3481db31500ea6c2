-- Cards with their state and leech tag (columns as in get.sql), every filter
-- that is not NULL holding:
--   ?1  the deck matches this GLOB
--   ?2  a review due on that day: exactly the WHERE of due.sql (which
--       reports/due_count.sql counts); a test holds them equal
--   ?3  retired cards too (else only with ?6 = 'retired')
--   ?4  text (lower case) in the prompt, answer, note or a tag, compared in
--       recall_fold's Unicode lower case (registered by Cards::list)
--   ?5  the topic, or one of its subtopics (`phase-2/5` takes `phase-2/5.1`)
--   ?6  the stage, as `cards --state` names it (this is its one definition;
--       ?7 is today, ?8 the mature interval in days)
-- in the order ?9 names (ties, and 'roadmap', in introduction order).
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       s.reps, s.ef, s.interval, s.due, s.lapses, s.suspended, s.buried_until, s.last_review,
       EXISTS (SELECT 1 FROM card_tags t WHERE t.card_id = c.id AND t.tag = 'leech'),
       c.exact, s.stability, s.difficulty
FROM cards c JOIN card_state s ON s.card_id = c.id
WHERE (?1 IS NULL OR c.deck GLOB ?1)
  AND (?2 IS NULL OR (s.suspended = 0 AND s.due <= ?2
                      AND (s.buried_until IS NULL OR s.buried_until <= ?2)
                      AND c.retired = 0))
  AND (?3 OR ?6 IS 'retired' OR c.retired = 0)
  AND (?4 IS NULL OR instr(recall_fold(c.prompt), ?4) OR instr(recall_fold(c.answer), ?4)
       OR instr(recall_fold(c.note), ?4)
       OR EXISTS (SELECT 1 FROM card_tags t
                  WHERE t.card_id = c.id AND instr(recall_fold(t.tag), ?4)))
  AND (?5 IS NULL OR c.topic = ?5 OR substr(c.topic, 1, length(?5) + 1) = ?5 || '.')
  AND (?6 IS NULL
       OR (?6 = 'new' AND s.due IS NULL)
       OR (?6 = 'learning' AND s.due IS NOT NULL AND s.interval < ?8)
       OR (?6 = 'review' AND s.due IS NOT NULL)
       OR (?6 = 'mature' AND s.due IS NOT NULL AND s.interval >= ?8)
       OR (?6 = 'suspended' AND s.suspended = 1)
       OR (?6 = 'buried' AND s.buried_until > ?7)
       OR (?6 = 'leech' AND EXISTS (SELECT 1 FROM card_tags t
                                    WHERE t.card_id = c.id AND t.tag = 'leech'))
       OR (?6 = 'retired' AND c.retired = 1))
ORDER BY CASE ?9 WHEN 'due' THEN coalesce(s.due, 2147483647) END,
         CASE ?9 WHEN 'ef' THEN s.ef END,
         CASE ?9 WHEN 'lapses' THEN -s.lapses END,
         CASE ?9 WHEN 'interval' THEN -s.interval END,
         CASE ?9 WHEN 'added' THEN -c.added_ms END,
         c.ord, c.id
