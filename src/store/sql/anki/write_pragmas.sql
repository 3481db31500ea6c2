-- A throwaway file: no journal, no syncing, and a cache big enough that
-- pages are written once.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
