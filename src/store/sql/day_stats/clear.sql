-- Empties day_stats before a rebuild from the whole log.
DELETE FROM day_stats
