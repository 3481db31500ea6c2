-- "RECL" for a recall collection, 0 for a new file.
PRAGMA application_id
