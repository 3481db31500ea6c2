-- The FSRS memory and last scheduled answer of every review card: answered
-- (a due day), not suspended, not retired, with a memory (FSRS scheduled it).
SELECT s.stability, s.difficulty, s.last_review
FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.retired = 0 AND s.suspended = 0 AND s.due IS NOT NULL
  AND s.stability IS NOT NULL AND s.difficulty IS NOT NULL AND s.last_review IS NOT NULL
