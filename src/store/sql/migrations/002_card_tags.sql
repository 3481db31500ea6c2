-- recall collection, schema version 2: tags on cards (`leech` for now).
-- A tag is not scheduling state: the log's Suspend event is what takes a
-- leech out of reviews, so state still equals a replay of the log.

CREATE TABLE card_tags (
    card_id  INTEGER NOT NULL REFERENCES cards(id),
    tag      TEXT NOT NULL CHECK (tag <> ''),
    added_ms INTEGER NOT NULL,
    PRIMARY KEY (card_id, tag)
) STRICT;
