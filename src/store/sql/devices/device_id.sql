-- This collection's device id (made by migration 006).
SELECT value FROM meta WHERE key = 'device_id'
