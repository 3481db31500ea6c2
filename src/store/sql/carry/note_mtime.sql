-- Note ?1 (guid) as recall last imported it: fields JSON, tags JSON, mtime.
SELECT fields, tags, mtime_secs FROM anki_notes WHERE guid = ?1
