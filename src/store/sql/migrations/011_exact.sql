-- recall collection, schema version 11: a card may ask for exact matching of
-- typed answers (a `Match: exact` line in its deck): 1 compares the text only,
-- 0 (every card before this version) the Python-aware rules too.
ALTER TABLE cards ADD COLUMN exact INTEGER NOT NULL DEFAULT 0;
