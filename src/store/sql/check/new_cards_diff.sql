-- Rows of new_cards (migration 010) that differ from a recomputation from
-- cards and card_state: 'stored' or 'missing', the card, its ord.
WITH expected AS (
    SELECT c.ord, c.id AS card_id FROM card_state s JOIN cards c ON c.id = s.card_id
    WHERE s.due IS NULL AND c.retired = 0
)
SELECT 'stored', card_id, ord FROM (SELECT ord, card_id FROM new_cards EXCEPT SELECT ord, card_id FROM expected)
UNION ALL
SELECT 'missing', card_id, ord FROM (SELECT ord, card_id FROM expected EXCEPT SELECT ord, card_id FROM new_cards)
ORDER BY 2, 1
