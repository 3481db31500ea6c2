-- The cards of cards.sql (same ?1), in the same order, with only what a
-- revlog row needs before the card is written: the card's id, when it was
-- added (Anki's card id comes from it) and, for a card whose Anki card and
-- note an import carried, its Anki card id (NULL otherwise: the join to
-- the note as in cards.sql decides).
SELECT c.id, c.added_ms, CASE WHEN an.id IS NOT NULL THEN ac.anki_id END
FROM cards c
LEFT JOIN anki_cards ac ON ac.card_id = c.id
LEFT JOIN anki_notes an ON an.guid = ac.guid
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
ORDER BY c.ord, c.id
