-- The decks of the active cards, in roadmap (introduction) order.
SELECT deck FROM cards WHERE retired = 0 GROUP BY deck ORDER BY min(ord), deck
