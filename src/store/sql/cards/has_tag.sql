-- Whether card ?1 carries tag ?2.
SELECT EXISTS (SELECT 1 FROM card_tags WHERE card_id = ?1 AND tag = ?2)
