-- The tags of card ?1, by name.
SELECT tag FROM card_tags WHERE card_id = ?1 ORDER BY tag
