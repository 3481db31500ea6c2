-- The times (ms) of card ?1's answers and the Anki revlog ids in its log:
-- an Anki answer with one of these is already there.
SELECT at_ms FROM review_log WHERE card_id = ?1 AND event = 'answer'
UNION
SELECT revlog_id FROM anki_revlog WHERE card_id = ?1
