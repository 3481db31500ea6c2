-- recall collection, schema version 8: every log row gets a globally unique
-- id (the device that logged it and its sequence number there) and the clock
-- it sorts by, so that the logs of several devices merge by union
-- (`recall sync`, docs/sync.md). A side table: the log keeps its shape.
-- Every step may run again on a collection that has them (IF NOT EXISTS),
-- so a renumbered or repeated migration does no harm.

-- This collection's device id, made once.
INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', lower(hex(randomblob(8))));

-- Where each log row came from. `clock_ms` is the origin's wall time made
-- monotonic on that device (never below the clock of a row it had seen), so
-- the one replay order of a card, (clock_ms, device, seq), puts every row
-- after everything its device knew when it was logged. No foreign key to
-- review_log: a later migration that rebuilds the log (as 004 did) keeps
-- its ids, and a foreign key would stop it from dropping the old table.
CREATE TABLE IF NOT EXISTS event_origin (
    log_id   INTEGER PRIMARY KEY NOT NULL,
    device   TEXT NOT NULL CHECK (device <> ''),
    seq      INTEGER NOT NULL CHECK (seq > 0),
    clock_ms INTEGER NOT NULL,
    UNIQUE (device, seq)
) STRICT;

CREATE INDEX IF NOT EXISTS event_origin_by_clock ON event_origin(clock_ms);

-- The rows logged so far are this device's, in log order.
INSERT INTO event_origin (log_id, device, seq, clock_ms)
SELECT id, (SELECT value FROM meta WHERE key = 'device_id'),
       (SELECT COALESCE(max(o.seq), 0) FROM event_origin o
        WHERE o.device = (SELECT value FROM meta WHERE key = 'device_id'))
         + row_number() OVER (ORDER BY id),
       max(at_ms) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING)
FROM review_log
WHERE id NOT IN (SELECT log_id FROM event_origin);

CREATE TRIGGER IF NOT EXISTS event_origin_no_update BEFORE UPDATE ON event_origin
BEGIN
    SELECT RAISE(ABORT, 'event_origin is append-only');
END;

CREATE TRIGGER IF NOT EXISTS event_origin_no_delete BEFORE DELETE ON event_origin
BEGIN
    SELECT RAISE(ABORT, 'event_origin is append-only');
END;

-- The origin of the one row a sync is about to append (at most one row,
-- emptied by the trigger below): a row from another device keeps its id.
CREATE TABLE IF NOT EXISTS sync_incoming (
    device   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    clock_ms INTEGER NOT NULL
) STRICT;

-- Every appended log row gets its origin in the same transaction: the
-- incoming one of a sync, else this device's next sequence number and a
-- clock after every row already known.
CREATE TRIGGER IF NOT EXISTS review_log_origin AFTER INSERT ON review_log
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

-- Events read from another device that cannot be applied yet: their card is
-- not in this collection (decks out of step) or the row an undo names has
-- not arrived. Kept as read (one line of the device's file) and retried by
-- every sync; a row leaves this table when its event enters the log.
CREATE TABLE IF NOT EXISTS sync_pending (
    device TEXT NOT NULL,
    seq    INTEGER NOT NULL CHECK (seq > 0),
    line   TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (device, seq)
) STRICT;
