-- SQLite's own check of the file: one row "ok", or one row per problem.
PRAGMA integrity_check
