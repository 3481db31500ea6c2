-- Card ?2 is now compiled from the text whose key hashes to ?1.
INSERT INTO card_keys (key, card_id) VALUES (?1, ?2)
