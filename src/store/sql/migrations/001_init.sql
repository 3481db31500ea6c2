-- recall collection, schema version 1. Migrations are append-only: never edit
-- this file once released; add 002_….sql instead.

PRAGMA application_id = 1380270924; -- 0x5245434C, "RECL"

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sections (
    id    TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    goal  TEXT,
    ord   INTEGER NOT NULL
) STRICT;

CREATE TABLE topics (
    id      TEXT PRIMARY KEY NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id),
    parent  TEXT REFERENCES topics(id),
    number  TEXT NOT NULL,
    title   TEXT NOT NULL,
    detail  TEXT NOT NULL,
    ord     INTEGER NOT NULL
) STRICT;

CREATE TABLE cards (
    id             INTEGER PRIMARY KEY CHECK (id >= 0),
    kind           TEXT NOT NULL CHECK (kind IN ('basic', 'typed', 'cloze', 'eval')),
    deck           TEXT NOT NULL,
    topic          TEXT NOT NULL,
    ord            INTEGER NOT NULL,
    prompt         TEXT NOT NULL,
    code           TEXT,
    answer         TEXT NOT NULL,
    alternatives   TEXT NOT NULL CHECK (json_valid(alternatives) AND json_type(alternatives) = 'array'),
    note           TEXT,
    case_sensitive INTEGER NOT NULL CHECK (case_sensitive IN (0, 1)),
    source_path    TEXT NOT NULL,
    source_line    INTEGER NOT NULL CHECK (source_line >= 0),
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    added_ms       INTEGER NOT NULL,
    updated_ms     INTEGER NOT NULL
) STRICT;

CREATE INDEX cards_by_ord ON cards(retired, ord);
CREATE INDEX cards_by_deck ON cards(deck, ord);
-- The queue joins card_state to this small covering index instead of the
-- wide card rows: at 100k cards that is megabytes read instead of tens.
CREATE INDEX cards_queue ON cards(id, retired, deck, ord);

-- Cards are retired, never deleted: their history stays.
CREATE TRIGGER cards_never_deleted BEFORE DELETE ON cards
BEGIN
    SELECT RAISE(ABORT, 'cards are never deleted; retire them');
END;

-- What the log determines about a card, kept so the queue needs no replay.
-- `recall check` compares it with a replay of the log.
CREATE TABLE card_state (
    card_id      INTEGER PRIMARY KEY NOT NULL REFERENCES cards(id),
    reps         INTEGER NOT NULL CHECK (reps >= 0),
    ef           INTEGER NOT NULL CHECK (ef > 0),      -- hundredths
    interval     INTEGER NOT NULL CHECK (interval >= 0),
    due          INTEGER,                              -- day; NULL = new
    lapses       INTEGER NOT NULL CHECK (lapses >= 0),
    suspended    INTEGER NOT NULL CHECK (suspended IN (0, 1)),
    buried_until INTEGER,                              -- hidden on days before this
    last_review  INTEGER
) STRICT;

-- The queue: due cards are a range on (suspended = 0, due <= today), new
-- cards are the point (suspended = 0, due IS NULL).
CREATE INDEX card_state_queue ON card_state(suspended, due, buried_until);

CREATE TABLE review_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id    INTEGER NOT NULL REFERENCES cards(id),
    at_ms      INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    event      TEXT NOT NULL CHECK (event IN ('answer', 'undo', 'suspend', 'unsuspend', 'bury')),
    quality    INTEGER CHECK (quality BETWEEN 0 AND 5),
    effect     TEXT CHECK (effect IN ('schedule', 'repeat', 'drill')),
    target     INTEGER REFERENCES review_log(id),
    until_day  INTEGER,
    elapsed_ms INTEGER CHECK (elapsed_ms >= 0),
    typed      TEXT,
    CHECK ((event = 'answer') = (quality IS NOT NULL AND effect IS NOT NULL)),
    CHECK ((event = 'answer') OR (quality IS NULL AND effect IS NULL)),
    CHECK ((event = 'undo') = (target IS NOT NULL)),
    CHECK ((event = 'bury') = (until_day IS NOT NULL)),
    CHECK ((event = 'answer') OR (elapsed_ms IS NULL AND typed IS NULL))
) STRICT;

CREATE INDEX review_log_by_card ON review_log(card_id, id);
CREATE INDEX review_log_by_day ON review_log(day, id);
-- An answer is undone at most once.
CREATE UNIQUE INDEX review_log_undo_target ON review_log(target) WHERE target IS NOT NULL;

-- The log is append-only.
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

-- Only an answer of the same card can be undone.
CREATE TRIGGER review_log_undo_targets_an_answer BEFORE INSERT ON review_log
WHEN NEW.event = 'undo' AND NOT EXISTS (
    SELECT 1 FROM review_log t
    WHERE t.id = NEW.target AND t.card_id = NEW.card_id AND t.event = 'answer'
)
BEGIN
    SELECT RAISE(ABORT, 'undo must target an answer of the same card');
END;
