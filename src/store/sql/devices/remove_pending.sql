-- An event that waited has entered the log.
DELETE FROM sync_pending WHERE device = ?1 AND seq = ?2
