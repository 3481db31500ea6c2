-- Active, unsuspended cards due before ?2, counted by the day they show up:
-- overdue ones on ?1 (today), buried ones on the day they come back.
SELECT max(s.due, coalesce(s.buried_until, s.due), ?1) AS d, count(*)
FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
WHERE s.suspended = 0 AND s.due < ?2 AND c.retired = 0
GROUP BY d ORDER BY d
