-- How many cards cards.sql reads (same ?1).
SELECT count(*) FROM cards c WHERE c.retired = 0 AND (?1 IS NULL OR c.deck GLOB ?1)
