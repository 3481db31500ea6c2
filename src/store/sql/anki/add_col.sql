-- The collection row: created ?1 (s), modified ?2 (ms), and the JSON of
-- conf ?3, models ?4, decks ?5, dconf ?6.
INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')
