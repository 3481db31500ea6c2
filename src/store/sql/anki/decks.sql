-- Decks from schema 15 on (levels separated by U+001F).
SELECT id, name FROM decks ORDER BY id
