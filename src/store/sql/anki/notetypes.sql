-- Note types from schema 15 on (config: protobuf).
SELECT id, name, mtime_secs, config FROM notetypes ORDER BY id
