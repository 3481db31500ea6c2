-- A throwaway file: no journal, no syncing. The cache is bounded (16 MB;
-- an export with scheduling gives back what its revlog slots take, down to
-- 8 MB: AnkiSink::set_cache_bytes): an export streams, and its memory must
-- not grow with the collection.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -16384;
