-- The times (ms) of card ?1's answers given in recall (not imported from an
-- Anki revlog), oldest first.
SELECT at_ms FROM review_log
WHERE card_id = ?1 AND event = 'answer'
  AND at_ms NOT IN (SELECT revlog_id FROM anki_revlog WHERE card_id = ?1)
ORDER BY at_ms
