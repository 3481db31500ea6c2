-- A new random id for this collection, made as migration 006 made the first
-- (SQLite's randomblob draws from the system's entropy): the rows logged so
-- far keep the id in their origin; the origin trigger numbers the next ones
-- under the new id from 1.
UPDATE meta SET value = lower(hex(randomblob(8))) WHERE key = 'device_id'
