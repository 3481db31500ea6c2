-- The revlog rows as they come, card by card (a temp table: on disk past
-- the cache), to go into the revlog sorted by time, with unique ids.
CREATE TEMP TABLE staged_revlog (
    at INTEGER NOT NULL, cid INTEGER NOT NULL, ease INTEGER NOT NULL,
    ivl INTEGER NOT NULL, last_ivl INTEGER NOT NULL, factor INTEGER NOT NULL,
    time INTEGER NOT NULL, type INTEGER NOT NULL
);
-- The rows whose id moved off their time (another answer had it).
CREATE TEMP TABLE moved_revlog (cid INTEGER NOT NULL, id INTEGER NOT NULL);
