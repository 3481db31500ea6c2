-- recall collection, schema version 14: a bulk write (an import) may fill
-- `event_origin` (migration 008) and `new_cards` (migration 010) once, in
-- SQL, for all the rows it appended, instead of a trigger per row (four
-- statements for each log row: most of the time of a large import).
--
-- `bulk_append` holds its one row only inside the transaction of such a
-- write, which sets it first and removes it last (a failed write rolls it
-- back with the rest); while it is there the two triggers below stand
-- aside and the write fills both tables itself (sql/import/fill_origins.sql,
-- sql/import/fill_new_cards.sql), with the values the triggers would give.
-- Every other write (record, undo, lifecycle, sync, repair) finds the table
-- empty and gets its origin and new_cards rows from the triggers as before.
-- Every step may run again (IF [NOT] EXISTS), as in migration 008.
CREATE TABLE IF NOT EXISTS bulk_append (
    one INTEGER PRIMARY KEY NOT NULL CHECK (one = 1)
) STRICT;

DROP TRIGGER IF EXISTS review_log_origin;

-- As in migration 008, unless a bulk write is under way.
CREATE TRIGGER review_log_origin AFTER INSERT ON review_log
WHEN NOT EXISTS (SELECT 1 FROM bulk_append)
BEGIN
    INSERT INTO event_origin (log_id, device, seq, clock_ms)
    SELECT NEW.id, device, seq, clock_ms FROM sync_incoming;
    INSERT INTO event_origin (log_id, device, seq, clock_ms)
    SELECT NEW.id, m.value,
           COALESCE((SELECT max(o.seq) FROM event_origin o WHERE o.device = m.value), 0) + 1,
           max(NEW.at_ms, COALESCE((SELECT max(clock_ms) + 1 FROM event_origin), NEW.at_ms))
    FROM meta m
    WHERE m.key = 'device_id' AND NOT EXISTS (SELECT 1 FROM sync_incoming);
    DELETE FROM sync_incoming;
END;

DROP TRIGGER IF EXISTS new_cards_state_added;

-- As in migration 010, unless a bulk write is under way.
CREATE TRIGGER new_cards_state_added AFTER INSERT ON card_state
WHEN NEW.due IS NULL AND NOT EXISTS (SELECT 1 FROM bulk_append)
BEGIN
    INSERT OR REPLACE INTO new_cards (ord, card_id)
    SELECT c.ord, c.id FROM cards c WHERE c.id = NEW.card_id AND c.retired = 0;
END;
