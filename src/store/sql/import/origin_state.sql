-- Where the origins stand before a bulk write's batch gets its own: the last
-- log row with an origin, this device's id and last sequence number (0 for
-- none), and the newest clock known (NULL for none), as fill_origins.sql
-- reads them.
SELECT COALESCE((SELECT max(log_id) FROM event_origin), 0),
       m.value,
       COALESCE((SELECT max(o.seq) FROM event_origin o WHERE o.device = m.value), 0),
       (SELECT max(clock_ms) FROM event_origin)
FROM meta m WHERE m.key = 'device_id'
