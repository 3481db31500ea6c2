-- recall collection, schema version 2: the roadmap's milestones and capstones
-- (`**Milestone M2:** …`, `**Capstone WA:** …`), kept by sync beside the
-- sections they close. Append-only: never edit this file once released.

CREATE TABLE milestones (
    ord     INTEGER PRIMARY KEY NOT NULL,
    id      TEXT NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id),
    label   TEXT NOT NULL,
    text    TEXT NOT NULL
) STRICT;
