-- The deck of card ?1, from the covering cards_queue (not the wide card row).
SELECT deck FROM cards INDEXED BY cards_queue WHERE id = ?1
