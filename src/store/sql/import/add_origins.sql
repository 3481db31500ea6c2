-- The origins of a batch of imported log rows (import_origins.rs computes
-- them as fill_origins.sql does): the code appends one "(?, ?, ?, ?)" per
-- row, comma-separated.
INSERT INTO event_origin (log_id, device, seq, clock_ms)
VALUES
