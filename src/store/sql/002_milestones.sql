-- recall collection, schema version 2. Append-only: never edit this file
-- once released; add 003_….sql instead.

-- The roadmap's milestones and capstones (`**Milestone M2:** …`,
-- `**Capstone WA:** …`), kept by sync beside the sections they close.
CREATE TABLE milestones (
    ord     INTEGER PRIMARY KEY NOT NULL,
    id      TEXT NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id),
    label   TEXT NOT NULL,
    text    TEXT NOT NULL
) STRICT;

-- The queue index also covers `buried_until`, so counting the due cards
-- (`recall due --count`, run on every shell prompt) never reads a table row.
DROP INDEX card_state_queue;
CREATE INDEX card_state_queue ON card_state(suspended, due, buried_until);
