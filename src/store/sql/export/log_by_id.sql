-- The whole review log in table order (sequential pages, no index), with
-- the columns of log.sql but without what was typed (NULL): an Anki revlog
-- row has no place for it; nor for an import's FSRS memory (NULL): the
-- revlog's intervals are an SM-2 replay's, and a card's memory is written
-- from its stored state. The caller keeps the rows of its cards.
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, NULL, r.reps, r.ef, r.interval, r.due, r.lapses,
       NULL AS import_stability, NULL AS import_difficulty
FROM review_log r
ORDER BY r.id
