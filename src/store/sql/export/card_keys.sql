-- The cards of cards.sql (same ?1) in table order (NOT INDEXED: pages in
-- sequence; cards_by_ord would visit a table page per card), with only
-- what a revlog row needs before the card is written: the card's id, its
-- place in introduction order (ord, then id: the caller sorts), when it was
-- added (Anki's card id comes from it) and, for a card whose Anki card and
-- note an import carried, its Anki card id (NULL otherwise, as the join to
-- the note decides in cards.sql).
SELECT c.id, c.ord, c.added_ms,
       CASE WHEN EXISTS (SELECT 1 FROM anki_notes an WHERE an.guid = ac.guid)
            THEN ac.anki_id END
FROM cards c NOT INDEXED
LEFT JOIN anki_cards ac ON ac.card_id = c.id
WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
