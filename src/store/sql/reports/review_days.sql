-- Days studied, as the streak counts them (any not-undone answer, drills
-- too): each distinct day of the day index, read from the index alone, kept
-- if one of its rows is such an answer (the EXISTS stops at the first).
SELECT d.day FROM (SELECT DISTINCT day FROM review_log) d
WHERE EXISTS (SELECT 1 FROM review_log r
              WHERE r.day = d.day AND r.event = 'answer'
                AND NOT EXISTS (SELECT 1 FROM review_log u WHERE u.target = r.id))
ORDER BY d.day
