-- The schema version: how many migrations have run.
PRAGMA user_version
