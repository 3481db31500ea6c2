-- Per device, the highest sequence number this collection holds, in its
-- log or waiting in sync_pending: the high-water mark a sync resumes from.
SELECT device, max(seq)
FROM (SELECT device, seq FROM event_origin UNION ALL SELECT device, seq FROM sync_pending)
GROUP BY device
