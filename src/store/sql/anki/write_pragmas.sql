-- A throwaway file: no journal, no syncing. The cache is bounded (8 MB):
-- an export streams, and its memory must not grow with the collection
-- (pages it spills go to the OS's cache of the file; 4, 16 or 60 MB took
-- the same time).
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -8192;
