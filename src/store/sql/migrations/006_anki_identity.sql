-- recall collection, schema version 6: what an Anki import carries so that an export gives it
-- back to Anki as it was (issue 13): the note types, each note (its guid,
-- fields as HTML and tags), which Anki card each recall card is. An Anki
-- answer is logged at its revlog id's millisecond, so the log knows it; the
-- ids of answers recall exported that came back under another id (the
-- exporter moves answers of one millisecond apart) are kept in
-- anki_revlog, so a re-import appends only new answers.
-- Not scheduling state: `recall check` still replays the log alone.

CREATE TABLE IF NOT EXISTS anki_notetypes (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    cloze      INTEGER NOT NULL CHECK (cloze IN (0, 1)),
    -- JSON: ["Front", "Back"].
    fields     TEXT NOT NULL,
    -- JSON: [["Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"]].
    templates  TEXT NOT NULL,
    css        TEXT NOT NULL,
    mtime_secs INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS anki_notes (
    guid        TEXT PRIMARY KEY,
    id          INTEGER NOT NULL,
    notetype_id INTEGER NOT NULL REFERENCES anki_notetypes(id),
    -- JSON: the fields' HTML in the note type's order.
    fields      TEXT NOT NULL,
    -- JSON: the note's tags as Anki had them.
    tags        TEXT NOT NULL,
    mtime_secs  INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS anki_cards (
    card_id INTEGER PRIMARY KEY REFERENCES cards(id),
    anki_id INTEGER NOT NULL,
    guid    TEXT NOT NULL REFERENCES anki_notes(guid),
    ord     INTEGER NOT NULL CHECK (ord >= 0)
) STRICT;

CREATE INDEX IF NOT EXISTS anki_cards_by_guid ON anki_cards(guid);

CREATE TABLE IF NOT EXISTS anki_revlog (
    card_id   INTEGER NOT NULL REFERENCES cards(id),
    revlog_id INTEGER NOT NULL,
    PRIMARY KEY (card_id, revlog_id)
) STRICT, WITHOUT ROWID;
