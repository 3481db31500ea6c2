-- Every section in roadmap order with its active cards by stage: new,
-- learning (interval under ?1 days), mature, suspended. The cards are counted
-- per deck in one pass over card_state and the covering cards_queue (no wide
-- card row read), then matched to their sections.
SELECT x.id, x.title, x.goal,
       coalesce(a.new, 0), coalesce(a.learning, 0), coalesce(a.mature, 0),
       coalesce(a.suspended, 0)
FROM sections x
LEFT JOIN (SELECT c.deck,
                  count(*) FILTER (WHERE s.due IS NULL) AS new,
                  count(*) FILTER (WHERE s.due IS NOT NULL AND s.interval < ?1) AS learning,
                  count(*) FILTER (WHERE s.due IS NOT NULL AND s.interval >= ?1) AS mature,
                  count(*) FILTER (WHERE s.suspended = 1) AS suspended
           FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
           WHERE c.retired = 0
           GROUP BY c.deck) a ON a.deck = x.id
ORDER BY x.ord
