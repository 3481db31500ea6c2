-- Every card's tags.
SELECT card_id, tag FROM card_tags ORDER BY card_id, added_ms, tag
