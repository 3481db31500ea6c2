-- Every renamed card: the key its text hashes to now, and the card it is.
SELECT key, card_id FROM card_keys
