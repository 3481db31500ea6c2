-- Takes tag ?2 off card ?1 (an undone answer that had made it a leech).
DELETE FROM card_tags WHERE card_id = ?1 AND tag = ?2
