-- The card and event of log row ?1, and whether no undo targets it yet.
SELECT r.card_id, r.event,
       NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
FROM review_log r
WHERE r.id = ?1
