-- The decks of the cards of cards.sql (same ?1), in the order of their
-- first card there.
SELECT deck FROM (
    SELECT c.deck, c.ord, c.id,
           row_number() OVER (PARTITION BY c.deck ORDER BY c.ord, c.id) AS n
    FROM cards c
    WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
)
WHERE n = 1
ORDER BY ord, id
