-- Not-undone Schedule answers on day ?1 of cards that were not new then (a
-- not-undone Schedule answer of the card comes before them).
SELECT count(*)
FROM review_log r
WHERE r.day = ?1 AND r.event = 'answer' AND r.effect = 'schedule'
  AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
  AND EXISTS (SELECT 1 FROM review_log p
              WHERE p.card_id = r.card_id AND p.id < r.id
                AND p.event = 'answer' AND p.effect = 'schedule'
                AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = p.id))
