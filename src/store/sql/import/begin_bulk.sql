-- A bulk write begins (migration 012): the per-row triggers of event_origin
-- and new_cards stand aside until end_bulk.sql, in the same transaction.
INSERT INTO bulk_append (one) VALUES (1)
