-- Note types and decks of a collection before schema 15: JSON in `col`.
SELECT models, decks FROM col
