-- The new cards a bulk write added (migration 012) into new_cards, as
-- new_cards_state_added (migration 010) would have: every new, active card
-- not there yet (the table was complete before the write).
INSERT INTO new_cards (ord, card_id)
SELECT c.ord, c.id FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE s.due IS NULL AND c.retired = 0
  AND NOT EXISTS (SELECT 1 FROM new_cards n WHERE n.card_id = c.id)
ORDER BY c.ord, c.id
