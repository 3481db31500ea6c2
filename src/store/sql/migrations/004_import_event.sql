-- recall collection, schema version 4: an `import` event that sets a card's
-- SM-2 state to the one another program (Anki) had, so that a card imported
-- with its scheduling still equals a replay of its log. SQLite cannot change
-- a CHECK constraint in place, so the log is rebuilt with its rows and ids.

CREATE TABLE review_log_v2 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id    INTEGER NOT NULL REFERENCES cards(id),
    at_ms      INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    event      TEXT NOT NULL
               CHECK (event IN ('answer', 'undo', 'suspend', 'unsuspend', 'bury', 'import')),
    quality    INTEGER CHECK (quality BETWEEN 0 AND 5),
    effect     TEXT CHECK (effect IN ('schedule', 'repeat', 'drill')),
    target     INTEGER REFERENCES review_log_v2(id),
    until_day  INTEGER,
    elapsed_ms INTEGER CHECK (elapsed_ms >= 0),
    typed      TEXT,
    -- The state an `import` sets (`due` NULL = new).
    reps       INTEGER CHECK (reps >= 0),
    ef         INTEGER CHECK (ef > 0),
    interval   INTEGER CHECK (interval >= 0),
    due        INTEGER,
    lapses     INTEGER CHECK (lapses >= 0),
    CHECK ((event = 'answer') = (quality IS NOT NULL AND effect IS NOT NULL)),
    CHECK ((event = 'answer') OR (quality IS NULL AND effect IS NULL)),
    CHECK ((event = 'undo') = (target IS NOT NULL)),
    CHECK ((event = 'bury') = (until_day IS NOT NULL)),
    CHECK ((event = 'answer') OR (elapsed_ms IS NULL AND typed IS NULL)),
    CHECK ((event = 'import') = (reps IS NOT NULL AND ef IS NOT NULL AND interval IS NOT NULL
                                 AND lapses IS NOT NULL)),
    CHECK ((event = 'import') OR due IS NULL)
) STRICT;

INSERT INTO review_log_v2 (id, card_id, at_ms, day, event, quality, effect, target, until_day,
                           elapsed_ms, typed)
SELECT id, card_id, at_ms, day, event, quality, effect, target, until_day, elapsed_ms, typed
FROM review_log ORDER BY id;

-- Dropping a table fires no trigger, so the append-only guards do not stop it.
DROP TABLE review_log;
ALTER TABLE review_log_v2 RENAME TO review_log;

CREATE INDEX review_log_by_card ON review_log(card_id, id);
CREATE INDEX review_log_by_day ON review_log(day, id);
CREATE UNIQUE INDEX review_log_undo_target ON review_log(target) WHERE target IS NOT NULL;

CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TRIGGER review_log_undo_targets_an_answer BEFORE INSERT ON review_log
WHEN NEW.event = 'undo' AND NOT EXISTS (
    SELECT 1 FROM review_log t
    WHERE t.id = NEW.target AND t.card_id = NEW.card_id AND t.event = 'answer'
)
BEGIN
    SELECT RAISE(ABORT, 'undo must target an answer of the same card');
END;
