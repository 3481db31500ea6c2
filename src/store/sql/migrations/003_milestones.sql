-- recall collection, schema version 3. Append-only: never edit this file
-- once released; add 004_….sql instead.

-- The roadmap's milestones and capstones (`**Milestone M2:** …`,
-- `**Capstone WA:** …`), kept by sync beside the sections they close.
CREATE TABLE milestones (
    ord     INTEGER PRIMARY KEY NOT NULL,
    id      TEXT NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id),
    label   TEXT NOT NULL,
    text    TEXT NOT NULL
) STRICT;

