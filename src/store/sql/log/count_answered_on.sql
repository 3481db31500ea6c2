-- Not-undone answers on day ?1 that counted as schedule or repeat (not drills).
SELECT count(*)
FROM review_log r
WHERE r.day = ?1 AND r.event = 'answer' AND r.effect IN ('schedule', 'repeat')
  AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id)
