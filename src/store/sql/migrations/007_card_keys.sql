-- recall collection, schema version 7: card identity that survives edits.
-- A card's id is a hash of its text when it is first compiled; once an edit
-- changes that text (a typo fix the compile matched, or `e` in the review),
-- the card keeps its id and its history, and this table says which text
-- (the hash of its key, as a fresh card would get it) is that card now.
-- One row per card at most: only cards whose text no longer hashes to their id.

CREATE TABLE card_keys (
    key     INTEGER PRIMARY KEY NOT NULL CHECK (key >= 0),
    card_id INTEGER NOT NULL UNIQUE REFERENCES cards(id)
) STRICT;
