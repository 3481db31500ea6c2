-- Retires card ?1 at ?2 (ms): out of every deck, its state and log kept.
UPDATE cards SET retired = 1, updated_ms = ?2 WHERE id = ?1
