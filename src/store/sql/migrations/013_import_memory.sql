-- recall collection, schema version 13: the FSRS memory an import carried (issue 17). Anki keeps
-- a card's stability and difficulty in cards.data; `recall import` logs them
-- with the card's `import` event, in this side table keyed by that log row
-- (review_log keeps its shape). Append-only like the log it belongs to.
CREATE TABLE import_memory (
    log_id     INTEGER PRIMARY KEY NOT NULL REFERENCES review_log(id),
    stability  REAL NOT NULL CHECK (stability > 0),
    difficulty REAL NOT NULL CHECK (difficulty > 0)
) STRICT;

CREATE TRIGGER import_memory_append_only_update BEFORE UPDATE ON import_memory
BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;

CREATE TRIGGER import_memory_append_only_delete BEFORE DELETE ON import_memory
BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;
