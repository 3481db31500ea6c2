-- The origin of the next log row (device, seq, clock): the trigger of
-- migration 006 moves it to event_origin with that row.
INSERT INTO sync_incoming (device, seq, clock_ms) VALUES (?1, ?2, ?3)
