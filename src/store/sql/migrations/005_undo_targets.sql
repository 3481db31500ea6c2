-- recall collection, schema version 5: an undo may take back a suspend, an
-- unsuspend or a bury as well as an answer (the review's `u` undoes the last
-- event of the session, whatever it was). Only the trigger changes; the log
-- table and its rows stay as they are. An unbury is a `bury` whose
-- until_day is not after its day (it hides nothing), so no new event kind.

DROP TRIGGER review_log_undo_targets_an_answer;

CREATE TRIGGER review_log_undo_targets_an_undoable_event BEFORE INSERT ON review_log
WHEN NEW.event = 'undo' AND NOT EXISTS (
    SELECT 1 FROM review_log t
    WHERE t.id = NEW.target AND t.card_id = NEW.card_id
      AND t.event IN ('answer', 'suspend', 'unsuspend', 'bury')
)
BEGIN
    SELECT RAISE(ABORT, 'undo must target an answer, suspend, unsuspend or bury of the same card');
END;
