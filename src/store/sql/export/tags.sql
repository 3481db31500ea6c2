-- The tags of the cards of cards.sql (same ?1), card by card in the order
-- of cards.sql and each card's in the order they were added: read beside
-- it by a second cursor (a subquery per card cost a sorter per card).
SELECT c.id, t.tag
FROM cards c
JOIN card_tags t ON t.card_id = c.id
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY c.ord, c.id, t.added_ms, t.tag
