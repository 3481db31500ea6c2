-- The whole review log in table order (sequential pages, no index), with
-- the columns of log.sql but without what was typed (NULL): an Anki revlog
-- row has no place for it. The caller keeps the rows of its cards.
SELECT r.id, r.card_id, r.at_ms, r.day, r.event, r.quality, r.effect, r.target, r.until_day,
       r.elapsed_ms, NULL, r.reps, r.ef, r.interval, r.due, r.lapses
FROM review_log r
ORDER BY r.id
