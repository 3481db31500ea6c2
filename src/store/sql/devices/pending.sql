-- The events waiting to be applied: device, seq, the line as read.
SELECT device, seq, line FROM sync_pending ORDER BY device, seq
