-- The bulk write is over: every later row gets its origin from the triggers.
DELETE FROM bulk_append
