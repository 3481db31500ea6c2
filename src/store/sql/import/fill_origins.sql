-- Gives the log rows after the last one with an origin (those a bulk write
-- appended, migration 012) the origins review_log_origin (migration 008)
-- would have given them one by one in id order: this device, its next
-- sequence numbers, and clock_n = max(at_n, clock_(n-1) + 1), the first
-- after the newest clock known. Unrolled, clock_n = n + max(C, max over
-- k <= n of (at_k - k)) with C the newest clock (none: the first row's own
-- time), so one window over the rows computes it.
WITH
device AS (SELECT value FROM meta WHERE key = 'device_id'),
known AS (
    SELECT COALESCE((SELECT max(o.seq) FROM event_origin o
                     WHERE o.device = (SELECT value FROM device)), 0) AS seq,
           (SELECT max(clock_ms) FROM event_origin) AS clock
),
numbered AS (
    SELECT id, at_ms, row_number() OVER (ORDER BY id) AS n
    FROM review_log
    WHERE id > (SELECT COALESCE(max(log_id), 0) FROM event_origin)
),
leading AS (
    SELECT id, n, max(at_ms - n) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS lead
    FROM numbered
)
INSERT INTO event_origin (log_id, device, seq, clock_ms)
SELECT l.id, (SELECT value FROM device), k.seq + l.n,
       l.n + max(l.lead, COALESCE(k.clock, l.lead))
FROM leading l, known k
ORDER BY l.id
