-- Card ?1's text hashes to its own id again (or is about to get a new key).
DELETE FROM card_keys WHERE card_id = ?1
